// AudioWorklet: microphone → 16 kHz mono PCM16 (little-endian) in 100 ms frames, posted to the page.
//
// Loaded by static/interviews/live.js with audioWorklet.addModule(); runs on the audio thread at the
// context's rate (usually 48 kHz or 44.1 kHz). Channels are averaged to mono, low-passed (windowed-sinc
// FIR, cutoff 7 kHz, so nothing above the new Nyquist folds back) and resampled by linear interpolation.
// Each frame is an ArrayBuffer of 3 200 bytes, transferred (not copied) through the port.
"use strict";

const TARGET_RATE = 16000;
const FRAME_SAMPLES = 1600; // 100 ms
const TAPS = 31;

function lowPass(rate) {
  const cutoff = Math.min(7000, rate / 2 - 1000) / rate;
  const half = (TAPS - 1) / 2;
  const taps = new Float32Array(TAPS);
  let sum = 0;
  for (let i = 0; i < TAPS; i++) {
    const n = i - half;
    const sinc = n === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * n) / (Math.PI * n);
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (TAPS - 1));
    taps[i] = sinc * hann;
    sum += taps[i];
  }
  for (let i = 0; i < TAPS; i++) taps[i] /= sum;
  return taps;
}

class Pcm16Downsampler extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / TARGET_RATE; // input samples per output sample
    this.filter = sampleRate > TARGET_RATE ? lowPass(sampleRate) : null;
    this.history = new Float32Array(TAPS); // ring of the last filter inputs
    this.historyPos = 0;
    this.previous = 0; // last filtered sample, for interpolation across render quanta
    this.position = 0; // where the next output sample falls, in input samples after `previous`
    this.frame = new Int16Array(FRAME_SAMPLES);
    this.filled = 0;
    this.running = true;
    this.port.onmessage = (event) => {
      if (event.data === "stop") this.running = false;
    };
  }

  filtered(x) {
    if (!this.filter) return x;
    this.history[this.historyPos] = x;
    this.historyPos = (this.historyPos + 1) % TAPS;
    let acc = 0;
    for (let i = 0, j = this.historyPos; i < TAPS; i++, j = (j + 1) % TAPS) acc += this.filter[i] * this.history[j];
    return acc;
  }

  emit(value) {
    const clamped = Math.max(-1, Math.min(1, value));
    this.frame[this.filled++] = clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff;
    if (this.filled === FRAME_SAMPLES) {
      const buffer = this.frame.buffer;
      this.port.postMessage(buffer, [buffer]);
      this.frame = new Int16Array(FRAME_SAMPLES);
      this.filled = 0;
    }
  }

  process(inputs) {
    const channels = inputs[0];
    if (!this.running) return false;
    if (!channels || channels.length === 0) return true;
    const length = channels[0].length;
    for (let i = 0; i < length; i++) {
      let mono = 0;
      for (let c = 0; c < channels.length; c++) mono += channels[c][i];
      const current = this.filtered(mono / channels.length);
      // output samples that fall between `previous` (position 0) and `current` (position 1)
      while (this.position <= 1) {
        this.emit(this.previous + (current - this.previous) * this.position);
        this.position += this.step;
      }
      this.position -= 1;
      this.previous = current;
    }
    return true;
  }
}

registerProcessor("pcm16-downsampler", Pcm16Downsampler);
