/*
 * Live coaching in the Arena: microphone → 16 kHz PCM16 frames → LiveCoachConsumer → nudges.
 *
 * Include it as a static file (no inline script; the page's CSP allows 'self'), telling it where the
 * worklet lives so hashed static names keep working:
 *
 *   <script src="{% static 'interviews/live.js' %}"
 *           data-worklet="{% static 'interviews/pcm-worklet.js' %}" defer></script>
 *
 * API (window.ArenaLive):
 *
 *   ArenaLive.start({sessionId, stream, clock, workletUrl}) → Promise<void>
 *       sessionId  the InterviewSession id (must be live and the user's own)
 *       stream     a MediaStream with an audio track (from getUserMedia); only its audio is used
 *       clock      optional () => ms on the recording timeline; defaults to ms since start(). Pass the
 *                  recorder's clock so nudge offsets line up with the recording and TimelineEvents.
 *       workletUrl optional; defaults to data-worklet of this script tag, else /static/interviews/pcm-worklet.js
 *     Call it from a user gesture (it creates an AudioContext). Safe to call again after stop().
 *   ArenaLive.stop()                       closes the socket and the audio graph (the stream is not stopped)
 *   ArenaLive.answerOpen(offsetMs)         an answer starts (silence and pace are watched from here)
 *   ArenaLive.answerClose(offsetMs)        it ends
 *   ArenaLive.transcript(text, offsetMs)   a final speech-recognition snippet that ended at offsetMs
 *   ArenaLive.onNudge(callback)            callback({type: "nudge", kind: "silence"|"pace", offset_ms,
 *                                          message, detail}); returns a function that unsubscribes
 *   ArenaLive.onStatus(callback)           callback({state: "connecting"|"live"|"reconnecting"|"stopped",
 *                                          code?, reason?, message?}) for a small connection indicator
 *   Offsets default to the clock when omitted.
 *
 * Connection: wss/ws same origin, /ws/interviews/<id>/live/. On every (re)connect it sends
 * {"type":"sync"} with the clock and re-opens the current answer, so the server's timeline stays aligned.
 * It reconnects with exponential backoff (0.5 s … 15 s, jittered) except after a 44xx close (not signed
 * in, not yours, not live, bad or oversized messages, flooding): those are final and reported through
 * onStatus as "stopped". 4503 (server at capacity) is retried. While the socket is down or backed up
 * (more than 2 s of audio buffered) audio frames are dropped, never queued without bound.
 */
(function () {
  "use strict";

  const FRAME_BYTES = 3200; // 100 ms of 16 kHz PCM16
  const MAX_BUFFERED = 20 * FRAME_BYTES;
  const PING_MS = 20000;
  const script = document.currentScript;
  const defaultWorklet = (script && script.dataset.worklet) || "/static/interviews/pcm-worklet.js";

  const nudgeListeners = new Set();
  const statusListeners = new Set();
  let state = null; // everything belonging to one start()…stop()

  function emit(listeners, event) {
    listeners.forEach((callback) => {
      try {
        callback(event);
      } catch (error) {
        console.error("ArenaLive listener failed", error);
      }
    });
  }

  function status(state_, extra) {
    emit(statusListeners, Object.assign({ state: state_ }, extra || {}));
  }

  function socketUrl(sessionId) {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    return `${scheme}://${window.location.host}/ws/interviews/${encodeURIComponent(sessionId)}/live/`;
  }

  function sendJson(message) {
    if (state && state.ws && state.ws.readyState === WebSocket.OPEN) {
      state.ws.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  function offsetOr(offsetMs) {
    if (typeof offsetMs === "number" && isFinite(offsetMs) && offsetMs >= 0) return Math.round(offsetMs);
    return state ? Math.max(0, Math.round(state.clock())) : 0;
  }

  function connect() {
    const current = state;
    if (!current || current.stopped) return;
    status(current.attempt === 0 ? "connecting" : "reconnecting");
    const ws = new WebSocket(socketUrl(current.sessionId));
    ws.binaryType = "arraybuffer";
    current.ws = ws;
    let refusal = null;

    ws.onopen = () => {
      current.attempt = 0;
      ws.send(JSON.stringify({ type: "sync", offset_ms: offsetOr() }));
      if (current.answerOpenAt !== null) ws.send(JSON.stringify({ type: "answer_open", offset_ms: current.answerOpenAt }));
    };
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (message.type === "nudge") emit(nudgeListeners, message);
      else if (message.type === "error") refusal = message;
      else if (message.type === "status" && message.state === "ready") status("live");
    };
    ws.onclose = (event) => {
      if (current.ws === ws) current.ws = null;
      if (current.stopped) return;
      const code = event.code || (refusal && refusal.code);
      if (code >= 4400 && code < 4500) {
        current.stopped = true;
        teardownAudio(current);
        status("stopped", { code, reason: (refusal && refusal.reason) || event.reason, message: refusal && refusal.message });
        return;
      }
      const delay = Math.min(15000, 500 * 2 ** current.attempt) * (0.5 + Math.random() / 2);
      current.attempt += 1;
      status("reconnecting", { code, inMs: Math.round(delay) });
      current.retryTimer = window.setTimeout(connect, delay);
    };
  }

  function onFrame(event) {
    const current = state;
    if (!current || !current.ws || current.ws.readyState !== WebSocket.OPEN) return; // down: drop
    if (current.ws.bufferedAmount > MAX_BUFFERED) return; // backed up: drop rather than queue
    current.ws.send(event.data);
  }

  function teardownAudio(current) {
    if (current.node) {
      current.node.port.postMessage("stop");
      current.node.port.onmessage = null;
      current.node.disconnect();
    }
    if (current.source) current.source.disconnect();
    if (current.context && current.context.state !== "closed") current.context.close();
    current.node = current.source = current.context = null;
  }

  async function start(options) {
    const { sessionId, stream } = options || {};
    if (!sessionId || !stream || stream.getAudioTracks().length === 0) {
      throw new Error("ArenaLive.start needs a sessionId and a MediaStream with an audio track");
    }
    stop();
    const startedAt = performance.now();
    const current = {
      sessionId,
      clock: typeof options.clock === "function" ? options.clock : () => performance.now() - startedAt,
      ws: null,
      attempt: 0,
      stopped: false,
      answerOpenAt: null,
      retryTimer: null,
      pingTimer: null,
      context: null,
      source: null,
      node: null,
    };
    state = current;
    const context = new AudioContext();
    current.context = context;
    await context.audioWorklet.addModule(options.workletUrl || defaultWorklet);
    if (current.stopped) return;
    current.source = context.createMediaStreamSource(new MediaStream(stream.getAudioTracks()));
    current.node = new AudioWorkletNode(context, "pcm16-downsampler", { numberOfInputs: 1, numberOfOutputs: 1 });
    current.node.port.onmessage = onFrame;
    const mute = context.createGain(); // keeps the worklet pulled by the graph without playing anything
    mute.gain.value = 0;
    current.source.connect(current.node).connect(mute).connect(context.destination);
    if (context.state === "suspended") await context.resume();
    current.pingTimer = window.setInterval(() => sendJson({ type: "ping" }), PING_MS);
    connect();
  }

  function stop() {
    const current = state;
    if (!current) return;
    current.stopped = true;
    window.clearTimeout(current.retryTimer);
    window.clearInterval(current.pingTimer);
    if (current.ws) {
      if (current.answerOpenAt !== null) sendJson({ type: "answer_close", offset_ms: offsetOr() });
      current.ws.close(1000, "stopped");
      current.ws = null;
    }
    teardownAudio(current);
    state = null;
    status("stopped", { code: 1000 });
  }

  window.ArenaLive = {
    start,
    stop,
    answerOpen(offsetMs) {
      if (!state) return;
      state.answerOpenAt = offsetOr(offsetMs);
      sendJson({ type: "answer_open", offset_ms: state.answerOpenAt });
    },
    answerClose(offsetMs) {
      if (!state) return;
      state.answerOpenAt = null;
      sendJson({ type: "answer_close", offset_ms: offsetOr(offsetMs) });
    },
    transcript(text, offsetMs) {
      if (!state || typeof text !== "string" || !text.trim()) return;
      sendJson({ type: "transcript", text: text.slice(0, 2000), offset_ms: offsetOr(offsetMs) });
    },
    onNudge(callback) {
      nudgeListeners.add(callback);
      return () => nudgeListeners.delete(callback);
    },
    onStatus(callback) {
      statusListeners.add(callback);
      return () => statusListeners.delete(callback);
    },
  };
})();
