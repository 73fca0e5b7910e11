/* Interview Arena — Monaco under a strict Content-Security-Policy, without relaxing it.

   Load order (all with the page's nonce, `defer`): vendor/monaco/vs/loader.js, then this file.
   The <script> tag carries `data-monaco-base` (the URL of vendor/monaco/vs).

   Monaco 0.57 needs three things that `style-src 'self' 'nonce-…'` and `font-src 'self'` refuse; each is
   handled here or in the vendored copy, so the policy stays exactly as settings.py declares it:
   1. <style> elements it creates at run time (themes, decorations): they get the page's nonce. Monaco has
      no option for this (microsoft/monaco-editor#271), so `document.createElement` is wrapped on this page.
   2. `style="…"` attributes inside the HTML strings it renders (view lines, selections, guides). Every such
      string passes through a Trusted Types policy, and Monaco lets the host supply the policy factory
      (`MonacoEnvironment.createTrustedTypesPolicy`, its supported hook). Ours moves each `style` attribute
      of a tag into `data-ia-style`, and a MutationObserver applies it through the CSSOM (`el.style.cssText`),
      which CSP does not restrict, before the browser paints.
   3. The codicon font, shipped as a `data:` URL: extracted to vs/editor/codicon.ttf when vendoring (see
      static/vendor/monaco/VERSION).
   Workers are plain same-origin scripts (`worker-src 'self'`), never blob: URLs or eval. */
(function () {
  "use strict";

  var script = document.currentScript;
  var nonce = (script && script.nonce) || "";
  var base = (script && script.getAttribute("data-monaco-base")) || "/static/vendor/monaco/vs";
  var STYLE_ATTR = "data-ia-style";

  // 1. Nonce on every <style> element created through document.createElement.
  var createElement = document.createElement;
  document.createElement = function (name, options) {
    var element = createElement.call(document, name, options);
    if (nonce && typeof name === "string" && name.toLowerCase() === "style") element.nonce = nonce;
    return element;
  };

  // 2. style="…" → data-ia-style="…" inside tags only. Monaco escapes "<" in text, so every "<" that
  //    starts a tag in these strings is markup, never the candidate's code.
  var TAG = /<[a-zA-Z][^<>]*>/g;
  var STYLE = /(\s)style="([^"]*)"/g;
  function moveStyles(html) {
    if (typeof html !== "string" || html.indexOf("style=") === -1) return html;
    return html.replace(TAG, function (tag) {
      return tag.indexOf("style=") === -1 ? tag : tag.replace(STYLE, "$1" + STYLE_ATTR + '="$2"');
    });
  }

  function applyStyles(root) {
    if (root.nodeType !== 1) return;
    if (root.hasAttribute(STYLE_ATTR)) {
      root.style.cssText = root.getAttribute(STYLE_ATTR);
      root.removeAttribute(STYLE_ATTR);
    }
    var found = root.querySelectorAll("[" + STYLE_ATTR + "]");
    for (var i = 0; i < found.length; i++) {
      found[i].style.cssText = found[i].getAttribute(STYLE_ATTR);
      found[i].removeAttribute(STYLE_ATTR);
    }
  }

  new MutationObserver(function (mutations) {
    for (var i = 0; i < mutations.length; i++) {
      var added = mutations[i].addedNodes;
      for (var j = 0; j < added.length; j++) applyStyles(added[j]);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  function workerUrl() {
    return base + "/assets/editor.worker-_vAIFJDs.js";
  }

  window.MonacoEnvironment = {
    createTrustedTypesPolicy: function (name, rules) {
      return {
        name: name,
        createHTML: function (value) {
          var html = rules && rules.createHTML ? rules.createHTML.apply(null, arguments) : value;
          return moveStyles(String(html));
        },
        createScript: function (value) { return rules && rules.createScript ? rules.createScript(value) : value; },
        createScriptURL: function (value) {
          return rules && rules.createScriptURL ? rules.createScriptURL(value) : value;
        }
      };
    },
    getWorker: function () {
      return new Worker(workerUrl(), { name: "monaco-editor-worker" });
    }
  };

  window.require.config({ paths: { vs: base }, cspNonce: nonce });

  // The editor core, its contributions (find, folding, suggest, …) and Monarch grammars; python, javascript,
  // java and cpp are the only grammar files vendored.
  window.iaMonaco = new Promise(function (resolve, reject) {
    window.require(
      ["vs/editor", "vs/toggleHighContrast-DuqAmExZ", "vs/basic-languages/monaco.contribution"],
      function (api) { resolve(api); },
      reject
    );
  });
})();
