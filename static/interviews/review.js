/* Game Tape: the player, its timeline of markers, the scrubber and the transcript that follows playback.
 *
 * Times are seconds on the session's recording timeline. A recording may be several segments, each placed at
 * its start (data-start): the player plays them in sequence and maps a session time to (segment, local time).
 * No inline styles or handlers (strict CSP): markers are placed through the CSSOM from data attributes.
 * Without a recording (typed interviews) a virtual clock still moves the playhead and the highlight.
 */
(function () {
  "use strict";

  function fmt(seconds) {
    var s = Math.max(0, Math.floor(seconds || 0));
    var m = Math.floor(s / 60);
    var r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }

  function Tape(root) {
    this.root = root;
    this.duration = parseFloat(root.dataset.duration) || 1;
    this.media = root.querySelector("[data-tape-media]");
    this.segments = Array.prototype.map.call(root.querySelectorAll("[data-segment]"), function (el) {
      return { el: el, src: el.dataset.src, start: parseFloat(el.dataset.start) || 0 };
    });
    this.current = 0;
    this.virtual = 0;
    this.scrub = root.querySelector("[data-scrub]");
    this.playhead = root.querySelector("[data-playhead]");
    this.nowLabel = root.querySelector("[data-now]");
    this.transcript = root.querySelector("[data-transcript]");
    this.turns = Array.prototype.map.call(root.querySelectorAll("[data-turn]"), function (el) {
      return {
        el: el,
        start: el.dataset.start === undefined ? null : parseFloat(el.dataset.start),
        end: el.dataset.end === undefined ? null : parseFloat(el.dataset.end),
        words: Array.prototype.map.call(el.querySelectorAll("[data-t]"), function (w) {
          return { el: w, t: parseFloat(w.dataset.t) };
        })
      };
    });
    this.activeTurn = null;
    this.activeWord = null;
    this.dragging = false;
    this.placeMarkers();
    this.bind();
    this.update();
  }

  Tape.prototype.placeMarkers = function () {
    var duration = this.duration;
    this.root.querySelectorAll(".timeline__marker").forEach(function (el) {
      var at = parseFloat(el.dataset.at) || 0;
      el.style.left = Math.min(100, (at / duration) * 100) + "%";
      if (el.dataset.end) {
        var width = ((parseFloat(el.dataset.end) - at) / duration) * 100;
        if (width > 0.8) {
          el.style.width = Math.min(width, 100 - (at / duration) * 100) + "%";
          el.classList.add("timeline__marker--span");
        }
      }
    });
  };

  Tape.prototype.now = function () {
    if (!this.media) return this.virtual;
    var seg = this.segments[this.current];
    return (seg ? seg.start : 0) + (this.media.currentTime || 0);
  };

  Tape.prototype.segmentAt = function (t) {
    var index = 0;
    this.segments.forEach(function (seg, i) {
      if (seg.start <= t + 0.001) index = i;
    });
    return index;
  };

  Tape.prototype.load = function (index, localTime, play) {
    var self = this;
    var seg = this.segments[index];
    this.current = index;
    this.segments.forEach(function (s, i) {
      if (i === index) s.el.setAttribute("aria-current", "true");
      else s.el.removeAttribute("aria-current");
    });
    var apply = function () {
      self.media.currentTime = Math.max(0, localTime);
      if (play) self.media.play().catch(function () {});
      self.update();
    };
    if (this.media.getAttribute("src") !== seg.src) {
      this.media.setAttribute("src", seg.src);
      this.media.addEventListener("loadedmetadata", apply, { once: true });
      this.media.load();
    } else {
      apply();
    }
  };

  Tape.prototype.seek = function (t, play) {
    t = Math.max(0, Math.min(t, this.duration));
    if (!this.media || !this.segments.length) {
      this.virtual = t;
      this.update();
      return;
    }
    var index = this.segmentAt(t);
    this.load(index, t - this.segments[index].start, play);
  };

  Tape.prototype.bind = function () {
    var self = this;
    if (this.media) {
      ["timeupdate", "seeked", "loadedmetadata"].forEach(function (name) {
        self.media.addEventListener(name, function () { self.update(); });
      });
      this.media.addEventListener("play", function () { self.tick(); });
      this.media.addEventListener("ended", function () {
        if (self.current + 1 < self.segments.length) self.load(self.current + 1, 0, true);
      });
    }
    if (this.scrub) {
      this.scrub.addEventListener("input", function () {
        self.dragging = true;
        self.seek(parseFloat(self.scrub.value), false);
      });
      this.scrub.addEventListener("change", function () { self.dragging = false; });
    }
    this.root.addEventListener("click", function (event) {
      var segment = event.target.closest("[data-segment]");
      if (segment) {
        var seg = self.segments[parseInt(segment.dataset.segment, 10)];
        if (seg) self.seek(seg.start + 0.01, false);
        return;
      }
      var word = event.target.closest("[data-t]");
      if (word && self.root.contains(word)) {
        self.seek(parseFloat(word.dataset.t), true);
      }
    });
  };

  Tape.prototype.tick = function () {
    var self = this;
    if (!this.media || this.media.paused) return;
    this.update();
    window.requestAnimationFrame(function () { self.tick(); });
  };

  Tape.prototype.update = function () {
    var t = this.now();
    var share = Math.min(100, (t / this.duration) * 100);
    if (this.playhead) this.playhead.style.left = share + "%";
    if (this.scrub && !this.dragging) this.scrub.value = t.toFixed(1);
    if (this.nowLabel) this.nowLabel.textContent = fmt(t);
    this.highlight(t);
  };

  Tape.prototype.highlight = function (t) {
    var turn = null;
    this.turns.forEach(function (candidate) {
      if (candidate.start !== null && candidate.start <= t + 0.05 && (candidate.end === null || t <= candidate.end + 0.5)) {
        turn = candidate;
      }
    });
    if (turn !== this.activeTurn) {
      if (this.activeTurn) {
        this.activeTurn.el.classList.remove("is-current");
        this.activeTurn.el.removeAttribute("aria-current");
      }
      if (turn) {
        turn.el.classList.add("is-current");
        turn.el.setAttribute("aria-current", "true");
        this.reveal(turn.el);
      }
      this.activeTurn = turn;
    }
    var word = null;
    if (turn) {
      turn.words.forEach(function (w) {
        if (w.t <= t + 0.05) word = w;
      });
    }
    if (word !== this.activeWord) {
      if (this.activeWord) this.activeWord.el.classList.remove("is-current");
      if (word) word.el.classList.add("is-current");
      this.activeWord = word;
    }
  };

  Tape.prototype.reveal = function (el) {
    // Scroll the transcript box only (never the page) so the current answer is in view.
    var box = this.transcript;
    if (!box || box.scrollHeight <= box.clientHeight) return;
    var top = el.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - 40) box.scrollTop = Math.max(0, top - 8);
  };

  var tapes = [];

  function init(scope) {
    (scope || document).querySelectorAll("[data-tape]").forEach(function (root) {
      if (root.dataset.tapeReady) return;
      root.dataset.tapeReady = "1";
      tapes.push(new Tape(root));
    });
  }

  function tapeFor(el) {
    for (var i = 0; i < tapes.length; i += 1) {
      if (tapes[i].root.isConnected && (tapes[i].root.contains(el) || tapes[i].root.closest("[data-review]") === el.closest("[data-review]"))) {
        return tapes[i];
      }
    }
    return null;
  }

  // Anything with data-seek (markers, evidence links, moments, answer buttons), anywhere in the report.
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-seek], [data-turn-link]");
    if (!trigger) return;
    var tape = tapeFor(trigger);
    if (!tape) return;
    if (trigger.dataset.seek !== undefined) {
      tape.seek(parseFloat(trigger.dataset.seek), trigger.tagName === "A");
      if (trigger.tagName === "A") {
        event.preventDefault();
        tape.root.scrollIntoView({ block: "start", behavior: "smooth" });
      }
    } else {
      var turn = tape.turns[parseInt(trigger.dataset.turnLink, 10)];
      if (turn && turn.start !== null) tape.seek(turn.start, false);
    }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) event.target.select();
  });

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target); });
})();
