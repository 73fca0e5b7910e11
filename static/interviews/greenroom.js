/* Green Room: background preview, upload size check, mirror check (camera preview + microphone level).
   Progressive enhancement: without this file the form still works (radio lists, a plain upload, typed
   answers). Strict CSP: no inline styles or handlers — the level is a <meter>, wired here. */
(function () {
  "use strict";

  var form = document.querySelector("[data-greenroom]");
  if (!form) return;

  /* ---------------------------------------------------------------- background preview */
  var preview = form.querySelector("[data-background-preview]");
  var caption = form.querySelector("[data-background-caption]");

  function showBackground(radio) {
    if (!preview || !radio) return;
    var label = radio.closest("label");
    var thumb = label && label.querySelector("[data-background-src]");
    if (!thumb) return;
    preview.src = thumb.getAttribute("src");
    preview.dataset.background = radio.value;
    if (caption) caption.textContent = "Preview: " + label.textContent.trim() + " — the background behind your interviewer.";
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.name === "background") showBackground(target);
    if (target.name === "resume_file") checkFileSize(target);
    if (target.name === "media_mode") form.dataset.mediaChosen = "user";
  });
  showBackground(form.querySelector('input[name="background"]:checked'));

  /* ---------------------------------------------------------------- upload size, before sending */
  var limit = parseInt(form.dataset.uploadLimit || "0", 10);

  function checkFileSize(input) {
    var hint = form.querySelector("[data-upload-hint]");
    var file = input.files && input.files[0];
    if (!hint) return;
    if (file && limit && file.size > limit) {
      hint.textContent = "“" + file.name + "” is " + (file.size / 1048576).toFixed(1) + " MB; the limit is " +
        Math.floor(limit / 1048576) + " MB. Choose a smaller file (export without images, or use .docx or .txt).";
      input.value = "";
      input.setAttribute("aria-invalid", "true");
    } else {
      hint.textContent = file ? "Ready to upload “" + file.name + "”." : "";
      input.removeAttribute("aria-invalid");
    }
  }

  // A double-clicked Start sends the form once from here; the server's token catches any other repeat.
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (!submitter || submitter.value !== "start") return;
    if (form.dataset.starting) {
      event.preventDefault();
      return;
    }
    form.dataset.starting = "1";
    submitter.setAttribute("aria-disabled", "true");
    stopMirror();
  });

  /* ---------------------------------------------------------------- mirror check */
  var mirror = form.querySelector("[data-mirror]");
  if (!mirror) return;
  var video = mirror.querySelector("[data-mirror-video]");
  var placeholder = mirror.querySelector("[data-mirror-placeholder]");
  var meter = mirror.querySelector("[data-mirror-meter]");
  var status = mirror.querySelector("[data-mirror-status]");
  var startButton = mirror.querySelector("[data-mirror-start]");
  var stopButton = mirror.querySelector("[data-mirror-stop]");
  var stream = null;
  var audioContext = null;
  var frame = 0;

  function say(text) { if (status) status.textContent = text; }

  function chooseMode(mode) {
    if (form.dataset.mediaChosen === "user") return; // the candidate's own choice wins
    var radio = form.querySelector('input[name="media_mode"][value="' + mode + '"]');
    if (radio) radio.checked = true;
  }

  function explain(error, what) {
    var name = error && error.name;
    if (name === "NotAllowedError" || name === "SecurityError") {
      return "Access to your " + what + " was blocked. Allow it in the browser's address bar (the camera icon) and press “Start mirror check” again";
    }
    if (name === "NotFoundError" || name === "OverconstrainedError") return "No " + what + " was found";
    if (name === "NotReadableError" || name === "AbortError") {
      return "Your " + what + " is busy (another app or tab may be using it). Close it and try again";
    }
    return "Your " + what + " could not be started" + (name ? " (" + name + ")" : "");
  }

  function getMedia(constraints) {
    return navigator.mediaDevices.getUserMedia(constraints);
  }

  function startMirror() {
    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say("This page is not on a secure connection (https), so the browser offers no camera or microphone. You can still start and answer by typing.");
      chooseMode("typed");
      return;
    }
    stopMirror();
    say("Asking for your camera and microphone…");
    getMedia({ video: { width: { ideal: 640 }, height: { ideal: 360 } }, audio: true })
      .then(function (s) { begin(s, ""); })
      .catch(function (videoError) {
        // No camera (or camera refused): try the microphone alone — the interview runs audio-only.
        return getMedia({ audio: true })
          .then(function (s) { begin(s, explain(videoError, "camera") + ". You can answer with your microphone only."); })
          .catch(function (audioError) {
            say(explain(audioError, "microphone") + ". You can still take the interview by typing your answers.");
            chooseMode("typed");
          });
      });
  }

  function begin(s, note) {
    stream = s;
    var hasVideo = s.getVideoTracks().length > 0;
    if (hasVideo && video) {
      video.srcObject = s;
      video.hidden = false;
      if (placeholder) placeholder.hidden = true;
      var playing = video.play();
      if (playing && playing.catch) playing.catch(function () {});
    }
    chooseMode(hasVideo ? "video" : "audio");
    listen(s);
    say(note || "Camera and microphone are working. Speak a few words and watch the level move.");
    if (startButton) startButton.hidden = true;
    if (stopButton) stopButton.hidden = false;
  }

  function listen(s) {
    var AudioContextClass = window.AudioContext || window.webkitAudioContext;
    if (!AudioContextClass || !meter || s.getAudioTracks().length === 0) return;
    audioContext = new AudioContextClass();
    var source = audioContext.createMediaStreamSource(s);
    var analyser = audioContext.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    var samples = new Float32Array(analyser.fftSize);
    if (audioContext.state === "suspended") audioContext.resume();
    function tick() {
      analyser.getFloatTimeDomainData(samples);
      var sum = 0;
      for (var i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
      var rms = Math.sqrt(sum / samples.length);
      // dBFS from -60 (silence) to 0 (full scale), shown as 0–100.
      var db = rms > 0 ? 20 * Math.log10(rms) : -100;
      var level = Math.max(0, Math.min(100, Math.round((db + 60) * (100 / 60))));
      meter.value = level;
      meter.textContent = level;
      meter.dataset.level = String(level);
      frame = window.requestAnimationFrame(tick);
    }
    tick();
  }

  function stopMirror() {
    if (frame) window.cancelAnimationFrame(frame);
    frame = 0;
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    if (audioContext) audioContext.close();
    audioContext = null;
    if (video) { video.srcObject = null; video.hidden = true; }
    if (placeholder) placeholder.hidden = false;
    if (meter) meter.value = 0;
    if (startButton) startButton.hidden = false;
    if (stopButton) stopButton.hidden = true;
  }

  if (startButton) {
    startButton.hidden = false;
    startButton.addEventListener("click", startMirror);
  }
  if (stopButton) {
    stopButton.addEventListener("click", function () {
      stopMirror();
      say("Mirror check stopped.");
    });
  }
  window.addEventListener("pagehide", stopMirror);
})();
