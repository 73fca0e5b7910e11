"""The pipeline's decoding child (``DecodeSplit``: one limited process that loads PyAV and forks an audio half)
and the batched audio resampling, through real processes and real media (a tone, no espeak-ng needed)."""

from __future__ import annotations

import time
import wave
from pathlib import Path

import av
import numpy as np
import pytest

from interviews.analysis.decode import DecodeFailed, DecodeSplit, Limits, Segment, decode_isolated, merge
from interviews.tests import media

RATE = 16_000


def tone(seconds: float, rate: int = RATE, hz: float = 220.0) -> np.ndarray:
    t = np.arange(round(seconds * rate)) / rate
    return (0.3 * 32767 * np.sin(2 * np.pi * hz * t)).astype(np.int16)


@pytest.fixture(scope="module")
def recording(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("split")
    return media.make_video(root / "tone.webm", seconds=6, audio=tone(6))


def live_in_group(pgid: int) -> list[int]:
    """Pids of the process group that are not zombies (an orphaned zombie waits for init, harmlessly)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def test_the_audio_half_and_the_video_half_each_answer(recording, tmp_path):
    child = DecodeSplit([Segment(str(recording))], tmp_path)
    heard = child.audio()
    watched = child.result()
    assert heard.has_audio
    assert not heard.has_video
    assert Path(heard.audio_path).parent == tmp_path
    assert watched.has_video
    assert not watched.has_audio
    assert watched.audio_path is None
    assert len(watched.observations) == pytest.approx(6 * 5, abs=1)
    both = merge(heard, watched)
    assert both.duration_s == pytest.approx(6, abs=0.1)
    with wave.open(heard.audio_path) as wav:
        assert wav.getnframes() == pytest.approx(6 * RATE, abs=RATE // 50)


def test_both_halves_fail_with_the_reason_when_pyav_cannot_load(recording, tmp_path):
    child = DecodeSplit([Segment(str(recording))], tmp_path, Limits(memory_bytes=64 * 2**20))
    with pytest.raises(DecodeFailed, match=r"ran out of memory \(limit 64 MB\)"):
        child.audio()
    with pytest.raises(DecodeFailed, match=r"ran out of memory \(limit 64 MB\)"):
        child.result()


def test_the_wall_clock_stops_the_child_while_the_audio_is_awaited(recording, tmp_path):
    child = DecodeSplit([Segment(str(recording))], tmp_path, Limits(wall_s=0.05))
    with pytest.raises(DecodeFailed, match="decoding took longer than 0 s"):
        child.audio()
    assert live_in_group(child._process.pid) == []


@pytest.mark.slow
def test_cancel_stops_both_halves(recording, tmp_path):
    long = media.make_video(tmp_path / "long.webm", seconds=20, size=(1280, 720), fps=30, audio=tone(20))
    child = DecodeSplit([Segment(str(long))], tmp_path / "out")
    time.sleep(0.5)  # PyAV loaded and forked: both halves are decoding
    child.cancel()
    deadline = time.monotonic() + 3
    while live_in_group(child._process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live_in_group(child._process.pid) == []


def test_stereo_44k_audio_resampled_in_batches_matches_frame_by_frame(tmp_path):
    source = tmp_path / "stereo.wav"
    left, right = tone(3.3, 44_100, 440.0), tone(3.3, 44_100, 330.0) // 2
    with wave.open(str(source), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(44_100)
        wav.writeframes(np.stack([left, right], axis=1).tobytes())
    decoded = decode_isolated([Segment(str(source))], tmp_path / "out", streams="audio")
    with wave.open(decoded.audio_path) as wav:
        got = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")

    expected = []
    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    with av.open(str(source)) as container:
        for frame in container.decode(audio=0):
            expected += [chunk.to_ndarray().ravel() for chunk in resampler.resample(frame)]
    expected += [chunk.to_ndarray().ravel() for chunk in resampler.resample(None)]
    assert np.array_equal(got, np.concatenate(expected))
    assert len(got) == pytest.approx(3.3 * RATE, abs=RATE // 100)
