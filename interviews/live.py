"""Real-time speech detectors for live coaching: speech vs noise, silence breaker, pacing.

Pure module (numpy only, no Django): the live consumer feeds it the browser's audio and the post-session
analysis reuses it on the whole recording (``speech_rate``).

Input: 16 kHz mono signed 16-bit little-endian PCM, in frames of any length (the browser sends 100 ms).
It is decimated to 8 kHz first (a half-band low-pass, then every second sample): the band ends at 4 kHz and
pitch at 400 Hz, and the FFTs cost half as much. Everything is computed on 10 ms hops:

* **Band energy** (80–4000 Hz, dBFS: a full-scale sine reads −3 dB) from a 32 ms Hann window.
* **Periodicity** 0..1: the peak of the normalised autocorrelation at pitch lags 70–400 Hz (Boersma's
  window-corrected method), computed from a *spectrally flattened* 0–1500 Hz power spectrum. Flattening
  removes the spectral tilt, so brown or pink noise (strongly correlated at short lags) no longer looks
  periodic while the harmonics of a voice still do.
* **Adaptive noise floor**: the 10th percentile of the last 15 s of hop energies. A hop is *speech* when it
  is voiced (periodicity ≥ 0.5), at least ``SPEECH_MARGIN_DB`` above the floor and above an absolute
  minimum. Steady hum, fan or hiss sets the floor itself, so it never clears the margin; a voice does.

Silence breaker: while an answer is open, ``SILENCE_MS`` without speech → one "silence" nudge per silence
(offset = when it fires; ``detail.silence_started_ms`` = the end of the last speech, or the answer's start).

Pacing (de Jong & Wempe 2009, "Praat script to detect syllable nuclei"): a syllable nucleus is a peak of the
smoothed intensity that rises ``MIN_DIP_DB`` above the dip before it and falls as much after it, lies above
a threshold relative to the utterance (25 dB under the 99th percentile of recent energy, and above the
speech margin) and is voiced. The rate is nuclei per second of speaking time (pauses over 1 s are not
speaking time) over the last ``PACE_WINDOW_MS`` of speech in the open answer (a pause over
``PACE_BREAK_MS`` starts a new window), turned into words per minute
with ``NUCLEI_PER_WORD``. That factor is calibrated: on six interview-answer texts synthesised with espeak-ng
at 94–231 true WPM (``-s`` 85–190) the detector finds 1.27–1.48 nuclei per word (median 1.38; espeak merges
some unstressed syllables, real English runs ~1.4–1.5 syllables per word); on four held-out texts the
whole-answer estimate stays within −5 %…+11 % of the truth (measured again after the move to 8 kHz analysis,
which changed the nuclei of those 50 clips by −2…+2 % and their speaking time by under 0.2 %). Above
``PACE_LIMIT_WPM`` over a full window → one "pace" nudge. When the browser sends transcript snippets, their
words per speaking minute over the same window are compared; if the two disagree by more than
``PACE_DISAGREEMENT`` neither is trusted for nudging and a ``Notice("pace_uncertain")`` says so instead.

At most one nudge (or notice) of a kind per ``COOLDOWN_MS``. State per stream is a few fixed-size rings
(about 10 KB); a 100 ms frame costs a handful of vectorised numpy calls.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

SAMPLE_RATE = 16_000  # what the browser sends
RATE = SAMPLE_RATE // 2  # what is analysed: everything the detectors look at lies under 4 kHz
HOP = 80  # 10 ms at RATE
HOP_MS = HOP * 1000 // RATE
WINDOW = 256  # 32 ms analysis window
NFFT = 512  # zero-padded, so the autocorrelation does not wrap around

SPEECH_MARGIN_DB = 9.0
ABSOLUTE_MIN_DB = -60.0  # nothing quieter than this is speech, whatever the floor
VOICED = 0.5
FLOOR_HISTORY_MS = 15_000
FLOOR_PERCENTILE = 10
REF_PERCENTILE = 99
RANK_EVERY_HOPS = 20
BELOW_PEAK_DB = 25.0
MIN_DIP_DB = 3.0
SMOOTH_HOPS = 3  # 30 ms moving average of the intensity before peak picking
MIN_SPEECH_HOPS = 3  # a lone voiced hop in noise is not speech
MAX_PAUSE_MS = 1_000  # longer gaps are pauses, not speaking time

SILENCE_MS = 5_000
PACE_LIMIT_WPM = 160.0
PACE_WINDOW_MS = 10_000
PACE_BREAK_MS = 3_000
PACE_SPAN_MS = 30_000  # a window never reaches further back than this, however sparse the speech
NUCLEI_PER_WORD = 1.38
PACE_DISAGREEMENT = 1.4  # ratio between audio and transcript rates beyond which neither is trusted
COOLDOWN_MS = 15_000
_HOPS_PER_BIN = 100 // HOP_MS  # pace is kept in 100 ms bins

NudgeKind = Literal["silence", "pace"]

# Decimation by 2: a 19-tap half-band low-pass (Kaiser-windowed sinc, β 3.5): within ±0.13 dB up to 3 kHz,
# −1.6 dB at 3.5 kHz, −6 dB at 4 kHz (the band's top edge), under −37 dB from 5 kHz, so little folds down.
# Every second tap of a half-band filter is zero but the centre one, so an output sample is the centre tap
# times one odd input sample plus a 10-tap convolution of the even ones (numpy convolves up to 11 taps
# several times faster than 12 or more).
_HALF_BAND_TAPS = 19
_n = np.arange(_HALF_BAND_TAPS) - _HALF_BAND_TAPS // 2
_HALF_BAND = 0.5 * np.sinc(_n / 2) * np.kaiser(_HALF_BAND_TAPS, 3.5)
_HALF_BAND /= _HALF_BAND.sum()
_HB_EVEN = _HALF_BAND[0::2].astype(np.float32)  # the taps on even inputs (odd offsets from the centre)
_HB_CENTRE = np.float32(_HALF_BAND[_HALF_BAND_TAPS // 2])
_HB_HISTORY = _HALF_BAND_TAPS - 1  # input samples an output needs before its own
_HB_HALF = _HALF_BAND_TAPS // 2  # the centre tap's offset

_WIN = np.hanning(WINDOW).astype(np.float32)
_FREQS = np.fft.rfftfreq(NFFT, 1 / RATE)
_BAND = slice(int(np.searchsorted(_FREQS, 80)), int(np.searchsorted(_FREQS, 4000)))
_VOICE_BINS = int(np.searchsorted(_FREQS, 1500))
_FLAT_HALF = 25  # ±390 Hz moving average (edges clamped) = the spectral envelope, as one matrix product
_FLAT_MATRIX = np.zeros((_VOICE_BINS, _VOICE_BINS), dtype=np.float32)
for _k in range(_VOICE_BINS):
    for _j in range(_k - _FLAT_HALF, _k + _FLAT_HALF + 1):
        _FLAT_MATRIX[min(max(_j, 0), _VOICE_BINS - 1), _k] += 1 / (2 * _FLAT_HALF + 1)
# Pitch lags 70–400 Hz, in samples at RATE.
_AC_N = NFFT
_LAG_MIN, _LAG_MAX = RATE // 400, RATE // 70 + 1
# Power → mean square of the (band-limited) signal; a full-scale sine is 0.5, i.e. −3 dBFS.
_POWER_SCALE = 2.0 / (NFFT * float(np.sum(_WIN.astype(np.float64) ** 2)))
_BAND_POWER = np.zeros(_BAND.stop, dtype=np.float32)  # power spectrum @ this = the band's mean square
_BAND_POWER[_BAND] = _POWER_SCALE
_WIN_AC = np.fft.irfft(np.abs(np.fft.rfft(_WIN.astype(np.float64), NFFT)) ** 2, _AC_N)
_WIN_AC_NORM = np.maximum(_WIN_AC / _WIN_AC[0], 1e-3)[_LAG_MIN:_LAG_MAX].astype(np.float32)
# The flattened spectrum is zero above 1500 Hz, so its inverse FFT at the few lags we look at is one small
# matrix product (a cosine transform of _VOICE_BINS bins), the same numbers as ``irfft(flat, _AC_N)``:
# column 0 is lag 0, the others the pitch lags already divided by the window's own autocorrelation.
_k = np.arange(_VOICE_BINS)[:, None]
_lags = np.concatenate(([0], np.arange(_LAG_MIN, _LAG_MAX)))[None, :]
_AC_MATRIX = np.where(_k == 0, 1.0, 2.0) * np.cos(2 * np.pi * _k * _lags / _AC_N) / _AC_N
_AC_MATRIX[:, 1:] /= _WIN_AC_NORM
_AC_MATRIX = _AC_MATRIX.astype(np.float32)
# PCM16 → −1..1 folded into the window, so a frame is converted with one ``astype``.
_WIN_PCM = _WIN * np.float32(1 / 32768)


@dataclass(frozen=True, slots=True)
class Nudge:
    kind: NudgeKind
    offset_ms: int
    message: str
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the coach noticed but will not nudge about (the payload says why)."""

    kind: Literal["pace_uncertain"]
    offset_ms: int
    detail: dict = field(default_factory=dict)


def _windows(samples: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` overlapping 32 ms windows of ``samples`` as a view (no copy; only read)."""
    step = samples.strides[0]
    if samples.flags.c_contiguous:  # the usual case; ~8x cheaper than as_strided, which is pure Python
        return np.ndarray((count, WINDOW), samples.dtype, samples, 0, (step * HOP, step))
    return np.lib.stride_tricks.as_strided(samples, (count, WINDOW), (step * HOP, step), writeable=False)


def hop_features(
    samples: np.ndarray, voiced_from_db: float = -math.inf, *, scale: np.ndarray = _WIN
) -> tuple[np.ndarray, np.ndarray]:
    """Band energy (dBFS) and periodicity (0..1) of every full 10 ms hop whose 32 ms window ends in
    ``samples`` (float32 at ``RATE``, −1..1; or PCM16 units with ``scale=_WIN_PCM``). The first hop's window is
    ``samples[0:WINDOW]``. Hops quieter than ``voiced_from_db`` cannot be speech, so their periodicity is
    not computed (0): silence costs less.

    Cost: this runs for every frame of every live stream, so it is a fixed handful of numpy calls on the
    whole frame (one FFT of all its hops, then only the 0–4 kHz bins), not work per hop."""
    count = (len(samples) - WINDOW) // HOP + 1
    if count <= 0:
        return np.empty(0, np.float32), np.empty(0, np.float32)
    power = np.abs(np.fft.rfft(_windows(samples, count) * scale, NFFT, axis=1)[:, : _BAND.stop])
    power *= power
    energy = power @ _BAND_POWER
    energy += 1e-12
    energy = np.log10(energy, out=energy)
    energy *= 10
    loud = energy >= voiced_from_db
    if not loud.any():
        return energy, np.zeros(count, dtype=np.float32)
    # All hops at once even when only some are loud: at ten rows numpy's cost is per call, not per row.
    voice = power[:, :_VOICE_BINS]
    autocorr = (voice / (voice @ _FLAT_MATRIX + 1e-20)) @ _AC_MATRIX
    peak = autocorr[:, 1:].max(axis=1)
    peak /= autocorr[:, 0] + 1e-20
    peak = np.minimum(np.maximum(peak, 0.0, out=peak), 1.0, out=peak)  # np.clip costs several times more
    peak *= loud  # the quiet ones read 0, as if never computed
    return energy, peak


class _Ring:
    """A fixed-size float ring; ``values()`` is the filled part in no particular order."""

    __slots__ = ("_data", "_filled", "_pos")

    def __init__(self, size: int):
        self._data = np.zeros(size, dtype=np.float32)
        self._pos = 0
        self._filled = 0

    def extend(self, values: np.ndarray) -> None:
        size = len(self._data)
        values = values[-size:]
        end = self._pos + len(values)
        if end <= size:
            self._data[self._pos : end] = values
        else:
            split = size - self._pos
            self._data[self._pos :] = values[:split]
            self._data[: end - size] = values[split:]
        self._pos = end % size
        self._filled = min(size, self._filled + len(values))

    def values(self) -> np.ndarray:
        return self._data[: self._filled] if self._filled < len(self._data) else self._data


@dataclass(slots=True)
class _PaceBin:
    end_ms: int
    nuclei: int
    speaking_ms: int


class LiveCoach:
    """One audio stream's detectors. Not thread-safe; one instance per WebSocket.

    Times are milliseconds on the session's recording timeline: the first sample fed is at ``start_ms``
    and ``resync`` moves the clock (a reconnecting client says where its audio resumes).
    """

    def __init__(self, *, start_ms: int = 0):
        self._base_ms = start_ms
        self._hops = 0  # hops analysed since the last resync
        self._pending = np.zeros(_HB_HISTORY, dtype=np.float32)  # input the decimation filter still needs
        self._carry = np.zeros(WINDOW - HOP, dtype=np.float32)  # the window's look-back (PCM16 units, at RATE)
        self._odd_byte = b""
        self._energy = _Ring(FLOOR_HISTORY_MS // HOP_MS)
        self._floor_db = ABSOLUTE_MIN_DB
        self._ref_db = ABSOLUTE_MIN_DB
        self._ranked_at = 0
        self._smooth = deque([1e-12] * SMOOTH_HOPS, maxlen=SMOOTH_HOPS)
        # syllable-nucleus peak picker (hysteresis on the smoothed intensity)
        self._seeking_peak = False  # start by looking for a dip
        self._valley_db = math.inf
        self._peak_db = -math.inf
        self._peak_ok = False
        # speech bookkeeping
        self._last_speech_ms: int | None = None
        self._speech_run = 0
        self.total_nuclei = 0
        self.speaking_ms = 0
        # answer state and nudges
        self.answer_open_ms: int | None = None
        self._silence_nudged_for: int | None = None
        self._pace_checked_ms = -1
        self._last_nudge_ms: dict[str, int] = {}
        self._bins: deque[_PaceBin] = deque(maxlen=PACE_SPAN_MS // 100)
        self._bin_nuclei = 0
        self._bin_speaking = 0
        self._bin_hops = 0
        self._transcript: deque[tuple[int, int]] = deque(maxlen=256)  # (offset_ms, words)

    # -- clock ---------------------------------------------------------------------------------------
    @property
    def now_ms(self) -> int:
        return self._base_ms + self._hops * HOP_MS

    def resync(self, offset_ms: int) -> None:
        """The next sample fed is at ``offset_ms`` (after a reconnect or a gap in the audio)."""
        self._base_ms = offset_ms
        self._hops = self._ranked_at = 0
        self._pending[:] = 0.0
        self._carry[:] = 0.0
        self._odd_byte = b""

    # -- control messages ----------------------------------------------------------------------------
    def answer_open(self, offset_ms: int) -> None:
        self.answer_open_ms = offset_ms
        self._silence_nudged_for = None
        self._bins.clear()
        self._bin_nuclei = self._bin_speaking = self._bin_hops = 0

    def answer_close(self, offset_ms: int) -> None:
        self.answer_open_ms = None

    def transcript(self, text: str, offset_ms: int) -> None:
        words = len(text.split())
        if words:
            self._transcript.append((offset_ms, words))

    # -- audio ---------------------------------------------------------------------------------------
    def feed(self, pcm: bytes) -> list[Nudge | Notice]:
        """Analyse a chunk of PCM16 audio; returns the nudges and notices it triggered (usually none)."""
        if self._odd_byte:
            pcm = self._odd_byte + pcm
            self._odd_byte = b""
        if len(pcm) % 2:
            pcm, self._odd_byte = pcm[:-1], pcm[-1:]
        # Samples stay in PCM16 units (the 1/32768 is folded into the window): one conversion per frame.
        # Output m of the decimation filter is taps · x[2m : 2m + _HB_TAPS]; x starts with the filter's history.
        x = np.concatenate((self._pending, np.frombuffer(pcm, dtype="<i2")), dtype=np.float32)
        count = (len(x) - _HB_HISTORY) // 2
        self._pending = x[2 * count :]
        decimated = np.convolve(x[0::2], _HB_EVEN, "valid")[:count]
        decimated += _HB_CENTRE * x[_HB_HALF : _HB_HALF + 2 * count : 2]
        samples = np.concatenate((self._carry, decimated))
        # 6 dB of slack: the floor is updated with this frame's energies only afterwards
        energy, periodicity = hop_features(samples, self._floor_db + SPEECH_MARGIN_DB - 6.0, scale=_WIN_PCM)
        self._carry = samples[len(energy) * HOP :]
        out: list[Nudge | Notice] = []
        if len(energy):
            self._energy.extend(energy)
            if self._hops - self._ranked_at >= RANK_EVERY_HOPS or self._hops < RANK_EVERY_HOPS:
                self._rank()
            self._hops_analysed(energy.tolist(), periodicity.tolist())
            self._check_pace(out)
        self._check_silence(out)
        return out

    def _rank(self) -> None:
        """Noise floor and utterance peak from the energy history (they move slowly: every 200 ms)."""
        history = self._energy.values()
        low, high = len(history) * FLOOR_PERCENTILE // 100, len(history) * REF_PERCENTILE // 100
        ranked = np.partition(history, (low, high))
        self._floor_db = max(float(ranked[low]), ABSOLUTE_MIN_DB - SPEECH_MARGIN_DB)
        self._ref_db = float(ranked[high])
        self._ranked_at = self._hops

    def _hops_analysed(self, energy: list[float], periodicity: list[float]) -> None:
        """The sequential part (peak picking, speech runs, pace bins), one 10 ms hop at a time on plain
        floats: numpy scalars would cost more than the arithmetic."""
        threshold = max(self._ref_db - BELOW_PEAK_DB, self._floor_db + SPEECH_MARGIN_DB, ABSOLUTE_MIN_DB)
        speech_from = max(self._floor_db + SPEECH_MARGIN_DB, ABSOLUTE_MIN_DB)
        smooth = self._smooth
        log10 = math.log10
        for db, voicing in zip(energy, periodicity, strict=True):
            self._hops += 1
            t = self._base_ms + self._hops * HOP_MS
            smooth.append(10 ** (db / 10))
            voiced = voicing >= VOICED
            if self._pick_peak(10 * log10(sum(smooth) / SMOOTH_HOPS), voiced, threshold):
                self.total_nuclei += 1
                self._bin_nuclei += 1
            self._speech_run = self._speech_run + 1 if voiced and db >= speech_from else 0
            if self._speech_run >= MIN_SPEECH_HOPS:
                gap = HOP_MS if self._last_speech_ms is None else t - self._last_speech_ms
                if gap > PACE_BREAK_MS:  # a long pause ends a stretch of fast talk
                    self._bins.clear()
                counted = gap if 0 < gap <= MAX_PAUSE_MS else HOP_MS
                self.speaking_ms += counted
                self._bin_speaking += counted
                self._last_speech_ms = t
            self._bin_hops += 1
            if self._bin_hops == _HOPS_PER_BIN:
                self._close_bin(t)

    def _pick_peak(self, level: float, voiced: bool, threshold: float) -> bool:
        """Hysteresis peak picking: a peak counts once the level has fallen MIN_DIP_DB below it, having
        risen MIN_DIP_DB above the previous dip; it must be voiced and above ``threshold``."""
        if self._seeking_peak:
            if level > self._peak_db:
                self._peak_db = level
                self._peak_ok = voiced and level > threshold
            if self._peak_db - level >= MIN_DIP_DB and self._peak_db - self._valley_db >= MIN_DIP_DB:
                self._seeking_peak = False
                self._valley_db = level
                return self._peak_ok
            return False
        self._valley_db = min(self._valley_db, level)
        if level - self._valley_db >= MIN_DIP_DB:
            self._seeking_peak = True
            self._peak_db = level
            self._peak_ok = voiced and level > threshold
        return False

    def _close_bin(self, t: int) -> None:
        if self.answer_open_ms is not None and t >= self.answer_open_ms and (self._bin_speaking or self._bin_nuclei):
            self._bins.append(_PaceBin(t, self._bin_nuclei, self._bin_speaking))
        self._bin_nuclei = self._bin_speaking = self._bin_hops = 0

    # -- nudges --------------------------------------------------------------------------------------
    def _cooled_down(self, kind: str, t: int) -> bool:
        last = self._last_nudge_ms.get(kind)
        return last is None or t - last >= COOLDOWN_MS

    def _check_silence(self, out: list[Nudge | Notice]) -> None:
        t = self.now_ms
        if self.answer_open_ms is None or t < self.answer_open_ms:
            return
        started = self.answer_open_ms
        if self._last_speech_ms is not None and self._last_speech_ms > started:
            started = self._last_speech_ms
        silent = t - started
        if silent > SILENCE_MS and self._silence_nudged_for != started and self._cooled_down("silence", t):
            self._silence_nudged_for = started
            self._last_nudge_ms["silence"] = t
            message = "Take your time — when you are ready, say what you are thinking, even a first step."
            out.append(Nudge("silence", t, message, {"silence_started_ms": started, "silence_ms": silent}))

    def pace_wpm(self) -> tuple[float | None, int]:
        """Words per minute over the last PACE_WINDOW_MS of speech in the open answer, and the speaking
        time it covers (ms); ``None`` before any speech."""
        nuclei = speaking = 0
        for b in reversed(self._bins):
            nuclei += b.nuclei
            speaking += b.speaking_ms
            if speaking >= PACE_WINDOW_MS:
                break
        if speaking == 0:
            return None, 0
        return nuclei / NUCLEI_PER_WORD / (speaking / 60_000), speaking

    def _check_pace(self, out: list[Nudge | Notice]) -> None:
        t = self.now_ms
        if self.answer_open_ms is None or not self._bins or self._bins[-1].end_ms <= self._pace_checked_ms:
            return
        self._pace_checked_ms = self._bins[-1].end_ms
        while self._bins and t - self._bins[0].end_ms > PACE_SPAN_MS:
            self._bins.popleft()
        wpm, speaking = self.pace_wpm()
        if wpm is None or speaking < PACE_WINDOW_MS or wpm <= PACE_LIMIT_WPM or not self._cooled_down("pace", t):
            return
        window_start = self._window_start_ms(speaking)
        words = sum(n for at, n in self._transcript if window_start <= at <= t and at >= self.answer_open_ms)
        has_transcript = any(at >= self.answer_open_ms for at, _ in self._transcript)
        transcript_wpm = words / (speaking / 60_000) if has_transcript else None
        detail = {"wpm": round(wpm), "transcript_wpm": None, "window_ms": speaking, "source": "audio"}
        self._last_nudge_ms["pace"] = t
        if transcript_wpm is not None:
            detail["transcript_wpm"] = round(transcript_wpm)
            ratio = wpm / transcript_wpm if transcript_wpm else math.inf
            if not 1 / PACE_DISAGREEMENT <= ratio <= PACE_DISAGREEMENT:
                detail["reason"] = "audio and transcript rates disagree; neither is trusted for nudging"
                out.append(Notice("pace_uncertain", t, detail))
                return
            detail["source"] = "audio+transcript"
        out.append(
            Nudge(
                "pace", t, f"You are speaking quickly (about {round(wpm)} words a minute) — slow down a little.", detail
            )
        )

    def _window_start_ms(self, speaking: int) -> int:
        total = 0
        for b in reversed(self._bins):
            total += b.speaking_ms
            if total >= speaking:
                return b.end_ms - 100
        return self._bins[0].end_ms - 100 if self._bins else self.now_ms


@dataclass(frozen=True, slots=True)
class RateEstimate:
    nuclei: int
    speaking_ms: int
    wpm: float | None


def speech_rate(pcm: bytes, *, frame_ms: int = 100) -> RateEstimate:
    """Whole-recording pace (for the post-session analysis): syllable nuclei over speaking time."""
    coach = LiveCoach()
    step = SAMPLE_RATE * 2 * frame_ms // 1000
    for i in range(0, len(pcm), step):
        coach.feed(pcm[i : i + step])
    minutes = coach.speaking_ms / 60_000
    wpm = coach.total_nuclei / NUCLEI_PER_WORD / minutes if minutes else None
    return RateEstimate(coach.total_nuclei, coach.speaking_ms, wpm)
