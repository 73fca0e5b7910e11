/* Answer Library — progressive enhancements; every page works without this file.
   Loaded with a CSP nonce from library templates; no inline handlers, so behaviour is wired here. */
(function () {
  "use strict";

  /* A form with errors comes back as 422: swap it in like a success so the errors show
     (htmx leaves 4xx responses unswapped by default). Only Library responses use 422 this way. */
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  /* Cancel inside the delete panel of a list item: close the panel, give focus back to "Delete". */
  document.addEventListener("click", function (event) {
    var cancel = event.target.closest("[data-library-cancel]");
    if (!cancel) return;
    var slot = cancel.closest("[data-confirm-slot]");
    if (!slot) return; // the full confirmation page: follow the link
    event.preventDefault();
    var card = slot.closest("li");
    slot.replaceChildren();
    var trigger = card && card.querySelector("[data-delete-trigger]");
    if (trigger) trigger.focus();
  });

  /* "/" jumps to the search box, as on most sites with a search. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
    var search = document.querySelector("[data-library-search]");
    if (!search) return;
    event.preventDefault();
    search.focus();
    search.select();
  });

  /* After a deletion the results reload; keep keyboard focus in them instead of losing it to <body>. */
  var focusResults = false;
  document.body.addEventListener("answers-changed", function () { focusResults = true; });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!focusResults) return;
    var results = document.getElementById("answer-results");
    if (results && event.detail.elt && (event.detail.elt === results || event.detail.elt.id === "answer-results")) {
      focusResults = false;
      results.focus();
    }
  });
})();
