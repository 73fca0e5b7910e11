"""The analysis task and its services against the database: state transitions, progress between steps,
idempotency, retries, failures with reasons that spare other sessions, the signal after commit, the reaper,
the admin re-run and the analyze_media command."""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from copilot.ai import features, offline
from copilot.ai.gateway import AIResult, AIUnavailable
from interviews.analysis import ANALYSIS_VERSION, pipeline
from interviews.models import AnalysisReport, InterviewSession, RecordingSegment, SessionStatus, SessionTurn
from interviews.services import analysis as service
from interviews.services.sessions import session_transition
from interviews.signals import interview_completed
from interviews.tasks import analyze_session_task, reap_stuck_analyses_task
from interviews.tests import media
from interviews.tests.arena_support import live_session
from interviews.tests.audio import CALIBRATION_TEXTS, AudioFactory, missing_tools

pytestmark = pytest.mark.skipif(bool(missing_tools()), reason=f"needs {missing_tools()}")
S = SessionStatus
QUESTIONS = [
    "Tell me about a time you led a project that changed how your team worked.",
    "Describe a disagreement with a colleague and how you resolved it.",
]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def recording(tmp_path_factory) -> tuple[Path, list[tuple[float, float]]]:
    """A 2-answer recording (VP8 + Opus, the face photo) and the answers' windows on its timeline."""
    root = tmp_path_factory.mktemp("task-media")
    voices = AudioFactory(root / "voices")
    first = np.frombuffer(voices.speech(CALIBRATION_TEXTS[0], 160).pcm, dtype="<i2")
    second = np.frombuffer(voices.speech(CALIBRATION_TEXTS[1], 160).pcm, dtype="<i2")
    gap = np.zeros(16_000 * 2, dtype=np.int16)
    audio = np.concatenate([gap, first, gap, second, gap])
    a0, a1 = 2.0, 2.0 + len(first) / 16_000
    b0, b1 = a1 + 2.0, a1 + 2.0 + len(second) / 16_000
    path = media.make_video(root / "session.webm", seconds=len(audio) / 16_000, audio=audio, fps=10)
    return path, [(a0, a1), (b0, b1)]


def uploaded_session(user, root: Path, source: Path | bytes | None, windows=(), *, typed: bool = False):
    session = live_session(user, media_mode="typed" if typed else "video")
    for index, question in enumerate(QUESTIONS):
        start, end = windows[index] if index < len(windows) else (None, None)
        SessionTurn.objects.create(
            session=session,
            index=index,
            question=question,
            answer_text=CALIBRATION_TEXTS[index],
            answer_mode="typed" if typed else "voice",
            asked_at_ms=None if start is None else int((start - 1) * 1000),
            answer_started_ms=None if start is None else int(start * 1000),
            answer_ended_ms=None if end is None else int(end * 1000),
        )
    if source is not None:
        data = source.read_bytes() if isinstance(source, Path) else source
        rel = f"interviews/{session.pk}/segment-0.webm"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
        RecordingSegment.objects.create(
            session=session,
            index=0,
            mime_type="video/webm",
            path=rel,
            size_bytes=len(data),
            chunk_count=1,
            complete=True,
            sha256=hashlib.sha256(data).hexdigest(),
        )
    return session_transition(session=session, to=S.UPLOADED)


@pytest.fixture
def completed(db):
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    interview_completed.connect(receiver, weak=False)
    yield calls
    interview_completed.disconnect(receiver)


@pytest.fixture
def no_broker(monkeypatch):
    sent = []
    monkeypatch.setattr(analyze_session_task, "delay", sent.append)
    return sent


def run_task(session_id: int) -> str:
    return analyze_session_task.apply(args=[session_id]).get()


@pytest.mark.slow
def test_it_analyses_a_session_and_signals_after_commit(
    candidate, media_root, recording, completed, django_capture_on_commit_callbacks
):
    path, windows = recording
    session = uploaded_session(candidate, media_root, path, windows)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_task(session.pk) == "analyzed"
    session.refresh_from_db()
    report = session.report
    assert session.status == S.ANALYZED
    assert (report.step, report.progress, report.error) == ("done", 100, "")
    assert report.analysis_version == ANALYSIS_VERSION
    assert len(report.media_checksum) == 64
    m = report.metrics
    assert m["has_audio"]
    assert m["has_video"]
    assert m["wpm_source"] == "transcript"
    assert 120 < m["wpm"] < 220
    assert [a["turn_index"] for a in m["answers"]] == [0, 1]
    assert m["answers"][0]["star"]["parts"][0]["part"] == "situation"
    assert m["face_present_pct"] >= 90
    assert set(report.scores["dimensions"]) == {
        "confidence",
        "clarity",
        "structure",
        "engagement",
        "pace",
        "presence",
    }
    assert [f["turn_index"] for f in report.feedback] == [0, 1]
    assert 3 <= len(report.drills) <= 5
    assert all(d["url"] is None or d["url"].startswith("/") for d in report.drills)
    assert any(d["kind"] == "retake" for d in report.drills)
    kinds = {marker["kind"] for marker in report.timeline}
    assert {"question", "answer"} <= kinds
    assert completed == [
        {
            "signal": interview_completed,
            "session_id": session.pk,
            "user_id": candidate.pk,
            "scores": {k: (v["score"] if k != "overall" else v) for k, v in _flat(report.scores).items()},
        }
    ]


def _flat(scores: dict) -> dict:
    return {"overall": scores["overall"], **{k: {"score": d["score"]} for k, d in scores["dimensions"].items()}}


def test_progress_and_step_are_stored_between_steps(candidate, media_root, monkeypatch):
    session = uploaded_session(candidate, media_root, None, typed=True)
    seen = []
    original = pipeline.step_text

    def spy(*args, **kwargs):
        report = AnalysisReport.objects.get(session=session)
        seen.append((report.step, report.progress))
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline, "step_text", spy)
    assert run_task(session.pk) == "analyzed"
    assert seen == [("text", pipeline.PROGRESS["text"])]


def test_a_duplicate_message_changes_nothing(candidate, media_root, completed, django_capture_on_commit_callbacks):
    session = uploaded_session(candidate, media_root, None, typed=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_task(session.pk) == "analyzed"
        before = AnalysisReport.objects.get(session=session).updated_at
        assert run_task(session.pk) == "skipped"
    assert AnalysisReport.objects.get(session=session).updated_at == before
    assert len(completed) == 1


def test_a_rerun_replaces_the_report(candidate, media_root, no_broker):
    session = uploaded_session(candidate, media_root, None, typed=True)
    assert run_task(session.pk) == "analyzed"
    AnalysisReport.objects.filter(session=session).update(metrics={"stale": True}, self_rating={"ratings": {"x": 3}})
    assert service.analysis_request(session=session) is True
    session.refresh_from_db()
    assert session.status == S.ANALYZING
    assert AnalysisReport.objects.get(session=session).step == "queued"
    assert run_task(session.pk) == "analyzed"
    report = AnalysisReport.objects.get(session=session)
    assert "stale" not in report.metrics
    assert report.metrics["answers"][0]["text_source"] == "typed"
    assert report.self_rating == {"ratings": {"x": 3}}  # the candidate's calibration is never touched


def test_a_typed_interview_has_text_scores_and_no_media_metrics(candidate, media_root):
    session = uploaded_session(candidate, media_root, None, typed=True)
    assert run_task(session.pk) == "analyzed"
    report = AnalysisReport.objects.get(session=session)
    assert report.metrics["has_audio"] is False
    assert report.metrics["wpm"] is None
    assert report.scores["dimensions"]["presence"]["score"] is None
    assert report.scores["dimensions"]["structure"]["score"] is not None
    assert report.metrics["fillers"]["items"] == [] or all(i["t_s"] is None for i in report.metrics["fillers"]["items"])


@pytest.mark.slow
def test_a_malformed_recording_fails_with_its_reason_and_spares_other_sessions(
    candidate, other_candidate, media_root, recording
):
    path, windows = recording
    bad = uploaded_session(candidate, media_root, b"this is a text file, not a recording\n" * 50, windows)
    good = uploaded_session(other_candidate, media_root, path, windows)
    assert run_task(bad.pk) == "failed"
    assert run_task(good.pk) == "analyzed"
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.status == S.FAILED
    assert (
        bad.failure_reason
        == "decode: segment-0.webm is not a recording we can read (Invalid data found when processing input)"
    )
    assert bad.report.error == bad.failure_reason
    assert bad.report.step == "decode"
    assert good.status == S.ANALYZED


def _offline_result(question, answer, metrics):
    value = offline.answer_feedback(question=question, answer=answer, metrics=metrics)
    return AIResult(
        value=value,
        engine="offline",
        model="offline-engine",
        task="answer_feedback",
        prompt_version="t",
        latency_ms=0,
        notice="The AI model could not be reached.",
    )


def test_an_unavailable_model_is_retried_from_feedback_then_the_offline_coach_answers(
    candidate, media_root, monkeypatch
):
    session = uploaded_session(candidate, media_root, None, typed=True)
    calls = []

    def answer_feedback(*, user, question, answer, metrics, mode, allow_fallback):
        calls.append(allow_fallback)
        assert mode == "background"
        if not allow_fallback:
            raise AIUnavailable("connection")
        return _offline_result(question, answer, metrics)

    monkeypatch.setattr(features, "answer_feedback", answer_feedback)
    measured = []
    original = pipeline.step_text
    monkeypatch.setattr(pipeline, "step_text", lambda *a, **k: measured.append(1) or original(*a, **k))
    assert run_task(session.pk) == "analyzed"
    assert measured == [1]  # the retries resumed at feedback: measured once, not five times
    # Four retries raise, the last attempt (retries == max_retries) falls back: once per answer.
    assert calls == [False] * (analyze_session_task.max_retries) + [True, True]
    report = AnalysisReport.objects.get(session=session)
    assert report.feedback[0]["engine"] == "offline"
    assert report.feedback[0]["notice"] == "The AI model could not be reached."


def test_a_database_hiccup_is_retried(candidate, media_root, monkeypatch):
    session = uploaded_session(candidate, media_root, None, typed=True)
    original = pipeline.step_drills
    failures = [OperationalError("server closed the connection unexpectedly")]

    def flaky(*args, **kwargs):
        if failures:
            raise failures.pop()
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline, "step_drills", flaky)
    assert run_task(session.pk) == "analyzed"
    assert not failures


def test_a_step_over_the_soft_time_limit_fails_with_its_step(candidate, media_root, monkeypatch):
    session = uploaded_session(candidate, media_root, None, typed=True)

    def slow(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(pipeline, "step_audio", slow)
    assert run_task(session.pk) == "failed"
    session.refresh_from_db()
    assert session.failure_reason == "audio: took longer than the time limit, so it was stopped"


def test_it_returns_quietly_when_the_session_is_gone(db):
    assert run_task(987654) == "gone"


def test_a_session_deleted_mid_run_is_left_alone(candidate, media_root, monkeypatch):
    session = uploaded_session(candidate, media_root, None, typed=True)
    original = pipeline.step_text

    def delete_then_continue(*args, **kwargs):
        InterviewSession.objects.filter(pk=session.pk).delete()
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline, "step_text", delete_then_continue)
    assert run_task(session.pk) == "gone"
    assert not AnalysisReport.objects.filter(session_id=session.pk).exists()


def test_another_worker_running_it_makes_a_second_message_skip(candidate, media_root):
    session = uploaded_session(candidate, media_root, None, typed=True)
    session_transition(session=session, to=S.ANALYZING)
    AnalysisReport.objects.create(session=session, analysis_version="1", step="audio", task_id="other-worker")
    assert run_task(session.pk) == "skipped"
    session.refresh_from_db()
    assert session.status == S.ANALYZING


def test_sessions_not_finished_are_not_analysed(candidate):
    session = live_session(candidate)
    assert run_task(session.pk) == "skipped"
    session.refresh_from_db()
    assert session.status == S.LIVE


# ------------------------------------------------------------------------------------------------
# The reaper
def _age(session, report=None, *, minutes: int):
    then = timezone.now() - datetime.timedelta(minutes=minutes)
    InterviewSession.objects.filter(pk=session.pk).update(updated_at=then)
    if report is not None:
        AnalysisReport.objects.filter(pk=report.pk).update(updated_at=then)


def test_the_reaper_requeues_lost_messages_and_fails_dead_runs(
    candidate, media_root, no_broker, django_capture_on_commit_callbacks
):
    lost_upload = uploaded_session(candidate, media_root, None, typed=True)
    _age(lost_upload, minutes=30)
    never_started = uploaded_session(candidate, media_root, None, typed=True)
    session_transition(session=never_started, to=S.ANALYZING)
    queued = AnalysisReport.objects.create(session=never_started, analysis_version="1", step="queued")
    _age(never_started, queued, minutes=30)
    dead = uploaded_session(candidate, media_root, None, typed=True)
    session_transition(session=dead, to=S.ANALYZING)
    running = AnalysisReport.objects.create(session=dead, analysis_version="1", step="video", task_id="t1")
    _age(dead, running, minutes=30)
    busy = uploaded_session(candidate, media_root, None, typed=True)
    session_transition(session=busy, to=S.ANALYZING)
    AnalysisReport.objects.create(session=busy, analysis_version="1", step="audio", task_id="t2")
    fresh = uploaded_session(candidate, media_root, None, typed=True)

    with django_capture_on_commit_callbacks(execute=True):
        counts = reap_stuck_analyses_task.apply().get()
    assert counts == {"requeued": 2, "failed": 1}
    assert sorted(no_broker) == sorted([lost_upload.pk, never_started.pk])
    statuses = dict(InterviewSession.objects.values_list("pk", "status"))
    assert statuses[never_started.pk] == S.UPLOADED
    assert statuses[dead.pk] == S.FAILED
    assert statuses[busy.pk] == S.ANALYZING
    assert statuses[fresh.pk] == S.UPLOADED
    dead.refresh_from_db()
    assert dead.failure_reason.startswith("video: the analysis stopped without finishing")
    # Twice in a row: the second pass finds nothing new to do.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reap_stuck_analyses")
    assert len(no_broker) == 2


# ------------------------------------------------------------------------------------------------
# Admin action and command
class _Admin:
    def __init__(self):
        self.messages = []

    def message_user(self, request, message, level):
        self.messages.append(message)


def test_the_admin_rerun_queues_finished_sessions_and_skips_live_ones(
    candidate, media_root, no_broker, django_capture_on_commit_callbacks
):
    done = uploaded_session(candidate, media_root, None, typed=True)
    assert run_task(done.pk) == "analyzed"
    live = live_session(candidate)
    admin = _Admin()
    with django_capture_on_commit_callbacks(execute=True):
        service.rerun_analysis_action(admin, None, InterviewSession.objects.filter(pk__in=[done.pk, live.pk]))
    assert no_broker == [done.pk]
    assert admin.messages[0] == "Analysis queued for 1 interview(s)."
    assert "1 interview(s) skipped" in admin.messages[1]
    assert run_task(done.pk) == "analyzed"


@pytest.mark.slow
def test_analyze_media_prints_the_metrics_as_json(recording, tmp_path, capsys):
    path, _ = recording
    transcript = tmp_path / "said.txt"
    transcript.write_text(CALIBRATION_TEXTS[0] + " " + CALIBRATION_TEXTS[1])
    call_command("analyze_media", str(path), "--transcript", str(transcript), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["error"] is None
    for key in (
        "duration_s",
        "wpm",
        "wpm_source",
        "pauses",
        "pitch",
        "fillers",
        "face_present_pct",
        "eye_contact_pct",
        "posture_stability",
    ):
        assert key in out
    assert out["wpm_source"] == "transcript"
    assert {"mean_hz", "sd_semitones"} <= set(out["pitch"])
    assert {"count", "per_minute", "items"} <= set(out["fillers"])
    assert all(set(p) == {"start_s", "end_s"} for p in out["pauses"])


def test_analyze_media_exits_non_zero_with_an_error_on_bad_input(tmp_path, capsys):
    bad = tmp_path / "notes.webm"
    bad.write_text("not a video")
    with pytest.raises(SystemExit) as exited:
        call_command("analyze_media", str(bad), "--json")
    assert exited.value.code == 1
    assert json.loads(capsys.readouterr().out)["error"].startswith("decode: notes.webm is not a recording")
