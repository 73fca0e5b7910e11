/* Interview Arena — the live interview page (an ES module, loaded with the CSP nonce; no inline code).

   What it does:
   - the interviewer: a three.js avatar (./avatar.js, loaded only when WebGL works; else the static image
     stays), speech synthesis per persona with word-by-word captions, a mouth driven by the voice;
   - the answer: Start answer / Done, a timer, a live transcript where the browser has speech recognition,
     the textarea always usable (when it is used, it is the answer). Offsets are on the session clock;
   - the recording: MediaRecorder with a 2 s timeslice, each chunk POSTed as raw bytes to
     segments/<n>/chunks/<seq>; chunks wait in memory and are retried with backoff while offline; a reload
     resumes at the current question with a new segment;
   - live coaching: window.ArenaLive (static/interviews/live.js) gets the microphone stream; nudges → toasts;
   - finishing: stop, drain the upload queue, then POST finish (the server seals and queues the analysis).
*/

const TIMESLICE_MS = 2000;
const MAX_BACKOFF_MS = 15000;
const DRAIN_TIMEOUT_MS = 120000;

const root = document.getElementById("arena");
if (root) boot(root);

function boot(root) {
  const reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const mediaMode = root.dataset.mediaMode || "typed";
  const csrf = readCsrf();
  const $ = (selector, scope) => (scope || root).querySelector(selector);

  /* ------------------------------------------------------------------ the session clock */
  let clockBase = 0;
  let clockAt = performance.now();
  const clock = () => Math.max(0, Math.round(clockBase + performance.now() - clockAt));
  function syncClock(ms) {
    const value = Number(ms);
    if (!Number.isFinite(value)) return;
    clockBase = value;
    clockAt = performance.now();
  }

  /* ------------------------------------------------------------------ backdrop and avatar */
  const backdrop = $("[data-arena-backdrop]");
  if (root.dataset.backgroundUrl && backdrop) {
    // CSSOM, not a style attribute: allowed under the strict CSP.
    backdrop.style.backgroundImage = `url("${root.dataset.backgroundUrl}")`;
    backdrop.classList.add("has-image");
  }

  const avatarHolder = $("[data-avatar]");
  let avatar = null;
  const avatarReady = loadAvatar();

  async function loadAvatar() {
    if (!webglAvailable()) {
      avatarHolder.classList.add("is-static");
      return null;
    }
    try {
      const module = await import("./avatar.js");
      avatar = await module.createAvatar(avatarHolder, {
        persona: root.dataset.persona,
        glbUrl: root.dataset.avatarUrl || "",
        reducedMotion,
      });
      avatarHolder.classList.add("has-3d");
    } catch (error) {
      console.warn("Arena: 3D avatar unavailable, showing the picture instead.", error);
      avatarHolder.classList.add("is-static");
    }
    return avatar;
  }

  /* ------------------------------------------------------------------ voice and captions */
  const caption = $("[data-caption]");
  const voiceRate = Number(root.dataset.voiceRate) || 1;
  const voicePitch = Number(root.dataset.voicePitch) || 1;
  const voiceHints = (root.dataset.voiceHints || "").split("|").filter(Boolean);
  let speaking = null;

  function pickVoice() {
    if (!("speechSynthesis" in window)) return null;
    const voices = window.speechSynthesis.getVoices().filter((v) => /^en/i.test(v.lang));
    for (const hint of voiceHints) {
      const found = voices.find((v) => v.name.includes(hint) || v.lang === hint);
      if (found) return found;
    }
    return voices.find((v) => v.default) || voices[0] || null;
  }

  function showCaption(text) {
    caption.replaceChildren();
    const words = [];
    let index = 0;
    for (const part of text.split(/(\s+)/)) {
      if (!part) continue;
      if (/^\s+$/.test(part)) {
        caption.append(document.createTextNode(" "));
      } else {
        const span = document.createElement("span");
        span.className = "arena__word";
        span.textContent = part;
        span.dataset.start = String(index);
        caption.append(span);
        words.push(span);
      }
      index += part.length;
    }
    caption.classList.add("is-visible");
    return words;
  }

  function markWord(words, charIndex) {
    for (const word of words) {
      const start = Number(word.dataset.start);
      word.classList.toggle("is-spoken", start < charIndex);
      word.classList.toggle("is-current", start === charIndex);
    }
  }

  function setSpeaking(on) {
    avatarHolder.classList.toggle("is-speaking", on);
    if (avatar) avatar.setSpeaking(on);
  }

  /** Speak ``text``; resolves when done, cancelled, or after a generous estimate (some browsers never
   *  fire "end", headless ones may have no voice at all: the mouth and captions then run on a timer). */
  function speak(text) {
    stopSpeaking();
    const words = showCaption(text);
    const estimate = (text.split(/\s+/).length / (2.6 * voiceRate)) * 1000 + 800;
    return new Promise((resolve) => {
      const state = { done: false, timers: [] };
      speaking = state;
      const finish = () => {
        if (state.done) return;
        state.done = true;
        state.timers.forEach(clearTimeout);
        setSpeaking(false);
        markWord(words, Infinity);
        if (speaking === state) speaking = null;
        resolve();
      };
      state.finish = finish;
      // Fallback: if no voice starts within 1.5 s, animate captions and mouth on a timer.
      const simulate = () => {
        if (state.done || state.started) return;
        state.started = true;
        setSpeaking(true);
        const step = estimate / Math.max(words.length, 1);
        words.forEach((word, i) =>
          state.timers.push(
            setTimeout(() => {
              markWord(words, Number(word.dataset.start));
              if (avatar) avatar.pulse(word.textContent.length);
            }, i * step),
          ),
        );
        state.timers.push(setTimeout(finish, estimate));
      };
      if (!("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) {
        simulate();
        return;
      }
      const utterance = new SpeechSynthesisUtterance(text);
      const voice = pickVoice();
      if (voice) utterance.voice = voice;
      utterance.lang = (voice && voice.lang) || "en-US";
      utterance.rate = voiceRate;
      utterance.pitch = voicePitch;
      utterance.onstart = () => {
        state.started = true;
        setSpeaking(true);
        state.timers.push(setTimeout(finish, estimate * 2.5 + 4000)); // a voice that never says "end"
      };
      utterance.onboundary = (event) => {
        if (event.name && event.name !== "word") return;
        markWord(words, event.charIndex);
        if (avatar) avatar.pulse(event.charLength || 4);
      };
      utterance.onend = finish;
      utterance.onerror = () => (state.started ? finish() : simulate());
      state.timers.push(setTimeout(simulate, 1500));
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(utterance);
    });
  }

  function stopSpeaking() {
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
    if (speaking && speaking.finish) speaking.finish();
  }

  /* ------------------------------------------------------------------ microphone and camera */
  let stream = null;
  const mirror = $("[data-mirror]");

  async function acquireMedia() {
    if (stream || mediaMode === "typed" || !navigator.mediaDevices) return stream;
    const audio = { echoCancellation: true, noiseSuppression: true, channelCount: 1 };
    const video = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } };
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio, video: mediaMode === "video" ? video : false });
    } catch (error) {
      if (mediaMode === "video") {
        try {
          stream = await navigator.mediaDevices.getUserMedia({ audio });
          note("No camera: recording your voice only.");
        } catch (inner) {
          stream = null;
        }
      }
      if (!stream) note("No microphone available: type your answers. Nothing is recorded.");
    }
    if (stream && stream.getVideoTracks().length && mirror) {
      mirror.srcObject = stream;
      mirror.hidden = false;
      mirror.play().catch(() => {});
    }
    return stream;
  }

  const hasMicrophone = () => !!(stream && stream.getAudioTracks().length);

  /* ------------------------------------------------------------------ chunked upload */
  const uploadStatus = $("[data-upload-status]");
  const recStatus = $("[data-rec-status]");

  const uploader = {
    segment: null,
    mime: "",
    queue: [],
    nextSeq: 0,
    busy: false,
    fatal: "",
    recorded: 0,
    uploaded: 0,
    backoff: 1000,
    waiters: [],

    async open(mime) {
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await postJson(root.dataset.segmentsUrl, { mime_type: mime, started_at_ms: clock() });
          const body = await response.json().catch(() => ({}));
          if (response.status === 201) {
            this.segment = body.index;
            this.mime = mime;
            this.nextSeq = 0;
            this.queue = [];
            return true;
          }
          this.fatal = body.error || `The recording could not start (${response.status}).`;
          this.render();
          return false;
        } catch (error) {
          await sleep(Math.min(1000 * 2 ** attempt, MAX_BACKOFF_MS));
        }
      }
    },

    push(blob) {
      if (this.segment === null || this.fatal) return;
      this.queue.push({ seq: this.nextSeq++, blob });
      this.recorded += blob.size;
      this.render();
      this.pump();
    },

    chunkUrl(seq) {
      return `${root.dataset.segmentsUrl}${this.segment}/chunks/${seq}`;
    },

    async pump() {
      if (this.busy) return;
      this.busy = true;
      while (this.queue.length && !this.fatal) {
        const item = this.queue[0];
        let response = null;
        try {
          response = await fetch(this.chunkUrl(item.seq), {
            method: "POST",
            body: item.blob,
            credentials: "same-origin",
            redirect: "manual",
            headers: { "Content-Type": this.mime, "X-CSRFToken": csrf },
          });
        } catch (error) {
          response = null; // offline: keep the chunk, retry below
        }
        if (response && response.ok) {
          this.queue.shift();
          this.uploaded += item.blob.size;
          this.backoff = 1000;
          this.render();
          continue;
        }
        const body = response ? await response.json().catch(() => ({})) : {};
        if (response && response.status === 409 && Number.isInteger(body.expected)) {
          // The server has everything before ``expected``: drop what it already holds, resend the rest.
          if (body.expected > item.seq) {
            while (this.queue.length && this.queue[0].seq < body.expected) {
              this.uploaded += this.queue.shift().blob.size;
            }
            continue;
          }
          this.fatal = "Part of the recording was lost; the rest cannot be placed after it.";
        } else if (response && [400, 404, 409, 413, 415].includes(response.status)) {
          this.fatal = body.error || `The server refused the recording (${response.status}).`;
        } else if (response && response.type === "opaqueredirect") {
          this.fatal = "You were signed out, so the recording stopped. Sign in again and resume.";
        } else {
          this.render(`Offline — ${this.queue.length} part${this.queue.length === 1 ? "" : "s"} waiting, retrying in ${Math.round(this.backoff / 1000)} s`);
          await sleep(this.backoff);
          this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
        }
      }
      if (this.fatal) {
        this.queue = [];
        stopRecorder();
      }
      this.busy = false;
      this.render();
      if (!this.queue.length) this.waiters.splice(0).forEach((resolve) => resolve(true));
    },

    drain(timeoutMs) {
      if (!this.queue.length && !this.busy) return Promise.resolve(true);
      return new Promise((resolve) => {
        this.waiters.push(resolve);
        setTimeout(() => resolve(false), timeoutMs);
      });
    },

    render(message) {
      uploadStatus.dataset.recordedBytes = String(this.recorded);
      uploadStatus.dataset.uploadedBytes = String(this.uploaded);
      if (this.fatal) {
        uploadStatus.textContent = this.fatal;
        uploadStatus.classList.add("is-error");
      } else if (message) {
        uploadStatus.textContent = message;
      } else if (this.recorded) {
        uploadStatus.textContent = `Recording saved: ${formatBytes(this.uploaded)} of ${formatBytes(this.recorded)}`;
      }
    },
  };

  window.addEventListener("online", () => {
    uploader.backoff = 1000;
    uploader.pump();
  });

  /* ------------------------------------------------------------------ recorder */
  let recorder = null;
  let recorderStopped = null;

  function pickMime(video) {
    const options = video
      ? ["video/webm;codecs=vp8,opus", "video/webm;codecs=vp9,opus", "video/webm", "video/mp4"]
      : ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];
    return options.find((type) => window.MediaRecorder && MediaRecorder.isTypeSupported(type)) || "";
  }

  async function startRecorder() {
    if (!stream || !window.MediaRecorder || recorder) return;
    const video = stream.getVideoTracks().length > 0;
    const mime = pickMime(video);
    if (!mime) {
      note("This browser cannot record here: your answers are kept, the recording is not.");
      return;
    }
    if (!(await uploader.open(mime.split(";")[0]))) return;
    recorder = new MediaRecorder(stream, {
      mimeType: mime,
      audioBitsPerSecond: 64000,
      videoBitsPerSecond: video ? 900000 : undefined,
    });
    recorderStopped = new Promise((resolve) => recorder.addEventListener("stop", resolve, { once: true }));
    recorder.addEventListener("dataavailable", (event) => {
      if (event.data && event.data.size) uploader.push(event.data);
    });
    recorder.start(TIMESLICE_MS);
    recStatus.hidden = false;
  }

  async function stopRecorder() {
    if (!recorder) return;
    const stopping = recorderStopped;
    if (recorder.state !== "inactive") recorder.stop();
    recorder = null;
    await stopping;
    recStatus.hidden = true;
  }

  /* ------------------------------------------------------------------ live coaching (live.js) */
  let liveStarted = false;

  function liveCall(method, ...args) {
    const live = window.ArenaLive;
    if (!live || typeof live[method] !== "function") return;
    try {
      const result = live[method](...args);
      // start() is async: a refused socket or a missing AudioWorklet must not surface as an unhandled error.
      if (result && typeof result.catch === "function") {
        result.catch((error) => console.warn(`ArenaLive.${method} failed`, error));
      }
    } catch (error) {
      console.warn(`ArenaLive.${method} failed`, error);
    }
  }

  function startLive() {
    if (liveStarted || !hasMicrophone() || !window.ArenaLive) return;
    liveStarted = true;
    liveCall("onNudge", showNudge);
    // The session clock, so the live detectors' offsets match the answers' and the recording's.
    liveCall("start", { sessionId: Number(root.dataset.session), stream, clock });
  }

  function showNudge(nudge) {
    const template = document.getElementById("arena-toast");
    if (!template) return;
    const toast = template.content.firstElementChild.cloneNode(true);
    const text = typeof nudge === "string" ? nudge : (nudge && (nudge.message || nudge.text)) || "Keep going.";
    toast.querySelector(".toast__text").textContent = text;
    toast.dataset.nudge = (nudge && (nudge.kind || nudge.type)) || "nudge";
    document.getElementById("toasts").append(toast);
    // app.js arms toasts (close button, auto-dismiss) on htmx:load.
    toast.dispatchEvent(new CustomEvent("htmx:load", { bubbles: true }));
  }

  /* ------------------------------------------------------------------ speech recognition */
  const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  let recognition = null;
  let recognitionUsable = !!Recognition;
  let finalText = "";

  function startRecognition(onText) {
    if (!recognitionUsable || !hasMicrophone()) return;
    try {
      recognition = new Recognition();
    } catch (error) {
      recognitionUsable = false;
      return;
    }
    recognition.continuous = true;
    recognition.interimResults = true;
    recognition.lang = "en-US";
    recognition.onresult = (event) => {
      let interim = "";
      for (let i = event.resultIndex; i < event.results.length; i++) {
        const result = event.results[i];
        if (result.isFinal) {
          finalText = `${finalText} ${result[0].transcript}`.trim();
          liveCall("transcript", result[0].transcript, clock());
        } else {
          interim += result[0].transcript;
        }
      }
      onText(`${finalText} ${interim}`.trim());
    };
    recognition.onerror = (event) => {
      if (["not-allowed", "service-not-allowed", "network", "language-not-supported"].includes(event.error)) {
        recognitionUsable = false;
        note("Live transcript is not available in this browser; your spoken answer is still recorded.");
      }
    };
    recognition.onend = () => {
      // Chrome ends recognition after a pause; keep listening while the answer is open.
      if (recognition && recognitionUsable && answer.open) {
        try {
          recognition.start();
        } catch (error) {
          /* already started */
        }
      }
    };
    try {
      recognition.start();
    } catch (error) {
      recognitionUsable = false;
    }
  }

  function stopRecognition() {
    const current = recognition;
    recognition = null;
    if (current) {
      try {
        current.stop();
      } catch (error) {
        /* not started */
      }
    }
  }

  /* ------------------------------------------------------------------ the turn (an htmx partial) */
  const answer = { open: false, startedMs: null, typedStartMs: null, voice: false, timer: null };
  let begun = false;
  let finishing = false;

  function enterTurn(turn) {
    syncClock(turn.dataset.clockMs);
    const state = turn.dataset.state;
    const progress = $("[data-progress]");
    if (state === "question" && turn.dataset.questionNumber && progress) {
      progress.textContent = `Question ${turn.dataset.questionNumber} of ${turn.dataset.questionCount}`;
    }
    if (state === "lobby") return armLobby(turn);
    if (state === "question") return askQuestion(turn);
    if (state === "complete") {
      const form = turn.querySelector("[data-auto-finish]");
      if (form && begun) finish(form);
    }
  }

  function armLobby(turn) {
    const form = turn.querySelector("[data-begin-form]");
    if (!form) return;
    form.addEventListener("htmx:confirm", (event) => {
      event.preventDefault();
      const button = form.querySelector("button");
      if (button) button.disabled = true;
      prepare().finally(() => event.detail.issueRequest(true));
    });
  }

  async function prepare() {
    // Inside the click: unlock speech synthesis, ask for the devices, then begin.
    if ("speechSynthesis" in window) window.speechSynthesis.getVoices();
    await acquireMedia();
  }

  async function askQuestion(turn) {
    Object.assign(answer, { open: false, startedMs: null, typedStartMs: null, voice: false });
    finalText = "";
    if (!begun) {
      begun = true;
      $("[data-finish-early]").hidden = false;
      await startRecorder();
      startLive();
    }
    const startButton = turn.querySelector("[data-answer-start]");
    const textarea = turn.querySelector("[data-answer-text]");
    const timer = turn.querySelector("[data-answer-timer]");
    const transcript = turn.querySelector("[data-transcript]");
    if (hasMicrophone()) startButton.hidden = false;

    startButton.addEventListener("click", () => {
      stopSpeaking();
      openAnswer(timer);
      answer.voice = true;
      startButton.hidden = true;
      transcript.hidden = false;
      transcript.textContent = recognitionUsable ? "Listening…" : "Recording your answer — press Done when you have finished.";
      startRecognition((text) => (transcript.textContent = text));
      turn.querySelector("[data-answer-done]").focus();
    });
    textarea.addEventListener("input", () => {
      if (answer.typedStartMs === null) answer.typedStartMs = clock();
      if (!answer.open) openAnswer(timer);
    });

    await avatarReady;
    const question = turn.querySelector("[data-question]");
    await speak(question.textContent.trim());
    if (!answer.open && turn.isConnected) (hasMicrophone() ? startButton : textarea).focus();
  }

  function openAnswer(timer) {
    if (answer.open) return;
    answer.open = true;
    answer.startedMs = answer.typedStartMs !== null ? Math.min(answer.typedStartMs, clock()) : clock();
    liveCall("answerOpen", answer.startedMs);
    const started = performance.now();
    clearInterval(answer.timer);
    const tick = () => (timer.textContent = formatDuration(performance.now() - started));
    tick();
    answer.timer = setInterval(tick, 250);
  }

  // Capture phase: fill the form before htmx reads it.
  root.addEventListener(
    "submit",
    (event) => {
      const form = event.target.closest("[data-answer-form]");
      if (!form) return;
      stopSpeaking();
      const ended = clock();
      const typed = form.elements.text.value.trim();
      form.elements.started_ms.value = String(answer.startedMs ?? answer.typedStartMs ?? ended);
      form.elements.ended_ms.value = String(ended);
      form.elements.mode.value = answer.voice && !typed ? "voice" : "typed";
      form.elements.transcript.value = finalText;
      if (answer.open) {
        answer.open = false;
        clearInterval(answer.timer);
        liveCall("answerClose", ended);
      }
      stopRecognition();
    },
    true,
  );

  root.addEventListener("htmx:afterSettle", (event) => {
    const turn = event.detail.elt && event.detail.elt.id === "arena-turn" ? event.detail.elt : document.getElementById("arena-turn");
    if (turn && turn !== currentTurn) {
      currentTurn = turn;
      enterTurn(turn);
    }
  });
  root.addEventListener("htmx:responseError", () => note("The server had a problem. Your answer is still here: press Done again."));
  root.addEventListener("htmx:sendError", () => note("You seem to be offline. Your answer is still here: press Done again when you are back."));

  /* ------------------------------------------------------------------ finishing */
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("[data-finish-form]");
    if (!form) return;
    event.preventDefault();
    finish(form);
  });

  async function finish(form) {
    if (finishing) return;
    finishing = true;
    form.querySelectorAll("button").forEach((button) => (button.disabled = true));
    stopSpeaking();
    stopRecognition();
    if (answer.open) liveCall("answerClose", clock());
    liveCall("stop");
    note("Saving your recording…");
    await stopRecorder();
    const drained = await uploader.drain(DRAIN_TIMEOUT_MS);
    if (!drained) note("Part of the recording could not be uploaded; finishing with what arrived.");
    if (stream) stream.getTracks().forEach((track) => track.stop());
    HTMLFormElement.prototype.submit.call(form);
  }

  /* ------------------------------------------------------------------ helpers */
  function note(message) {
    const status = $("[data-upload-status]");
    status.textContent = message;
  }

  let currentTurn = document.getElementById("arena-turn");
  if (currentTurn) enterTurn(currentTurn);

  function postJson(url, payload) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(payload),
    });
  }
}

function readCsrf() {
  try {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  } catch (error) {
    return "";
  }
}

function webglAvailable() {
  try {
    const canvas = document.createElement("canvas");
    return !!(window.WebGLRenderingContext && (canvas.getContext("webgl2") || canvas.getContext("webgl")));
  } catch (error) {
    return false;
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

function formatDuration(ms) {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
