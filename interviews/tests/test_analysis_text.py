"""Pure parts of the analysis: fillers, hedges, sentiment, scores with evidence, drills, timeline markers,
the WPM choice — and server transcription against a real HTTP server speaking the OpenAI protocol."""

from __future__ import annotations

import json
import threading
import wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from interviews.analysis import drills, pipeline, scoring, text
from interviews.analysis.audio import wav_slice


def fillers(sentence: str) -> list[str]:
    return [sentence[h.start : h.end].lower() for h in text.find_fillers(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I like Python and I would like to learn Rust.", []),
        ("It looks like a lot, something like 20 percent.", []),
        ("So, like, we rebuilt it.", ["so", "like"]),
        ('Um, I was like, "no way".', ["um", "like"]),
        ("Like, it was basically done.", ["like", "basically"]),
        ("Well, I mean, it sort of worked, you know.", ["well", "i mean", "sort of", "you know"]),
        ("What kind of tests? Well documented code helps. So that is settled.", []),
        ("You know that I care. Uh, er, literally everything.", ["uh", "er", "literally"]),
        ("I actually shipped it. So I moved on.", ["actually", "so"]),
    ],
)
def test_fillers_count_discourse_markers_not_ordinary_words(sentence, expected):
    assert fillers(sentence) == expected


def test_hedges_and_sentiment():
    assert [h.word for h in text.find_hedges("I think maybe we could, probably.")] == ["i think", "maybe", "probably"]
    assert text.sentiment("We improved it and I was proud.") == 1.0
    assert text.sentiment("It failed and it was not good.") == -1.0
    assert text.sentiment("We met on Tuesday.") == 0.0


def test_answer_analysis_carries_star_evidence_spans():
    answer = (
        "At my last job our checkout was failing every Friday. I was responsible for fixing it. "
        "I rebuilt the retry logic and added alerts. As a result, failures dropped by 80 percent."
    )
    result = text.analyze_answer("Tell me about a problem you fixed.", answer)
    parts = {p["part"]: p for p in result.star["parts"]}
    assert result.star["coverage"] == 1.0
    start, end = parts["result"]["span"]
    assert answer[start:end] == parts["result"]["evidence"]
    assert result.relevance is not None
    assert result.words == len(answer.split())


@pytest.mark.parametrize(
    ("transcript", "syllables", "expected"),
    [
        (150.0, 160.0, (150.0, "transcript", "high")),
        (150.0, None, (150.0, "transcript", "high")),
        (None, 140.0, (140.0, "syllables", "high")),
        (80.0, 160.0, (None, None, "low")),
        (None, None, (None, None, "high")),
    ],
)
def test_the_rate_comes_from_the_transcript_unless_the_sources_disagree(transcript, syllables, expected):
    assert pipeline.choose_wpm(transcript, syllables) == expected


def test_bands_are_full_inside_the_target_and_zero_at_the_limits():
    assert scoring.WPM(140) == 100
    assert scoring.WPM(70) == 0
    assert scoring.WPM(245) == 0
    assert scoring.WPM(190) == pytest.approx(50)
    assert scoring.FILLERS_PER_MIN(0) == 100
    assert scoring.FILLERS_PER_MIN(6) == pytest.approx(50)


def metrics(**overrides) -> dict:
    base = {
        "speaking_s": 120.0,
        "wpm": 150.0,
        "wpm_source": "transcript",
        "wpm_confidence": "high",
        "pauses": [{"start_s": 30.0, "end_s": 34.0}],
        "pause_stats": {"count": 1, "mean_s": 4.0, "longest_s": 4.0, "long_count": 1},
        "pitch": {"mean_hz": 120.0, "sd_semitones": 3.0, "range_semitones": 9.0, "monotone": False},
        "energy": {"sd_db": 6.0},
        "fillers": {
            "count": 3,
            "per_minute": 1.5,
            "per_100_words": 1.0,
            "items": [
                {"word": "um", "turn_index": 0, "span": [0, 2], "t_s": 12.0},
                {"word": "like", "turn_index": 0, "span": [10, 14], "t_s": 15.0},
                {"word": "so", "turn_index": 0, "span": [20, 22], "t_s": 20.0},
            ],
        },
        "hedges": {"count": 0, "per_100_words": 0.0, "items": []},
        "face_present_pct": 98.0,
        "eye_contact_pct": 75.0,
        "centering": 0.9,
        "posture_stability": 0.9,
        "looked_away": [{"start_s": 50.0, "end_s": 53.0}],
        "answers": [
            {
                "turn_index": 0,
                "question": "Tell me about a conflict with a colleague.",
                "start_s": 10.0,
                "end_s": 70.0,
                "words": 150,
                "wpm": 150.0,
                "relevance": 0.4,
                "sentiment": 0.2,
                "star": {"coverage": 0.5, "missing": ["task", "result"], "team_only_action": False, "parts": []},
            },
            {
                "turn_index": 1,
                "question": "What is a hash map and when would you use one?",
                "start_s": 80.0,
                "end_s": 120.0,
                "words": 90,
                "wpm": 185.0,
                "relevance": 0.3,
                "sentiment": 0.0,
                "star": {"coverage": 1.0, "missing": [], "team_only_action": False, "parts": []},
            },
        ],
    }
    return {**base, **overrides}


def test_every_dimension_is_scored_with_evidence_that_points_somewhere():
    scores = scoring.score(metrics())
    assert list(scores["dimensions"]) == list(scoring.DIMENSIONS)
    assert 0 <= scores["overall"] <= 100
    for dim in scores["dimensions"].values():
        assert 0 <= dim["score"] <= 100
        assert len(dim["evidence"]) <= scoring.MAX_EVIDENCE
        for ev in dim["evidence"]:
            assert ev["polarity"] in {"strength", "gap"}
    structure = scores["dimensions"]["structure"]["evidence"]
    assert {"kind": "star", "note": "No clear task", "polarity": "gap", "turn_index": 0, "span": None, "t_s": 10.0} in (
        structure
    )
    pace = scores["dimensions"]["pace"]["evidence"]
    assert pace[0]["note"] == "Fast: 185 wpm"
    assert pace[0]["t_s"] == 80.0
    assert scoring.flat(scores)["pace"] == scores["dimensions"]["pace"]["score"]


def test_unmeasurable_dimensions_are_null_not_zero():
    scores = scoring.score(metrics(wpm=None, wpm_confidence="low", face_present_pct=None, eye_contact_pct=None))
    assert scores["dimensions"]["pace"]["score"] is None
    assert scores["dimensions"]["pace"]["summary"].startswith("Rate uncertain")
    assert scores["dimensions"]["presence"]["score"] is None
    assert scores["overall"] is not None


def test_drills_are_three_to_five_and_link_somewhere_useful():
    m = metrics()
    scores = scoring.score(m)
    feedback = [{"turn_index": 0, "score": 40}, {"turn_index": 1, "score": 80}]
    built = drills.build(
        answers=m["answers"],
        scores=scores,
        feedback=feedback,
        interview_type="mixed",
        templates=[
            ("conflict", "Tell me about a time you disagreed with a colleague."),
            ("failure", "Tell me about a failure."),
        ],
        coding_topics=["graphs", "hash-map"],
    )
    assert 3 <= len(built) <= 5
    kinds = [d["kind"] for d in built]
    assert "retake" in kinds
    template = next(d for d in built if d["kind"] == "library_template")
    assert template["query"] == {"template": "conflict", "question": m["answers"][0]["question"]}
    coding = next(d for d in built if d["kind"] == "coding")
    assert coding["query"] == {"topic": "hash-map"}
    assert next(d for d in built if d["kind"] == "retake")["turn_index"] == 0


def test_drills_never_fall_below_three_without_answers():
    built = drills.build(
        answers=[], scores={"dimensions": {}}, feedback=[], interview_type="behavioral", templates=[], coding_topics=[]
    )
    assert [d["url_name"] for d in built] == [
        "library:template_list",
        "copilot:question_generator",
        "copilot:star_drafter",
    ]


def test_timeline_marks_answers_nudges_pauses_filler_bursts_and_looking_away():
    job = pipeline.Job(
        segments=[],
        turns=[pipeline.TurnInput(0, "Q", "A", "voice", asked_s=8.0, start_s=10.0, end_s=70.0)],
        events=[pipeline.EventInput("nudge_silence", 40.0, {"silence_ms": 5200})],
    )
    m = metrics()
    markers = pipeline.build_timeline(job, m, scoring.score(m))
    kinds = [(mk["kind"], mk["t_s"]) for mk in markers]
    assert ("question", 8.0) in kinds
    assert ("answer", 10.0) in kinds
    assert ("nudge", 40.0) in kinds
    assert ("long_pause", 30.0) in kinds
    assert ("filler_burst", 12.0) in kinds
    assert ("looked_away", 50.0) in kinds
    assert markers == sorted(markers, key=lambda mk: (mk["t_s"], mk["kind"]))
    assert json.dumps(markers)


def test_plain_makes_numpy_values_json_ready():
    import numpy as np

    assert pipeline.plain({"a": np.float64(1.5), "b": (np.int64(2), [np.bool_(True)])}) == {"a": 1.5, "b": [2, [True]]}


# ------------------------------------------------------------------------------------------------
# Server transcription over the OpenAI protocol on loopback
class _Transcriptions(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Transcriptions.received.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        reply = json.dumps({"text": "So, um, I rebuilt the billing system."}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


@pytest.fixture
def transcription_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Transcriptions)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Transcriptions.received = []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def _wav(path: Path, seconds: float) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes(b"\x01\x00" * int(16_000 * seconds))
    return path


def test_wav_slice_cuts_the_window(tmp_path):
    data = wav_slice(_wav(tmp_path / "a.wav", 4), 1.0, 2.5)
    out = tmp_path / "cut.wav"
    out.write_bytes(data)
    with wave.open(str(out)) as w:
        assert w.getnframes() == 24_000


def test_server_transcription_sends_each_answer_window(settings, transcription_server, tmp_path):
    from interviews.services.analysis import transcriber

    settings.ANALYSIS_TRANSCRIPTION_URL = transcription_server
    settings.ANALYSIS_TRANSCRIPTION_API_KEY = "sk-test"
    settings.ANALYSIS_TRANSCRIPTION_MODEL = "whisper-test"
    transcribe = transcriber()
    assert transcribe(_wav(tmp_path / "a.wav", 3), 0.5, 2.0) == "So, um, I rebuilt the billing system."
    (request,) = _Transcriptions.received
    assert request["path"] == "/v1/audio/transcriptions"
    assert request["auth"] == "Bearer sk-test"
    assert b'name="model"' in request["body"]
    assert b"whisper-test" in request["body"]
    assert b"RIFF" in request["body"]


def test_without_a_transcription_url_there_is_no_transcriber(settings):
    from interviews.services.analysis import transcriber

    settings.ANALYSIS_TRANSCRIPTION_URL = ""
    assert transcriber() is None
