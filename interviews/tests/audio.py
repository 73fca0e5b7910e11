"""Real speech and noise for the live-coaching tests and the benchmark, made with espeak-ng and sox.

Everything is 16 kHz mono PCM16 (what the browser's AudioWorklet sends). Files are cached in a directory
the caller owns (a session-scoped pytest tmp dir), keyed by what made them, so a suite synthesises each
clip once.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16_000
BYTES_PER_MS = SAMPLE_RATE * 2 // 1000
AUDIBLE = 100  # |sample| above this (−50 dBFS) is sound when measuring where speech starts and ends

# The texts the pace factor (interviews.live.NUCLEI_PER_WORD) was calibrated on ...
CALIBRATION_TEXTS = [
    "I led a small team that rebuilt our billing system. We moved from nightly batch jobs to an event driven "
    "design, and we cut failed payments by a third within two months. The hardest part was not the code but the "
    "migration, because every customer had to keep paying while we switched. We ran both systems side by side for "
    "three weeks, compared every invoice, and only then turned the old one off.",
    "When two senior engineers disagreed about the database, I asked each of them to write down what would change "
    "their mind. That turned an argument into an experiment. We built a small prototype over a weekend, measured "
    "the queries that mattered most, and the numbers settled it. Both of them said later that the process felt "
    "fair, and we used the same approach for the next three design reviews.",
    "My biggest mistake was promising a launch date before I understood the risks. I told the client we would ship "
    "in June, then found that the payment provider needed a security review that took six weeks. I called the "
    "client the same day, explained what had happened, and offered a smaller release on time with the rest in "
    "August. They accepted, and I now check every outside dependency before I commit to any date.",
    "I enjoy teaching, so when our new hires struggled with the codebase I started a weekly reading group. Each "
    "week one person explained a part of the system they had just learned, and the rest of us asked questions. It "
    "took an hour every Friday. After a quarter, the time it took a new engineer to ship a first change dropped "
    "from a month to about ten days, and people kept coming even after they were no longer new.",
    "Our mobile app was crashing for about two percent of users and nobody could reproduce it. I collected the "
    "crash reports, grouped them by device and version, and noticed that almost all of them came from phones with "
    "little free storage. The app was writing a large cache on start. We made the cache smaller and cleaned it up "
    "in the background, and the crash rate fell below one in a thousand sessions.",
    "I would describe my style as calm and direct. I try to say the hard thing early, in private, and with a "
    "concrete example, because people cannot fix what they cannot see. I also try to notice good work out loud. "
    "Last year one of my reports told me that the regular small feedback helped her more than any formal review, "
    "and she was promoted to lead her own team in the spring.",
]
# ... and texts it never saw, to show the factor is not fitted to one set.
HELD_OUT_TEXTS = [
    "The project that taught me the most was a data pipeline for a hospital network. Every night we collected lab "
    "results from eleven sites, and every morning at least one site was missing. I wrote a checker that compared "
    "the expected counts with what arrived and paged the right person before the doctors started their rounds. "
    "Within a month the missing data problem was gone, and the sites began to trust the reports again.",
    "I prefer to plan in small steps. When my manager asked for a new search feature, I split it into three "
    "releases: exact matches first, then spelling mistakes, then ranking by popularity. Each release went out "
    "behind a flag to a small group of customers. Because we learned from the first two, the third one took half "
    "the time we had estimated, and the support team had almost nothing to answer.",
    "Conflict is normal on a busy team, and I try to handle it early. A designer and a developer on my team kept "
    "arguing in code reviews, so I invited them both to lunch and asked what was really going on. It turned out "
    "that nobody had told the designer about the deadline. We agreed on a short daily check in, and the reviews "
    "became friendly again within a week.",
    "Why do I want this role? I have spent four years building tools for other engineers, and I enjoy it most "
    "when I can see people become faster because of something I made. Your company builds exactly that kind of "
    "product, at a scale I have not worked at yet. I would bring experience with testing and deployment, and I "
    "hope to learn how you run systems for millions of users.",
]

NOISES = ("whitenoise", "pinknoise", "brownnoise", "hum50", "hum60")


@dataclass(frozen=True)
class Clip:
    path: Path
    pcm: bytes

    @property
    def duration_ms(self) -> int:
        return len(self.pcm) // BYTES_PER_MS

    def samples(self) -> np.ndarray:
        return np.frombuffer(self.pcm, dtype="<i2")

    def sound_bounds_ms(self) -> tuple[int, int]:
        """Where sound starts and ends (ms), ignoring leading and trailing silence."""
        loud = np.flatnonzero(np.abs(self.samples().astype(np.int32)) > AUDIBLE)
        if not len(loud):
            return 0, 0
        return int(loud[0]) * 1000 // SAMPLE_RATE, int(loud[-1]) * 1000 // SAMPLE_RATE

    def frames(self, ms: int = 100) -> list[bytes]:
        step = ms * BYTES_PER_MS
        return [self.pcm[i : i + step] for i in range(0, len(self.pcm), step)]


@dataclass(frozen=True)
class Speech(Clip):
    text: str = ""

    @property
    def words(self) -> int:
        return len(self.text.split())

    def true_wpm(self) -> float:
        """Words of the text over the time from the first to the last audible sample."""
        start, end = self.sound_bounds_ms()
        return self.words / ((end - start) / 60_000)


def missing_tools() -> list[str]:
    return [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]


class AudioFactory:
    """Makes and caches clips under ``root``."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, *key: object) -> Path:
        digest = hashlib.sha256(repr(key).encode()).hexdigest()[:16]
        return self.root / f"{digest}.wav"

    def speech(self, text: str, espeak_speed: int) -> Speech:
        """``text`` spoken by espeak-ng at ``-s espeak_speed`` (roughly words per minute; measure the truth
        with ``true_wpm``), resampled to 16 kHz mono and normalised to −3 dBFS peak."""
        path = self._path("speech", text, espeak_speed)
        if not path.exists():
            raw = path.with_suffix(".raw.wav")
            subprocess.run(["espeak-ng", "-s", str(espeak_speed), "-w", str(raw), text], check=True)
            _sox(raw, path, "gain", "-6", "rate", str(SAMPLE_RATE), "norm", "-3")  # headroom first: no clipping
            raw.unlink()
        return Speech(path, read_pcm(path), text)

    def noise(self, kind: str, seconds: float, level_db: float) -> Clip:
        """sox-generated noise (white, pink, brown) or mains hum with harmonics, at ``level_db`` dBFS RMS."""
        path = self._path("noise", kind, seconds, level_db)
        if not path.exists():
            if kind.startswith("hum"):
                base = int(kind[3:])
                synth = ["synth", str(seconds), "sine", str(base)]
                for harmonic in (2, 3, 5):
                    synth += ["synth", str(seconds), "sine", "mix", str(base * harmonic)]
            else:
                synth = ["synth", str(seconds), kind]
            subprocess.run(
                ["sox", "-n", "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(path), *synth, "gain", "-n", "0"],
                check=True,
            )
            _set_rms(path, level_db)
        return Clip(path, read_pcm(path))

    def padded(self, clip: Clip, before_s: float, after_s: float) -> Clip:
        """``clip`` with digital silence before and after it (sox ``pad``)."""
        path = self._path("pad", clip.path.name, before_s, after_s)
        if not path.exists():
            _sox(clip.path, path, "pad", str(before_s), str(after_s))
        return Clip(path, read_pcm(path))

    def concat(self, *clips: Clip) -> Clip:
        path = self._path("concat", *(c.path.name for c in clips))
        if not path.exists():
            subprocess.run(["sox", *(str(c.path) for c in clips), str(path)], check=True)
        return Clip(path, read_pcm(path))

    def mix(self, clip: Clip, noise: Clip) -> Clip:
        """``clip`` with ``noise`` added (the result is as long as the longer input)."""
        path = self._path("mix", clip.path.name, noise.path.name)
        if not path.exists():
            subprocess.run(["sox", "-m", "-v", "1", str(clip.path), "-v", "1", str(noise.path), str(path)], check=True)
        return Clip(path, read_pcm(path))


def read_pcm(path: Path) -> bytes:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (SAMPLE_RATE, 1, 2), path
        return wav.readframes(wav.getnframes())


def _sox(source: Path, target: Path, *effects: str) -> None:
    subprocess.run(
        ["sox", str(source), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(target), *effects], check=True
    )


def _set_rms(path: Path, level_db: float) -> None:
    samples = np.frombuffer(read_pcm(path), dtype="<i2").astype(np.float64)
    rms = float(np.sqrt(np.mean(samples**2))) or 1.0
    scaled = np.clip(samples * (32768 * 10 ** (level_db / 20) / rms), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(scaled.tobytes())
