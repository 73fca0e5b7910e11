"""Delivery metrics from the recording's audio: rate, pauses, pitch, energy.

Pure module (numpy + praat-parselmouth + ``interviews.live``; no Django). Input: the decoder's 16 kHz mono
PCM16 WAV on the session timeline and the answers' windows. The WAV is read in ``CHUNK_S`` pieces, so memory
stays flat whatever the length; per 10 ms frame only a few floats are kept.

* **Pitch** (Praat autocorrelation, 75–500 Hz, every 20 ms, each value covering its two 10 ms frames: half
  the cost of a 10 ms step, and the same mean, SD and range within ~0.05 st): over voiced frames, mean in Hz,
  SD and 5–95th percentile range in semitones (re 100 Hz). Monotone when the SD is under ``MONOTONE_SD_ST`` semitones —
  conversational English runs about 2–4 st (Traunmüller & Eriksson 1995); synthetic flat speech < 1.
* **Sounding vs silent** (Praat intensity, 10 ms): a frame sounds when it is within ``SILENCE_BELOW_PEAK_DB``
  of the 99th-percentile intensity and ``FLOOR_MARGIN_DB`` above the 10th (de Jong & Wempe's silence
  threshold, with a noise-floor guard). Runs under 50 ms are ignored.
* **Pauses**: silences of at least ``PAUSE_S`` between sounding stretches (inside an answer's window when
  answers have times, else anywhere after the first and before the last sound); ``LONG_PAUSE_S`` marks the
  long ones.
* **Speaking time**: the sounding span minus its pauses (the same rule as the live coach: gaps under a
  second are speaking time). **Syllable nuclei** come from ``interviews.live.LiveCoach`` fed the same audio
  (shared detector, calibrated at ``NUCLEI_PER_WORD``); WPM from syllables = nuclei / 1.38 / speaking
  minutes; **articulation rate** = nuclei / phonation seconds (sounding time with gaps ≥ 0.25 s removed).
* **Energy variation**: SD (dB) of the intensity of voiced frames.
"""

from __future__ import annotations

import itertools
import math
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from interviews import live

SAMPLE_RATE = 16_000
FRAME_S = 0.01
CHUNK_S = 30
PITCH_FLOOR, PITCH_CEILING = 75.0, 500.0
PITCH_STEP_S = 0.02  # two FRAME_S frames per pitch value
MONOTONE_SD_ST = 1.5
SILENCE_BELOW_PEAK_DB = 25.0
FLOOR_MARGIN_DB = 9.0
MIN_SOUND_S = 0.05
PAUSE_S = 1.0
LONG_PAUSE_S = 2.5
PHONATION_GAP_S = 0.25
FEED_SAMPLES = SAMPLE_RATE // 2  # to the live syllable detector, per call


@dataclass(frozen=True, slots=True)
class Window:
    """An answer on the timeline (seconds)."""

    start_s: float
    end_s: float


@dataclass
class WindowAudio:
    speaking_s: float = 0.0
    nuclei: int = 0
    pauses: list[tuple[float, float]] = field(default_factory=list)
    first_sound_s: float | None = None
    last_sound_s: float | None = None

    @property
    def syllable_wpm(self) -> float | None:
        if self.speaking_s < 3 or self.nuclei == 0:
            return None
        return self.nuclei / live.NUCLEI_PER_WORD / (self.speaking_s / 60)


@dataclass
class AudioMetrics:
    duration_s: float
    speaking_s: float
    nuclei: int
    wpm_syllables: float | None
    articulation_rate: float | None
    pauses: list[tuple[float, float]]
    pitch_mean_hz: float | None
    pitch_sd_st: float | None
    pitch_range_st: float | None
    monotone: bool | None
    energy_sd_db: float | None
    windows: list[WindowAudio]
    has_speech: bool

    @staticmethod
    def empty_pitch() -> dict:
        return {"mean_hz": None, "sd_semitones": None, "range_semitones": None, "monotone": None}

    def pitch_dict(self) -> dict:
        return {
            "mean_hz": self.pitch_mean_hz,
            "sd_semitones": self.pitch_sd_st,
            "range_semitones": self.pitch_range_st,
            "monotone": self.monotone,
        }

    def pause_stats(self) -> dict:
        lengths = [b - a for a, b in self.pauses]
        return {
            "count": len(lengths),
            "mean_s": round(float(np.mean(lengths)), 2) if lengths else None,
            "longest_s": round(max(lengths), 2) if lengths else None,
            "long_count": sum(1 for x in lengths if x >= LONG_PAUSE_S),
        }


def read_chunks(path: Path, chunk_s: int = CHUNK_S):
    """(start_s, int16 samples) pieces of a 16 kHz mono PCM16 WAV."""
    with wave.open(str(path), "rb") as wav:
        if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) != (SAMPLE_RATE, 1, 2):
            raise ValueError("expected 16 kHz mono 16-bit audio")
        start = 0
        while True:
            raw = wav.readframes(SAMPLE_RATE * chunk_s)
            if not raw:
                return
            samples = np.frombuffer(raw, dtype="<i2")
            yield start / SAMPLE_RATE, samples
            start += len(samples)


def wav_slice(path: Path, start_s: float, end_s: float) -> bytes:
    """The stretch ``start_s``–``end_s`` of a 16 kHz mono WAV as a WAV file of its own (bytes)."""
    import io  # noqa: PLC0415

    with wave.open(str(path), "rb") as source:
        rate = source.getframerate()
        source.setpos(min(source.getnframes(), max(0, int(start_s * rate))))
        frames = source.readframes(max(0, int((end_s - start_s) * rate)))
        params = source.getparams()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as target:
        target.setparams(params)
        target.writeframes(frames)
    return buffer.getvalue()


def analyze_audio(path: Path, windows: list[Window] | None = None) -> AudioMetrics:
    """All audio metrics of the WAV at ``path``; per-answer figures for ``windows`` (may be empty: then one
    window over the whole recording is used for rates and pauses)."""
    f0_parts, db_parts = [], []
    coach = live.LiveCoach()
    cuts = sorted({t for w in windows or [] for t in (w.start_s, w.end_s)})
    snapshots: dict[float, tuple[int, int]] = {}
    total_samples = 0
    for start_s, samples in read_chunks(path):
        total_samples += len(samples)
        f0, db = _frames(samples, start_s)
        f0_parts.append(f0)
        db_parts.append(db)
        _feed_with_snapshots(coach, samples, start_s, cuts, snapshots)
    duration_s = total_samples / SAMPLE_RATE
    for cut in cuts:
        snapshots.setdefault(cut, (coach.total_nuclei, coach.speaking_ms))
    f0 = np.concatenate(f0_parts) if f0_parts else np.empty(0)
    db = np.concatenate(db_parts) if db_parts else np.empty(0)
    sounding = _sounding(db, f0)
    runs = _runs(sounding)
    has_speech = bool(runs) and bool((f0 > 0).sum() * FRAME_S >= 0.5)
    whole = Window(0.0, duration_s)
    use = windows or [whole]
    per_window = []
    for w in use:
        wa = _window_audio(runs, w)
        if windows:
            a, b = snapshots.get(w.start_s, (0, 0)), snapshots.get(w.end_s, (0, 0))
            wa.nuclei = max(0, b[0] - a[0])
        else:
            wa.nuclei = coach.total_nuclei
        per_window.append(wa)
    pauses = [p for wa in per_window for p in wa.pauses]
    speaking_s = sum(wa.speaking_s for wa in per_window)
    nuclei = sum(wa.nuclei for wa in per_window)
    phonation_s = _phonation_s(runs, use)
    voiced = f0[f0 > 0]
    pitch_mean = pitch_sd = pitch_range = None
    monotone = None
    energy_sd = None
    if has_speech and len(voiced) >= 50:
        st = 12 * np.log2(voiced / 100.0)
        pitch_mean = round(float(np.mean(voiced)), 1)
        pitch_sd = round(float(np.std(st)), 2)
        p5, p95 = np.percentile(st, [5, 95])
        pitch_range = round(float(p95 - p5), 2)
        monotone = pitch_sd < MONOTONE_SD_ST
        energy_sd = round(float(np.std(db[: len(f0)][f0 > 0])), 2)
    wpm_syllables = None
    if has_speech and speaking_s >= 3 and nuclei:
        wpm_syllables = round(nuclei / live.NUCLEI_PER_WORD / (speaking_s / 60), 1)
    return AudioMetrics(
        duration_s=round(duration_s, 3),
        speaking_s=round(speaking_s, 2),
        nuclei=nuclei,
        wpm_syllables=wpm_syllables,
        articulation_rate=round(nuclei / phonation_s, 2) if has_speech and phonation_s >= 1 else None,
        pauses=[(round(a, 2), round(b, 2)) for a, b in pauses] if has_speech else [],
        pitch_mean_hz=pitch_mean,
        pitch_sd_st=pitch_sd,
        pitch_range_st=pitch_range,
        monotone=monotone,
        energy_sd_db=energy_sd,
        windows=per_window,
        has_speech=has_speech,
    )


def _frames(samples: np.ndarray, start_s: float) -> tuple[np.ndarray, np.ndarray]:
    """Pitch (Hz, 0 = unvoiced) and intensity (dB) on the 10 ms grid of this chunk (one value per frame)."""
    import parselmouth  # noqa: PLC0415 — heavy; loaded on first use

    n = len(samples) // int(SAMPLE_RATE * FRAME_S)
    if n == 0:
        return np.zeros(0), np.zeros(0)
    sound = parselmouth.Sound(samples.astype(np.float64) / 32768.0, sampling_frequency=SAMPLE_RATE)
    f0 = np.zeros(n)
    db = np.full(n, -100.0)
    if sound.duration >= 0.1:
        pitch = sound.to_pitch_ac(time_step=PITCH_STEP_S, pitch_floor=PITCH_FLOOR, pitch_ceiling=PITCH_CEILING)
        idx = np.clip((pitch.xs() / FRAME_S).astype(int), 0, n - 1)
        hz = np.nan_to_num(pitch.selected_array["frequency"])
        for k in range(round(PITCH_STEP_S / FRAME_S)):  # a value covers the frames of its step
            f0[np.minimum(idx + k, n - 1)] = hz
        intensity = sound.to_intensity(minimum_pitch=PITCH_FLOOR, time_step=FRAME_S, subtract_mean=False)
        idx = np.clip((intensity.xs() / FRAME_S).astype(int), 0, n - 1)
        db[idx] = intensity.values[0]
    return f0, db


def _feed_with_snapshots(coach, samples: np.ndarray, start_s: float, cuts, snapshots) -> None:
    """Feed the live detector, pausing at every answer boundary in this chunk to note its counters."""
    end_s = start_s + len(samples) / SAMPLE_RATE
    pos = 0
    for cut in cuts:
        if start_s <= cut < end_s and cut not in snapshots:
            split = int((cut - start_s) * SAMPLE_RATE)
            _feed(coach, samples[pos:split])
            pos = split
            snapshots[cut] = (coach.total_nuclei, coach.speaking_ms)
    _feed(coach, samples[pos:])


def _feed(coach, samples: np.ndarray) -> None:
    """Half a second at a time: the detector's arrays stay in cache, and its two (hops × 96) @ (96 × 96)
    products stay under OpenBLAS's threading threshold (m·n·k < 2 × 262 144, i.e. ≤ 56 hops). A second at
    a time woke a BLAS thread per call, which cost seven times the CPU on a busy 2-core worker."""
    for start in range(0, len(samples), FEED_SAMPLES):
        coach.feed(samples[start : start + FEED_SAMPLES].tobytes())


def _sounding(db: np.ndarray, f0: np.ndarray) -> np.ndarray:
    valid = db[db > -100]
    if len(valid) == 0:
        return np.zeros(len(db), dtype=bool)
    peak = float(np.percentile(valid, 99))
    floor = float(np.percentile(valid, 10))
    threshold = max(peak - SILENCE_BELOW_PEAK_DB, floor + FLOOR_MARGIN_DB)
    if peak - floor < FLOOR_MARGIN_DB:  # no contrast: silence or steady noise throughout
        return np.zeros(len(db), dtype=bool)
    return db >= threshold


def _runs(mask: np.ndarray) -> list[tuple[float, float]]:
    """Sounding stretches (start_s, end_s), dropping those under MIN_SOUND_S."""
    if not len(mask) or not mask.any():
        return []
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    out = []
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if (b - a) * FRAME_S >= MIN_SOUND_S:
            out.append((float(a) * FRAME_S, float(b) * FRAME_S))
    return out


def _window_audio(runs: list[tuple[float, float]], window: Window) -> WindowAudio:
    inside = _clip(runs, window)
    wa = WindowAudio()
    if not inside:
        return wa
    wa.first_sound_s, wa.last_sound_s = inside[0][0], inside[-1][1]
    span = wa.last_sound_s - wa.first_sound_s
    for (_, end), (start, _) in itertools.pairwise(inside):
        if start - end >= PAUSE_S:
            wa.pauses.append((end, start))
    wa.speaking_s = span - sum(b - a for a, b in wa.pauses)
    return wa


def _clip(runs: list[tuple[float, float]], w: Window) -> list[tuple[float, float]]:
    return [(max(a, w.start_s), min(b, w.end_s)) for a, b in runs if b > w.start_s and a < w.end_s]


def _phonation_s(runs: list[tuple[float, float]], windows: list[Window]) -> float:
    total = 0.0
    for w in windows:
        inside = _clip(runs, w)
        if not inside:
            continue
        merged = [list(inside[0])]
        for a, b in inside[1:]:
            if a - merged[-1][1] < PHONATION_GAP_S:
                merged[-1][1] = b
            else:
                merged.append([a, b])
        total += sum(b - a for a, b in merged)
    return total


def agree(a: float | None, b: float | None, ratio: float) -> bool:
    """Whether two rates are within ``ratio`` of each other (both known)."""
    if not a or not b:
        return False
    return 1 / ratio <= a / b <= ratio and not math.isnan(a / b)
