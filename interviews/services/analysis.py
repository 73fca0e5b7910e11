"""The Django side of the post-session analysis: claim the session, run ``interviews.analysis.pipeline``,
store the report, move the state machine, send ``interview_completed``; the reaper; the admin re-run.

Idempotency and ownership of a run (the session row is the source of truth):

* ``uploaded`` → the task claims it (``uploaded → analyzing``, a conditional UPDATE: one winner).
* ``analyzing`` → the task runs only when the report says ``queued`` (a retry or re-run asked for it), when
  the report's ``task_id`` is this task's (a Celery retry or a redelivery after a lost worker), or when the
  report has not moved for longer than the hard time limit (its worker is gone). Anything else is a
  duplicate message while another worker runs it: return quietly.
* ``analyzed`` / ``failed`` → a duplicate message: return quietly. Re-runs go through ``analysis_request``
  (staff) or ``interviews.services.review.analysis_retry`` (the candidate), which put the session back in
  ``analyzing`` with ``step="queued"``.

A finished run replaces ``metrics``, ``scores``, ``timeline``, ``feedback`` and ``drills`` in one UPDATE and
stores its key (``media_checksum`` over the segments' sha256 + ``analysis_version``).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from copilot.ai import features
from copilot.ai.gateway import AIUnavailable
from interviews.analysis import ANALYSIS_VERSION, pipeline
from interviews.analysis.audio import wav_slice
from interviews.analysis.decode import Limits, Segment
from interviews.analysis.scoring import flat
from interviews.models import AnalysisReport, InterviewSession, RecordingSegment, SessionStatus, TimelineEvent
from interviews.services.sessions import InvalidTransition, session_transition
from interviews.signals import interview_completed

logger = logging.getLogger(__name__)
S = SessionStatus
# Faults worth a Celery retry (with backoff) rather than a failed session.
TRANSIENT: tuple[type[BaseException], ...] = (AIUnavailable, OperationalError, InterfaceError)
GRACE = datetime.timedelta(minutes=5)


def hard_time_limit_s() -> int:
    return int(getattr(settings, "ANALYSIS_TIME_LIMIT_SECONDS", settings.CELERY_TASK_TIME_LIMIT))


def analysis_limits() -> Limits:
    """Decoding limits; each may be overridden by a setting of the same name in upper case with the
    ``ANALYSIS_`` prefix (e.g. ``ANALYSIS_MAX_DURATION_S``)."""
    defaults = Limits()
    overrides = {}
    for name in ("max_bytes", "max_duration_s", "max_width", "max_height", "memory_bytes", "cpu_s", "wall_s"):
        value = getattr(settings, f"ANALYSIS_{name.upper()}", None)
        if value is not None:
            overrides[name] = value
    if "wall_s" not in overrides:  # the child must stop well before the task's soft limit
        overrides["wall_s"] = min(defaults.wall_s, max(60, hard_time_limit_s() - 180))
    return Limits(**{**defaults.__dict__, **overrides})


def media_checksum(segments: list[RecordingSegment]) -> str:
    digest = hashlib.sha256()
    for segment in segments:
        digest.update(f"{segment.index}:{segment.started_at_ms}:{segment.sha256 or segment.size_bytes};".encode())
    return digest.hexdigest()


# ------------------------------------------------------------------------------------------------
# Requests
# ------------------------------------------------------------------------------------------------
def analysis_request(*, session: InterviewSession) -> bool:
    """Queue a (re-)analysis: ``uploaded``/``failed``/``analyzed`` → ``analyzing`` with the report reset to
    ``queued``, the task sent after commit. False when the session is in no state to be analysed (still
    live, or already analysing)."""
    from interviews.tasks import analyze_session_task  # noqa: PLC0415 — tasks import this module

    with transaction.atomic():
        try:
            session_transition(session=session, to=S.ANALYZING)
        except InvalidTransition:
            return False
        _report_queued(session)
        session_id = session.pk
        transaction.on_commit(lambda: analyze_session_task.delay(session_id))
    return True


def _report_queued(session: InterviewSession) -> None:
    now = timezone.now()
    report, created = AnalysisReport.objects.get_or_create(
        session=session, defaults={"analysis_version": ANALYSIS_VERSION, "step": "queued"}
    )
    if not created:
        AnalysisReport.objects.filter(pk=report.pk).update(
            step="queued", progress=0, error="", task_id="", started_at=None, finished_at=None, updated_at=now
        )


@admin.action(description="Re-run analysis")
def rerun_analysis_action(modeladmin, request, queryset) -> None:
    """Admin action for ``InterviewSession`` (or ``AnalysisReport``) change lists."""
    if queryset.model is AnalysisReport:
        queryset = InterviewSession.objects.filter(pk__in=queryset.values("session_id"))
    queued = skipped = 0
    for session in queryset:
        if analysis_request(session=session):
            queued += 1
        else:
            skipped += 1
    modeladmin.message_user(request, f"Analysis queued for {queued} interview(s).", messages.SUCCESS)
    if skipped:
        modeladmin.message_user(
            request, f"{skipped} interview(s) skipped: still live or already being analysed.", messages.WARNING
        )


# ------------------------------------------------------------------------------------------------
# The run
# ------------------------------------------------------------------------------------------------
def analysis_run(*, session_id: int, task_id: str = "", final_attempt: bool = True) -> str:
    """Run the analysis of one session if this call owns it (see the module docstring). Returns what
    happened: ``gone``, ``skipped``, ``analyzed`` or ``failed``. Raises the ``TRANSIENT`` faults for
    the task to retry (the session stays ``analyzing`` and the retry, with the same task id, resumes)."""
    session = InterviewSession.objects.select_related("user").filter(pk=session_id).first()
    if session is None:
        return "gone"
    segments = [s for s in RecordingSegment.objects.filter(session=session).order_by("index") if s.size_bytes > 0]
    key = media_checksum(segments)
    claim = _claim(session, task_id)
    if claim is None:
        return "skipped"
    report, before = claim
    job = _job(session, segments, final_attempt=final_attempt)
    resume = None
    if (
        before["task_id"] == task_id
        and task_id
        and before["step"] in {"feedback", "drills"}
        and (before["media_checksum"], before["analysis_version"]) == (key, ANALYSIS_VERSION)
        and before["metrics"].get("answers") is not None
    ):
        resume = (before["metrics"], before["scores"], before["timeline"])

    def on_step(step: str, progress: int) -> None:
        AnalysisReport.objects.filter(pk=report.pk).update(step=step, progress=progress, updated_at=timezone.now())

    def checkpoint(metrics: dict, scores: dict, timeline: list) -> None:
        # Measured and scored: kept so a retry (the AI gateway was unavailable) resumes at feedback.
        AnalysisReport.objects.filter(pk=report.pk).update(
            metrics=metrics,
            scores=scores,
            timeline=timeline,
            media_checksum=key,
            analysis_version=ANALYSIS_VERSION,
            updated_at=timezone.now(),
        )

    try:
        result = pipeline.run(job, on_step, checkpoint=checkpoint, resume=resume)
    except pipeline.StepFailed as failure:
        return _store_failure(session, report, _reason(failure))
    return _store_success(session, report, result, key)


def _claim(session: InterviewSession, task_id: str) -> tuple[AnalysisReport, dict] | None:
    """The report, claimed for this task, and what it said before the claim (for resuming a retry)."""
    now = timezone.now()
    owned = False
    if session.status == S.UPLOADED:
        try:
            session_transition(session=session, to=S.ANALYZING)
        except InvalidTransition:
            return None
        owned = True
    elif session.status != S.ANALYZING:
        return None
    report, _ = AnalysisReport.objects.get_or_create(
        session=session, defaults={"analysis_version": ANALYSIS_VERSION, "step": "queued"}
    )
    stale = report.updated_at < now - datetime.timedelta(seconds=hard_time_limit_s()) - GRACE
    mine = bool(task_id) and report.task_id == task_id
    if not (owned or report.step in {"", "queued"} or mine or stale):
        return None
    before = {
        "task_id": report.task_id,
        "step": report.step,
        "media_checksum": report.media_checksum,
        "analysis_version": report.analysis_version,
        "metrics": report.metrics or {},
        "scores": report.scores or {},
        "timeline": report.timeline or [],
    }
    claimed = AnalysisReport.objects.filter(pk=report.pk, step=report.step, task_id=report.task_id).update(
        task_id=task_id[:64], step="decode", progress=0, error="", started_at=now, finished_at=None, updated_at=now
    )
    if not claimed:
        return None  # another worker claimed it between our read and our write
    report.refresh_from_db()
    return report, before


def _job(session: InterviewSession, segments: list[RecordingSegment], *, final_attempt: bool) -> pipeline.Job:
    root = Path(settings.MEDIA_ROOT).resolve()
    placed = []
    for segment in segments:
        path = (root / segment.path).resolve()
        if not path.is_relative_to(root):  # never read outside MEDIA_ROOT, whatever the row says
            continue
        placed.append(Segment(str(path), segment.started_at_ms / 1000))
    turns = [
        pipeline.TurnInput(
            index=t.index,
            question=t.question,
            answer_text=t.answer_text,
            answer_mode=t.answer_mode,
            kind=t.kind,
            asked_s=_s(t.asked_at_ms),
            start_s=_s(t.answer_started_ms),
            end_s=_s(t.answer_ended_ms),
        )
        for t in session.turns.order_by("index")
    ]
    events = [
        pipeline.EventInput(e.kind, e.offset_ms / 1000, e.payload if isinstance(e.payload, dict) else {})
        for e in TimelineEvent.objects.filter(session=session, kind__startswith="nudge_").order_by("offset_ms")
    ]
    return pipeline.Job(
        segments=placed,
        turns=turns,
        events=events,
        limits=analysis_limits(),
        interview_type=session.interview_type,
        transcribe=transcriber(),
        ask=_ask(session.user, final_attempt=final_attempt),
        templates=_templates(),
        coding_topics=_coding_topics() if session.interview_type != "behavioral" else [],
        transient=TRANSIENT,
        work_dir=_work_dir(),
    )


def _s(ms: int | None) -> float | None:
    return None if ms is None else ms / 1000


def _work_dir() -> Path:
    path = Path(settings.VAR_DIR) / "analysis"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _ask(user, *, final_attempt: bool):
    def ask(question: str, answer: str, metrics: dict) -> dict:
        result = features.answer_feedback(
            user=user,
            question=question,
            answer=answer,
            metrics=metrics,
            mode="background",
            allow_fallback=final_attempt,
        )
        value = result.value
        return {
            "score": value.score,
            "strengths": value.strengths,
            "gaps": value.gaps,
            "rewrite": value.rewrite,
            "engine": result.engine,
            "engine_label": result.engine_label,
            "notice": result.notice,
        }

    return ask


def _templates() -> list[tuple[str, str]]:
    from library.star_templates import TEMPLATES  # noqa: PLC0415 — plain data; drills link to the Library

    return [(t.key, t.question) for t in TEMPLATES]


def _coding_topics() -> list[str]:
    try:
        from coding.selectors import topic_list  # noqa: PLC0415 — drills link to coding problems

        return topic_list()
    except DatabaseError:
        return []


def _reason(failure: pipeline.StepFailed) -> str:
    from celery.exceptions import SoftTimeLimitExceeded  # noqa: PLC0415

    if isinstance(failure.__cause__, SoftTimeLimitExceeded):
        return f"{failure.step}: took longer than the time limit, so it was stopped"
    return f"{failure.step}: {failure.reason}"


def _store_failure(session: InterviewSession, report: AnalysisReport, reason: str) -> str:
    logger.info("analysis of interview %s failed: %s", session.pk, reason)
    with transaction.atomic():
        AnalysisReport.objects.filter(pk=report.pk).update(
            error=reason[:2000], finished_at=timezone.now(), updated_at=timezone.now()
        )
        try:
            session_transition(session=session, to=S.FAILED, failure_reason=reason)
        except InvalidTransition:
            return "gone"
    return "failed"


def _store_success(session: InterviewSession, report: AnalysisReport, result: pipeline.Result, key: str) -> str:
    now = timezone.now()
    with transaction.atomic():
        updated = AnalysisReport.objects.filter(pk=report.pk).update(
            analysis_version=ANALYSIS_VERSION,
            media_checksum=key,
            step="done",
            progress=100,
            error="",
            finished_at=now,
            updated_at=now,
            metrics=result.metrics,
            scores=result.scores,
            timeline=result.timeline,
            feedback=result.feedback,
            drills=[_resolve(d) for d in result.drills],
        )
        if not updated:
            return "gone"
        try:
            session_transition(session=session, to=S.ANALYZED)
        except InvalidTransition:
            return "gone"
        session_id, user_id, scores = session.pk, session.user_id, flat(result.scores)
        transaction.on_commit(
            lambda: interview_completed.send(
                sender=InterviewSession, session_id=session_id, user_id=user_id, scores=scores
            )
        )
    return "analyzed"


def _resolve(drill: dict) -> dict:
    url = None
    if drill.get("url_name"):
        try:
            url = reverse(drill["url_name"])
        except NoReverseMatch:
            url = None
        if url and drill.get("query"):
            url += "?" + urlencode(drill["query"])
    return {**drill, "url": url}


# ------------------------------------------------------------------------------------------------
# Server-side transcription (optional)
# ------------------------------------------------------------------------------------------------
def transcriber() -> pipeline.Transcribe | None:
    """An OpenAI-compatible ``/audio/transcriptions`` client when ``ANALYSIS_TRANSCRIPTION_URL`` (base URL,
    e.g. ``https://api.openai.com/v1``) is set; ``ANALYSIS_TRANSCRIPTION_API_KEY`` and
    ``ANALYSIS_TRANSCRIPTION_MODEL`` (default ``whisper-1``) go with it. Each answer's window is sent as a
    16 kHz WAV (a 5-minute answer is ~10 MB, under the usual 25 MB cap)."""
    base_url = getattr(settings, "ANALYSIS_TRANSCRIPTION_URL", "")
    if not base_url:
        return None
    from openai import OpenAI  # noqa: PLC0415

    client = OpenAI(
        base_url=base_url,
        api_key=getattr(settings, "ANALYSIS_TRANSCRIPTION_API_KEY", "") or "unused",
        timeout=float(getattr(settings, "ANALYSIS_TRANSCRIPTION_TIMEOUT_SECONDS", 120)),
        max_retries=1,
    )
    model = getattr(settings, "ANALYSIS_TRANSCRIPTION_MODEL", "") or "whisper-1"

    def transcribe(wav: Path, start_s: float, end_s: float) -> str:
        data = wav_slice(wav, start_s, end_s)
        response = client.audio.transcriptions.create(model=model, file=("answer.wav", io.BytesIO(data), "audio/wav"))
        return getattr(response, "text", "") or ""

    return transcribe


# ------------------------------------------------------------------------------------------------
# The reaper
# ------------------------------------------------------------------------------------------------
def analysis_reap(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Sessions stuck past the hard time limit (+ 5 min grace):

    * ``uploaded`` and untouched → the task is queued again (its message was lost);
    * ``analyzing`` whose report never started (``queued``) → back to ``uploaded`` and queued again;
    * ``analyzing`` whose run started and went silent → ``failed`` with ``"<step>: …"`` (its worker died or
      it ran past the limit; running it blindly again could kill the next worker too — the candidate's
      retry button or staff's re-run decides).

    Safe to run twice or overlapping: every change is a conditional transition."""
    from interviews.tasks import analyze_session_task  # noqa: PLC0415

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=hard_time_limit_s()) - GRACE
    counts = {"requeued": 0, "failed": 0}
    for session in InterviewSession.objects.filter(status=S.UPLOADED, updated_at__lt=cutoff):
        InterviewSession.objects.filter(pk=session.pk, status=S.UPLOADED).update(updated_at=now)
        session_id = session.pk
        transaction.on_commit(lambda session_id=session_id: analyze_session_task.delay(session_id))
        counts["requeued"] += 1
    stuck = InterviewSession.objects.filter(status=S.ANALYZING, updated_at__lt=cutoff).select_related("report")
    for session in stuck:
        report = AnalysisReport.objects.filter(session=session).first()
        if report is not None and report.updated_at >= cutoff:
            continue  # still reporting progress
        never_started = report is None or report.step in {"", "queued"}
        with transaction.atomic():
            try:
                if never_started:
                    session_transition(session=session, to=S.UPLOADED)
                    session_id = session.pk
                    transaction.on_commit(lambda session_id=session_id: analyze_session_task.delay(session_id))
                    counts["requeued"] += 1
                else:
                    reason = (
                        f"{report.step}: the analysis stopped without finishing (the worker was lost or it ran "
                        "past the time limit)"
                    )
                    AnalysisReport.objects.filter(pk=report.pk).update(error=reason, finished_at=now, updated_at=now)
                    session_transition(session=session, to=S.FAILED, failure_reason=reason)
                    counts["failed"] += 1
            except InvalidTransition:
                continue
    return counts
