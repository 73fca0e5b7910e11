/* Interview Arena — small progressive enhancements. Every page works without this file.
   Loaded with `defer` and a CSP nonce; no inline handlers anywhere, so behaviour is wired here. */
(function () {
  "use strict";

  var TOAST_MS = 6000;
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  /* ---------------------------------------------------------------- toasts */
  function dismissToast(toast) {
    if (!toast || toast.dataset.leaving) return;
    toast.dataset.leaving = "1";
    if (reducedMotion) {
      toast.remove();
      return;
    }
    toast.classList.add("is-leaving");
    toast.addEventListener("animationend", function () { toast.remove(); }, { once: true });
    window.setTimeout(function () { toast.remove(); }, 400);
  }

  function armToast(toast) {
    if (toast.dataset.armed) return;
    toast.dataset.armed = "1";
    var close = toast.querySelector("[data-toast-close]");
    if (close) close.hidden = false;
    var timer = null;
    function start() { timer = window.setTimeout(function () { dismissToast(toast); }, TOAST_MS); }
    function stop() { window.clearTimeout(timer); }
    // Hovering or focusing a toast keeps it open long enough to read (WCAG 2.2.1).
    toast.addEventListener("mouseenter", stop);
    toast.addEventListener("mouseleave", start);
    toast.addEventListener("focusin", stop);
    toast.addEventListener("focusout", start);
    start();
  }

  function armToasts(root) {
    root = root || document;
    if (root.matches && root.matches("[data-toast]")) armToast(root);
    root.querySelectorAll("[data-toast]").forEach(armToast);
  }

  document.addEventListener("click", function (event) {
    var close = event.target.closest("[data-toast-close]");
    if (close) dismissToast(close.closest("[data-toast]"));
  });

  /* ---------------------------------------------------------------- user menu (<details>) */
  function closeMenus(except) {
    document.querySelectorAll("details[data-menu][open]").forEach(function (menu) {
      if (menu !== except) menu.open = false;
    });
  }

  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest("details[data-menu]"));
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector("details[data-menu][open]");
    if (open) {
      open.open = false;
      var summary = open.querySelector("summary");
      if (summary) summary.focus();
    }
  });

  /* ---------------------------------------------------------------- sign-up time zone */
  function fillTimeZone(root) {
    var input = (root || document).querySelector('input[type="hidden"][name="time_zone"]');
    if (!input || input.value) return;
    try {
      input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (err) {
      // Old browsers: the server falls back to UTC.
    }
  }

  /* ---------------------------------------------------------------- confirm before destructive submits */
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
  });

  /* ---------------------------------------------------------------- boot */
  function init(root) {
    armToasts(root);
    fillTimeZone(root);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
  // Content swapped in by htmx (including out-of-band toasts) gets the same treatment.
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
