"""Malformed media: every case ends as a failure with a reason or as a valid report, through the real
child-process decoder (``decode_isolated``), so a crash, hang or memory blow-up costs only the child.
The task-level version (one session fails, the next is analysed) is in test_analysis_task.py."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from interviews.analysis import pipeline
from interviews.analysis.decode import DecodeFailed, Limits, Segment, decode_isolated
from interviews.tests import media
from interviews.tests.audio import CALIBRATION_TEXTS, AudioFactory, missing_tools

pytestmark = pytest.mark.skipif(bool(missing_tools()), reason=f"needs {missing_tools()}")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("malformed")
    voice = np.frombuffer(AudioFactory(root / "voices").speech(CALIBRATION_TEXTS[0], 170).pcm, dtype="<i2")
    good = media.make_video(root / "good.webm", seconds=8, audio=voice)
    out = {"good": good}
    out["empty"] = root / "empty.webm"
    out["empty"].write_bytes(b"")
    out["one_byte"] = root / "one.webm"
    out["one_byte"].write_bytes(b"\x1a")
    data = good.read_bytes()
    out["truncated"] = root / "truncated.webm"
    out["truncated"].write_bytes(data[: len(data) * 55 // 100])
    out["webm_named_ogg"] = root / "recording.ogg"
    out["webm_named_ogg"].write_bytes(data)
    out["wav_named_webm"] = media.make_audio_file(root / "speech.wav", voice, container="wav").rename(
        root / "speech-really-wav.webm"
    )
    out["text_named_webm"] = root / "notes.webm"
    out["text_named_webm"].write_text("This is not a video, just some notes about the interview.\n" * 20)
    out["no_audio"] = media.make_video(root / "no-audio.webm", seconds=4, audio=None)
    out["one_pixel"] = media.make_video(root / "one-pixel.webm", seconds=4, size=(1, 1), fps=5, audio=voice)
    big = media.make_video(root / "s256.webm", seconds=1, size=(256, 256), fps=5)
    out["enormous"] = media.claim_enormous_vp8(big, root / "enormous.webm")
    silence = np.zeros(16_000 * 90, dtype=np.int16)
    out["long_silence"] = media.make_audio_file(root / "silence-90s.ogg", silence, container="ogg")
    out["png"] = root / "photo.webm"
    import cv2

    ok, png = cv2.imencode(".png", media.render(64, 64, media.Placement()))
    assert ok
    out["png"].write_bytes(png.tobytes())
    return out


def run(path: Path, limits: Limits | None = None) -> dict:
    job = pipeline.Job(segments=[Segment(str(path))], turns=[], limits=limits or Limits())
    return pipeline.run(job).metrics


def fails(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(pipeline.StepFailed) as caught:
        run(path, limits)
    assert caught.value.step == "decode"
    return str(caught.value)


def test_empty_file_fails(files):
    assert fails(files["empty"]) == "decode: the recording is empty"


def test_one_byte_fails(files):
    assert "not a recording we can read" in fails(files["one_byte"])


def test_text_renamed_to_webm_fails(files):
    assert "notes.webm is not a recording we can read" in fails(files["text_named_webm"])


def test_an_image_renamed_to_webm_is_refused_by_container(files):
    assert "recordings must be WebM, MP4, Ogg or WAV" in fails(files["png"])


def test_truncated_file_gives_a_report_of_what_is_there(files):
    metrics = run(files["truncated"])
    assert metrics["has_audio"] is True
    assert 0 < metrics["duration_s"] < 8


@pytest.mark.parametrize("name", ["webm_named_ogg", "wav_named_webm"])
def test_wrong_extension_is_read_by_content(files, name):
    metrics = run(files[name])
    assert metrics["has_audio"] is True
    assert metrics["wpm"] is not None


def test_no_audio_track_gives_video_only_metrics(files):
    metrics = run(files["no_audio"])
    assert metrics["has_audio"] is False
    assert metrics["wpm"] is None
    assert metrics["pitch"]["mean_hz"] is None
    assert metrics["face_present_pct"] >= 90


def test_one_pixel_video_is_ignored_and_the_audio_analysed(files):
    metrics = run(files["one_pixel"])
    assert metrics["has_video"] is False
    assert metrics["face_present_pct"] is None
    assert metrics["wpm"] is not None
    assert any("too small" in w for w in metrics["media"]["warnings"])


def test_enormous_dimensions_in_the_header_fail_before_decoding(files):
    assert fails(files["enormous"]) == "decode: the video is 16383×16383; the limit is 3840×2160"


def test_very_long_silent_file_over_the_limit_fails(files):
    reason = fails(files["long_silence"], Limits(max_duration_s=60))
    assert reason.startswith("decode: the recording is longer than 1 minutes")


def test_long_silent_file_within_the_limit_is_a_report_without_speech(files):
    metrics = run(files["long_silence"])
    assert metrics["duration_s"] == pytest.approx(90, abs=0.5)
    assert metrics["wpm"] is None
    assert metrics["pauses"] == []
    assert metrics["speaking_s"] is None


def test_a_decoder_memory_blow_up_fails_in_the_child(files, tmp_path):
    with pytest.raises(DecodeFailed) as caught:
        decode_isolated([Segment(str(files["good"]))], tmp_path, Limits(memory_bytes=64 * 2**20))
    assert caught.value.reason == "the decoder ran out of memory (limit 64 MB)"
    assert os.getpid()  # and we are still here


def test_a_decoder_hang_is_stopped_by_the_wall_clock(files, tmp_path):
    with pytest.raises(DecodeFailed) as caught:
        decode_isolated([Segment(str(files["good"]))], tmp_path, Limits(wall_s=0.05))
    assert caught.value.reason == "decoding took longer than 0 s, so it was stopped"


def test_too_many_bytes_are_refused_before_starting_a_child(files, tmp_path):
    with pytest.raises(DecodeFailed) as caught:
        decode_isolated([Segment(str(files["good"]))], tmp_path, Limits(max_bytes=1024))
    assert "the limit is 0 MB" in caught.value.reason


def test_a_missing_file_fails(tmp_path):
    with pytest.raises(DecodeFailed, match="a recording file is missing"):
        decode_isolated([Segment(str(tmp_path / "gone.webm"))], tmp_path, Limits())
