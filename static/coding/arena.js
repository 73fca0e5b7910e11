/* Interview Arena — the coding arena's problem page: Monaco in place of the <textarea>, a draft per language
   autosaved (debounced POST), reset to the starter code, Ctrl/Cmd+Enter to run (+Shift to submit).
   Without JavaScript the page still works: the textarea is the editor, language tabs are links, Reset and
   Run/Submit are plain form posts. Loaded with `defer` after monaco-boot.js. */
(function () {
  "use strict";

  var root = document.querySelector("[data-arena]");
  if (!root) return;

  var SAVE_DELAY_MS = 800;
  var form = document.getElementById("code-form");
  var textarea = form.querySelector("[data-code-input]");
  var languageInput = form.querySelector('input[name="language"]');
  var status = form.querySelector("[data-save-status]");
  var drafts = JSON.parse(document.getElementById("coding-drafts").textContent);
  var starters = JSON.parse(document.getElementById("coding-starters").textContent);
  var language = root.getAttribute("data-language");
  var csrf = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
  var editor = null;
  var saveTimer = null;
  var dirty = false;

  function code() { return editor ? editor.getValue() : textarea.value; }

  function setStatus(text) { if (status) status.textContent = text; }

  function post(url, fields) {
    var body = new FormData();
    Object.keys(fields).forEach(function (key) { body.append(key, fields[key]); });
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "HX-Request": "true" }
    });
  }

  // ------------------------------------------------------------------ drafts
  function saveNow() {
    window.clearTimeout(saveTimer);
    if (!dirty) return Promise.resolve();
    dirty = false;
    var value = code();
    var lang = language;
    drafts[lang] = value;
    setStatus("Saving…");
    return post(root.getAttribute("data-draft-url"), { language: lang, code: value }).then(function (response) {
      setStatus(response.ok ? "Draft saved" : "Could not save the draft");
    }, function () {
      dirty = true;
      setStatus("Offline — the draft will be saved when you are back");
    });
  }

  function changed() {
    textarea.value = code();
    drafts[language] = textarea.value;
    dirty = true;
    setStatus("Editing…");
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(saveNow, SAVE_DELAY_MS);
  }

  textarea.addEventListener("input", changed);
  window.addEventListener("pagehide", function () {
    if (!dirty) return;
    var body = new FormData();
    body.append("language", language);
    body.append("code", code());
    body.append("csrfmiddlewaretoken", csrf);
    navigator.sendBeacon(root.getAttribute("data-draft-url"), body);
  });

  // ------------------------------------------------------------------ language tabs
  function selectLanguage(next) {
    if (next === language) return;
    saveNow();
    language = next;
    languageInput.value = next;
    var value = Object.prototype.hasOwnProperty.call(drafts, next) ? drafts[next] : starters[next] || "";
    textarea.value = value;
    if (editor) {
      var model = editor.getModel();
      window.monaco.editor.setModelLanguage(model, next);
      model.setValue(value);
      dirty = false;
    }
    form.querySelectorAll("[data-language-tab]").forEach(function (tab) {
      if (tab.getAttribute("data-language-tab") === next) tab.setAttribute("aria-current", "true");
      else tab.removeAttribute("aria-current");
    });
    var url = new URL(window.location.href);
    url.searchParams.set("language", next);
    window.history.replaceState(null, "", url);
    setStatus("");
  }

  // On document, after app.js's own listener: its data-confirm dialog has run (and prevented the default
  // when cancelled) before the reset below.
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) return;
    var tab = event.target.closest("[data-language-tab]");
    if (tab) {
      event.preventDefault();
      selectLanguage(tab.getAttribute("data-language-tab"));
      return;
    }
    var reset = event.target.closest("[data-reset]");
    if (reset && !event.defaultPrevented) {
      // app.js has already asked for confirmation (data-confirm); a cancelled dialog prevents the default.
      event.preventDefault();
      var starter = starters[language] || "";
      if (editor) editor.setValue(starter);
      textarea.value = starter;
      delete drafts[language];
      dirty = false;
      window.clearTimeout(saveTimer);
      post(root.getAttribute("data-reset-url"), { language: language }).then(function () {
        setStatus("Back to the starter code");
      });
    }
  });

  // Whatever submits the form (button, shortcut, no editor yet), the textarea holds the current code.
  document.body.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt === form || form.contains(event.detail.elt)) {
      textarea.value = code();
      event.detail.parameters.code = textarea.value;
    }
  });
  form.addEventListener("submit", function () { textarea.value = code(); });

  function press(selector) {
    var button = form.querySelector(selector);
    if (button && !button.disabled) button.click();
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    if (!root.contains(event.target)) return;
    event.preventDefault();
    press(event.shiftKey ? "[data-submit]" : "[data-run]");
  });

  // ------------------------------------------------------------------ Monaco
  if (!window.iaMonaco) return;
  window.iaMonaco.then(function (monaco) {
    window.monaco = monaco; // the editor API, also for the end-to-end tests
    var host = root.querySelector("[data-editor]");
    editor = monaco.editor.create(host, {
      value: textarea.value,
      language: language,
      theme: "vs-dark",
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      tabSize: 4,
      ariaLabel: "Code editor"
    });
    root.classList.add("has-editor");
    editor.onDidChangeModelContent(changed);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, function () { press("[data-run]"); });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, function () {
      press("[data-submit]");
    });
  }, function () {
    setStatus("The editor could not load; the plain text box still works.");
  });
})();
