/* Coach: streams a reply into the page as it is written, with Cancel.
   - fetch() POSTs to the reply's stream URL and reads Server-Sent Events (start, delta, done) from a
     ReadableStream; Cancel aborts it with an AbortController (the server keeps what arrived, flagged).
   - Streamed text is only ever set with textContent. When the stream ends, htmx fetches the stored
     message — Markdown sanitized on the server, engine label, notice — and swaps it in.
   - Send stays disabled while a reply streams; the server refuses a second message anyway.
   Without this file every form still works: the server writes the reply before it answers. */
(function () {
  "use strict";

  var active = null;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (err) {
      return "";
    }
  }

  function setBusy(busy) {
    document.querySelectorAll("[data-coach-send]").forEach(function (form) {
      form.toggleAttribute("data-busy", busy);
      form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = busy; });
    });
  }

  function swapIn(article, url) {
    if (window.htmx && article.isConnected) {
      window.htmx.ajax("GET", url, { target: article, swap: "outerHTML" });
    } else {
      window.location.reload();
    }
  }

  // Split complete SSE blocks off the buffer; return what is left (an incomplete block).
  function parseEvents(buffer, onEvent) {
    var blocks = buffer.split("\n\n");
    var rest = blocks.pop();
    blocks.forEach(function (block) {
      var name = "message";
      var data = "";
      block.split("\n").forEach(function (line) {
        if (line.indexOf("event: ") === 0) name = line.slice(7);
        else if (line.indexOf("data: ") === 0) data += line.slice(6);
      });
      try {
        onEvent(name, data ? JSON.parse(data) : {});
      } catch (err) {
        // A malformed event is skipped; the stored message replaces everything at the end.
      }
    });
    return rest;
  }

  function stream(article) {
    if (active || article.dataset.started || !article.dataset.streamUrl) return;
    article.dataset.started = "1";
    var body = article.querySelector("[data-stream-body]");
    var cancel = article.querySelector("[data-cancel]");
    var messageUrl = article.dataset.messageUrl;
    var controller = new AbortController();
    var text = null;
    active = controller;
    setBusy(true);
    if (cancel) {
      cancel.hidden = false;
      cancel.addEventListener("click", function () {
        cancel.disabled = true;
        controller.abort();
      }, { once: true });
    }
    article.scrollIntoView({ block: "nearest" });

    function show(delta) {
      if (!text) {
        text = document.createElement("div");
        text.className = "msg__stream";
        body.insertBefore(text, body.firstChild);
      }
      text.textContent += delta;
    }

    function finish(delay) {
      active = null;
      setBusy(false);
      if (cancel) cancel.hidden = true;
      window.setTimeout(function () { swapIn(article, messageUrl); }, delay);
    }

    fetch(article.dataset.streamUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken(), Accept: "text/event-stream" },
      credentials: "same-origin",
      signal: controller.signal,
    })
      .then(function (response) {
        if (!response.ok || !response.body) throw new Error("stream refused: " + response.status);
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = "";
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) return;
            buffer = parseEvents(buffer + decoder.decode(chunk.value, { stream: true }), function (name, data) {
              if (name === "delta") show(String(data.text || ""));
            });
            return pump();
          });
        }
        return pump();
      })
      .then(function () { finish(0); })
      // Cancelled, refused (another tab) or cut off: the stored version polls until the server is done.
      .catch(function () { finish(400); });
  }

  function scan(root) {
    if (!root || !root.querySelectorAll) return;
    if (root.matches("[data-stream-url]")) stream(root);
    root.querySelectorAll("[data-stream-url]").forEach(stream);
  }

  // A second message while a reply streams would be refused by the server; don't even send it.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (active && event.target.closest && event.target.closest("[data-coach-send]")) event.preventDefault();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    var form = event.target.closest && event.target.closest("form[data-composer], form#start-form");
    if (form && !active) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // STAR drafter: live word count and speaking time for the editable answer.
  document.addEventListener("input", function (event) {
    var area = event.target.closest && event.target.closest("[data-word-count]");
    var out = area && area.form && area.form.querySelector("[data-word-count-out]");
    if (!out) return;
    var count = area.value.replace(/\[[^\]]*\]/g, " ").split(/\s+/).filter(Boolean).length;
    var seconds = Math.round((count * 60) / (Number(area.dataset.wordCount) || 150));
    out.textContent = count + " words · about " + Math.floor(seconds / 60) + ":" +
      String(seconds % 60).padStart(2, "0") + " spoken";
  });

  document.addEventListener("htmx:load", function (event) { scan(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { scan(document.body); });
  } else {
    scan(document.body);
  }
})();
