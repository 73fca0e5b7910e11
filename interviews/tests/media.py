"""Real recordings for the analysis tests and the benchmark, built with PyAV (wheel-bundled FFmpeg).

Video frames show a real face photo (``skimage.data.astronaut``, shipped inside scikit-image's wheel: no
download) on a plain background, placed by a *schedule* ``t -> Placement | None`` (``None``: nobody in the
frame). Audio comes from ``interviews.tests.audio`` (espeak-ng / sox, 16 kHz mono WAV) and is encoded with
the video (Opus in WebM, AAC in MP4, or no audio at all). Files are cached by what made them.
"""

from __future__ import annotations

import hashlib
import math
import wave
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

import av
import numpy as np

# The head in astronaut(): the frontal face Haar cascade finds it at (177, 66, 95, 95) of the 512² photo.
_HEAD = (120, 0, 330, 250)  # x0, y0, x1, y1 of the crop: face plus hair, shoulders just cut
_BACKGROUND = (92, 104, 116)  # an RGB wall


@dataclass(frozen=True)
class Placement:
    """Where the head crop sits: centre as a share of the frame (0..1) and its width as a share of the frame."""

    cx: float = 0.5
    cy: float = 0.45
    width: float = 0.5


def centered(t: float) -> Placement | None:
    return Placement()


def absent(t: float) -> Placement | None:
    return None


def absent_between(start_s: float, end_s: float) -> Callable[[float], Placement | None]:
    return lambda t: None if start_s <= t < end_s else Placement()


def drifting(t: float) -> Placement | None:
    """The head wanders across the frame and in and out of the camera (size), like someone fidgeting."""
    return Placement(
        cx=0.5 + 0.22 * math.sin(t * 1.7), cy=0.45 + 0.1 * math.sin(t * 2.3), width=0.45 + 0.1 * math.sin(t)
    )


def swaying(t: float) -> Placement | None:
    """A little natural movement (used by the benchmark so the encoder and decoder see motion)."""
    return Placement(cx=0.5 + 0.02 * math.sin(t * 0.9), cy=0.45 + 0.01 * math.sin(t * 0.7))


@cache
def _head() -> np.ndarray:
    from skimage import data

    x0, y0, x1, y1 = _HEAD
    return np.ascontiguousarray(data.astronaut()[y0:y1, x0:x1])


@cache
def _scaled_head(width_px: int) -> np.ndarray:
    import cv2

    head = _head()
    height_px = round(head.shape[0] * width_px / head.shape[1])
    return cv2.resize(head, (width_px, height_px), interpolation=cv2.INTER_AREA)


def render(width: int, height: int, placement: Placement | None) -> np.ndarray:
    frame = np.empty((height, width, 3), dtype=np.uint8)
    frame[:] = _BACKGROUND
    if placement is None:
        return frame
    head = _scaled_head(max(8, round(placement.width * width)))
    h, w = head.shape[:2]
    x = round(placement.cx * width - w / 2)
    y = round(placement.cy * height - h / 2)
    sx0, sy0 = max(0, -x), max(0, -y)
    dx0, dy0 = max(0, x), max(0, y)
    dx1, dy1 = min(width, x + w), min(height, y + h)
    if dx1 > dx0 and dy1 > dy0:
        frame[dy0:dy1, dx0:dx1] = head[sy0 : sy0 + dy1 - dy0, sx0 : sx0 + dx1 - dx0]
    return frame


def read_wav_mono16k(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getframerate(), wav.getnchannels()) == (16_000, 1)
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")


def make_video(
    path: Path,
    *,
    seconds: float,
    schedule: Callable[[float], Placement | None] = centered,
    size: tuple[int, int] = (640, 360),
    fps: int = 15,
    audio: np.ndarray | None = None,
    container: str = "webm",
    gop: int | None = None,
    bitrate: int = 600_000,
) -> Path:
    """A recording of ``seconds`` with the face placed by ``schedule`` and ``audio`` (16 kHz mono int16,
    padded or cut to the video's length) as Opus (WebM) or AAC (MP4); ``audio=None`` → no audio track."""
    width, height = size
    vcodec, acodec = ("libvpx", "libopus") if container == "webm" else ("libx264", "aac")
    out = av.open(str(path), "w", format=container)
    vstream = out.add_stream(vcodec, rate=fps)
    vstream.width, vstream.height, vstream.pix_fmt = width, height, "yuv420p"
    vstream.bit_rate = bitrate
    options = {"deadline": "realtime", "cpu-used": "8"} if vcodec == "libvpx" else {"preset": "ultrafast"}
    if gop:
        vstream.codec_context.gop_size = gop
    vstream.codec_context.options = options
    astream = None
    if audio is not None:
        astream = out.add_stream(acodec, rate=48_000)
        astream.layout = "mono"
    audio_out = _AudioEncoder(out, astream, audio, seconds) if astream is not None else None
    total_frames = round(seconds * fps)
    last: tuple | None = None
    image: np.ndarray | None = None
    for index in range(total_frames):
        placement = schedule(index / fps)
        key = (
            None if placement is None else (round(placement.cx * width), round(placement.cy * height), placement.width)
        )
        if key != last or image is None:
            image = render(width, height, placement)
            last = key
        frame = av.VideoFrame.from_ndarray(image, format="rgb24")
        frame.pts = index
        frame.time_base = Fraction(1, fps)
        for packet in vstream.encode(frame):
            out.mux(packet)
        if audio_out is not None and index % fps == 0:  # interleaved, as a browser writes it
            audio_out.until((index + fps) / fps)
    for packet in vstream.encode():
        out.mux(packet)
    if audio_out is not None:
        audio_out.finish()
    out.close()
    return path


def make_audio_file(path: Path, audio: np.ndarray, *, container: str = "ogg") -> Path:
    """16 kHz mono int16 → an audio-only file (Opus in Ogg or WebM, or PCM WAV)."""
    if container == "wav":
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(16_000)
            wav.writeframes(audio.astype("<i2").tobytes())
        return path
    out = av.open(str(path), "w", format=container)
    astream = out.add_stream("libopus", rate=48_000)
    astream.layout = "mono"
    _AudioEncoder(out, astream, audio, len(audio) / 16_000).finish()
    out.close()
    return path


class _AudioEncoder:
    def __init__(self, out, astream, audio: np.ndarray, seconds: float):
        self.out, self.astream = out, astream
        self.samples = np.zeros(round(seconds * 16_000), dtype=np.int16)
        self.samples[: min(len(self.samples), len(audio))] = audio[: len(self.samples)]
        self.resampler = av.AudioResampler(format=astream.codec_context.format or "s16", layout="mono", rate=48_000)
        self.done = 0
        self.pts = 0

    def _emit(self, frames) -> None:
        for resampled in frames:
            resampled.pts = self.pts
            self.pts += resampled.samples
            for packet in self.astream.encode(resampled):
                self.out.mux(packet)

    def until(self, t: float) -> None:
        end = min(len(self.samples), round(t * 16_000))
        if end <= self.done:
            return
        chunk = av.AudioFrame.from_ndarray(self.samples[None, self.done : end], format="s16", layout="mono")
        chunk.sample_rate = 16_000
        chunk.pts = self.done
        chunk.time_base = Fraction(1, 16_000)
        self.done = end
        self._emit(self.resampler.resample(chunk))

    def finish(self) -> None:
        self.until(len(self.samples) / 16_000)
        self._emit(self.resampler.resample(None))
        for packet in self.astream.encode():
            self.out.mux(packet)


def cache_key(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def espeak_ssml(root: Path, ssml: str) -> np.ndarray:
    """SSML spoken by espeak-ng (``-m``), as 16 kHz mono int16 (cached under ``root``)."""
    import subprocess

    root.mkdir(parents=True, exist_ok=True)
    path = root / f"ssml-{cache_key(ssml)}.wav"
    if not path.exists():
        raw = path.with_suffix(".raw.wav")
        subprocess.run(["espeak-ng", "-m", "-w", str(raw), ssml], check=True)
        subprocess.run(
            ["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(path), "gain", "-6", "norm", "-3"], check=True
        )
        raw.unlink()
    return read_wav_mono16k(path)


def claim_enormous_vp8(source: Path, target: Path, side: int = 16383) -> Path:
    """A copy of a VP8 WebM whose headers claim ``side``×``side`` pixels: the Matroska PixelWidth/Height
    (2-byte values, so the source must be 256–65535 px wide) and every VP8 keyframe header (14-bit size)."""
    data = bytearray(source.read_bytes())
    start = data.find(b"\x9d\x01\x2a")
    while start != -1:
        data[start + 3 : start + 7] = side.to_bytes(2, "little") * 2
        start = data.find(b"\x9d\x01\x2a", start + 1)
    out = bytes(data)
    for element in (b"\xb0\x82", b"\xba\x82"):  # PixelWidth, PixelHeight with a 2-byte value
        at = out.find(element)
        out = out[: at + 2] + side.to_bytes(2, "big") + out[at + 4 :]
    target.write_bytes(out)
    return target
