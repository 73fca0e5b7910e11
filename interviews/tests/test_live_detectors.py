"""The live detectors on real synthesised speech (espeak-ng) with silences and noise made by sox.

No database: ``interviews.live`` is a pure module.
"""

from __future__ import annotations

import itertools
import time

import pytest

from interviews import live
from interviews.tests.audio import (
    CALIBRATION_TEXTS,
    HELD_OUT_TEXTS,
    NOISES,
    AudioFactory,
    Clip,
    missing_tools,
)

# espeak-ng's -s is only roughly words per minute; these speeds give 93–245 true WPM on our texts, so the
# 100–220 range the issue names is covered at both ends. The truth is measured, never taken from -s.
SPEEDS = (85, 110, 140, 165, 190)


@pytest.fixture(scope="session")
def audio(tmp_path_factory) -> AudioFactory:
    if missing := missing_tools():
        pytest.fail(f"install {' and '.join(missing)} (make system-deps) to run the live-coaching tests")
    return AudioFactory(tmp_path_factory.getbasetemp() / "live-audio")


def feed(coach: live.LiveCoach, clip: Clip, frame_ms: int = 100) -> list:
    out = []
    for frame in clip.frames(frame_ms):
        out += coach.feed(frame)
    return out


@pytest.mark.parametrize("speed", SPEEDS)
@pytest.mark.parametrize("text", CALIBRATION_TEXTS + HELD_OUT_TEXTS, ids=lambda t: t.split()[1] + t.split()[2])
def test_estimated_wpm_is_within_15_percent_of_the_truth(audio, text, speed):
    speech = audio.speech(text, speed)
    truth = speech.true_wpm()
    estimate = live.speech_rate(speech.pcm).wpm
    assert 90 <= truth <= 250
    assert estimate == pytest.approx(truth, rel=0.15), f"true {truth:.0f} WPM, estimated {estimate:.0f}"


def test_the_rate_does_not_depend_on_the_frame_size(audio):
    speech = audio.speech(HELD_OUT_TEXTS[0], 140)
    by_100 = live.speech_rate(speech.pcm, frame_ms=100)
    by_250 = live.speech_rate(speech.pcm, frame_ms=250)
    odd = live.LiveCoach()
    for i in range(0, len(speech.pcm), 3331):  # odd byte counts split samples across frames
        odd.feed(speech.pcm[i : i + 3331])
    assert by_100.nuclei == by_250.nuclei == odd.total_nuclei
    assert by_100.speaking_ms == by_250.speaking_ms == odd.speaking_ms


@pytest.mark.parametrize("text", [CALIBRATION_TEXTS[2], HELD_OUT_TEXTS[1], HELD_OUT_TEXTS[3]])
@pytest.mark.parametrize("background", [None, "pinknoise", "hum50"])
def test_a_silence_of_more_than_five_seconds_is_nudged_once_at_its_onset(audio, text, background):
    speech = audio.speech(text, 110)  # ~125 WPM: a calm pace, so only silence can be nudged
    clip = audio.concat(audio.padded(speech, 0, 7), speech)
    if background:  # a quiet room is never digital silence
        clip = audio.mix(clip, audio.noise(background, clip.duration_ms / 1000 + 1, -45))
    onset = speech.sound_bounds_ms()[1]
    coach = live.LiveCoach()
    coach.answer_open(0)
    nudges = feed(coach, clip)
    assert [n.kind for n in nudges] == ["silence"]
    assert nudges[0].detail["silence_started_ms"] == pytest.approx(onset, abs=500)
    # fired at the first 100 ms frame that ends more than 5 s after the detected onset
    assert 5_000 < nudges[0].offset_ms - nudges[0].detail["silence_started_ms"] <= 5_100


def test_a_pause_under_five_seconds_is_not_nudged(audio):
    speech = audio.speech(CALIBRATION_TEXTS[0], 120)
    clip = audio.concat(audio.padded(speech, 0, 4), speech)
    coach = live.LiveCoach()
    coach.answer_open(0)
    assert feed(coach, clip) == []


def test_silence_counts_only_while_an_answer_is_open(audio):
    quiet = audio.noise("pinknoise", 20, -50)
    coach = live.LiveCoach()
    assert feed(coach, quiet) == []  # between answers: no nudge
    coach.answer_open(coach.now_ms)
    opened = coach.now_ms
    nudges = feed(coach, quiet)
    assert [(n.kind, n.detail["silence_started_ms"]) for n in nudges] == [("silence", opened)]
    coach.answer_close(coach.now_ms)
    assert feed(coach, quiet) == []


@pytest.mark.parametrize("kind", NOISES)
@pytest.mark.parametrize("level_db", [-50, -30, -15])
def test_noise_alone_is_never_speech(audio, kind, level_db):
    noise = audio.noise(kind, 30, level_db)
    idle = live.LiveCoach()
    assert feed(idle, noise) == [], "no answer open: no nudge at all"
    assert idle.speaking_ms == 0
    assert idle.total_nuclei == 0
    answering = live.LiveCoach()
    answering.answer_open(0)
    nudges = feed(answering, noise)
    # noise is silence to the coach: one silence nudge at 5 s, never a pace nudge
    assert [(n.kind, n.offset_ms) for n in nudges] == [("silence", 5_100)]


@pytest.mark.parametrize("kind", ["pinknoise", "brownnoise", "hum60"])
def test_speech_over_background_noise_keeps_its_rate(audio, kind):
    speech = audio.speech(HELD_OUT_TEXTS[2], 140)
    noisy = audio.mix(speech, audio.noise(kind, speech.duration_ms / 1000, -40))
    estimate = live.speech_rate(noisy.pcm).wpm
    assert estimate == pytest.approx(speech.true_wpm(), rel=0.15)


def _long_answer(audio: AudioFactory, speed: int) -> Clip:
    return audio.concat(*(audio.speech(text, speed) for text in HELD_OUT_TEXTS[:2]))


def test_fast_speech_for_ten_seconds_gets_one_pace_nudge_per_fifteen_seconds(audio):
    fast = _long_answer(audio, 190)  # ~215-230 true WPM, ~40 s
    coach = live.LiveCoach()
    coach.answer_open(0)
    nudges = feed(coach, fast)
    assert {n.kind for n in nudges} == {"pace"}
    assert nudges[0].offset_ms >= 10_000
    assert nudges[0].detail["wpm"] > live.PACE_LIMIT_WPM
    assert nudges[0].detail["source"] == "audio"
    gaps = [b.offset_ms - a.offset_ms for a, b in itertools.pairwise(nudges)]
    assert all(gap >= live.COOLDOWN_MS for gap in gaps)
    assert len(nudges) >= 2


@pytest.mark.parametrize("speed", [85, 120])
def test_a_comfortable_pace_is_left_alone(audio, speed):
    coach = live.LiveCoach()
    coach.answer_open(0)
    assert feed(coach, _long_answer(audio, speed)) == []


def _with_transcript(coach: live.LiveCoach, clip: Clip, texts: list[str], words_kept: float) -> list:
    """Feed ``clip`` and send transcript snippets of ~6 words as a browser would, spread over the speech;
    ``words_kept`` < 1 simulates a recogniser that drops words."""
    words = " ".join(texts).split()
    snippets = [words[i : i + 6] for i in range(0, len(words), 6)]
    frames = clip.frames(100)
    every = max(1, len(frames) // len(snippets))
    out = []
    for i, frame in enumerate(frames):
        out += coach.feed(frame)
        if i % every == every - 1 and snippets:
            snippet = snippets.pop(0)
            coach.transcript(" ".join(snippet[: max(1, round(len(snippet) * words_kept))]), coach.now_ms)
    return out


def test_a_transcript_that_agrees_confirms_the_pace_nudge(audio):
    coach = live.LiveCoach()
    coach.answer_open(0)
    nudges = _with_transcript(coach, _long_answer(audio, 190), HELD_OUT_TEXTS[:2], 1.0)
    assert nudges
    assert nudges[0].kind == "pace"
    assert nudges[0].detail["source"] == "audio+transcript"
    assert nudges[0].detail["transcript_wpm"] == pytest.approx(nudges[0].detail["wpm"], rel=0.4)


def test_a_transcript_that_disagrees_stops_the_nudge_and_says_why(audio):
    coach = live.LiveCoach()
    coach.answer_open(0)
    out = _with_transcript(coach, _long_answer(audio, 190), HELD_OUT_TEXTS[:2], 0.3)
    assert out
    assert all(isinstance(o, live.Notice) and o.kind == "pace_uncertain" for o in out)
    assert "neither is trusted" in out[0].detail["reason"]
    assert out[0].detail["transcript_wpm"] < out[0].detail["wpm"] / live.PACE_DISAGREEMENT


def test_resync_moves_the_clock_for_a_reconnecting_client(audio):
    coach = live.LiveCoach(start_ms=60_000)
    coach.answer_open(61_000)
    feed(coach, audio.noise("pinknoise", 3, -50))
    coach.resync(90_000)
    nudges = feed(coach, audio.noise("pinknoise", 6, -50))
    assert nudges[0].kind == "silence"
    assert nudges[0].detail["silence_started_ms"] == 61_000
    assert nudges[0].offset_ms == 90_100


def test_state_stays_small_and_a_frame_costs_little(audio):
    clip = _long_answer(audio, 165)
    coach = live.LiveCoach()
    coach.answer_open(0)
    frames = clip.frames(100) * 8  # several minutes of audio
    started = time.process_time()
    for frame in frames:
        coach.feed(frame)
    per_frame = (time.process_time() - started) / len(frames)
    for i in range(1_000):
        coach.transcript("one two three", i)
    assert len(coach._bins) <= coach._bins.maxlen
    assert len(coach._transcript) <= 256
    assert len(coach._energy.values()) == live.FLOOR_HISTORY_MS // live.HOP_MS
    # A generous ceiling (the machine may be busy with other tests); it is ~0.1 ms on an idle core.
    assert per_frame < 0.002
