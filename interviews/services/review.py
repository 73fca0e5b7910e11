"""Writes for Game Tape: retry a failed analysis, calibrate, retake one answer, share links."""

from __future__ import annotations

import datetime
import secrets

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from interviews.models import AnalysisReport, InterviewSession, SessionStatus, SessionTurn, ShareLink
from interviews.selectors_review import DIMENSIONS, RATING_SCALE
from interviews.services.analysis import analysis_request
from interviews.services.sessions import InvalidTransition, session_transition

SHARE_DURATIONS: dict[str, datetime.timedelta] = {
    "24h": datetime.timedelta(hours=24),
    "7d": datetime.timedelta(days=7),
    "30d": datetime.timedelta(days=30),
}
SHARE_LINKS_MAX_ACTIVE = 10


class ShareLimitReached(Exception):
    pass


def analysis_retry(*, session: InterviewSession) -> InterviewSession:
    """``failed`` → ``analyzing``, the report reset to ``queued`` and the task sent once the transaction commits
    (``interviews.services.analysis.analysis_request``). Raises ``InvalidTransition`` when the session is not
    failed — a double click: the first one won."""
    if session.status != SessionStatus.FAILED or not analysis_request(session=session):
        raise InvalidTransition(session, SessionStatus.ANALYZING)
    return session


def report_calibrate(*, report: AnalysisReport, ratings: dict[str, int] | None) -> AnalysisReport:
    """Store the candidate's own ratings (1..5 per dimension), or ``None`` to skip. Only the first answer
    counts: calibration is a guess made *before* seeing the scores, so a second submit changes nothing."""
    if report.self_rating.get("ratings") or report.self_rating.get("skipped"):
        return report
    keys = {key for key, _ in DIMENSIONS}
    clean = {k: int(v) for k, v in (ratings or {}).items() if k in keys and v in RATING_SCALE}
    report.self_rating = {
        "ratings": clean,
        "scale": "1-5",
        "skipped": not clean,
        "rated_at": timezone.now().isoformat(),
    }
    report.save(update_fields=["self_rating", "updated_at"])
    return report


def session_retake_create(*, session: InterviewSession, turn_index: int) -> InterviewSession:
    """A new ``ready`` session that asks only the question of ``turn_index`` again, linked to the original
    (``retake_of``, ``retake_turn_index``). Idempotent while it has not begun: a second click returns the
    retake already waiting. Raises ``SessionTurn.DoesNotExist`` for a turn the session does not have."""
    turn = SessionTurn.objects.get(session=session, index=turn_index)
    with transaction.atomic():
        # The owner's row serializes two clicks; the waiting retake is returned to the second.
        InterviewSession.objects.select_for_update().filter(pk=session.pk).first()
        waiting = InterviewSession.objects.filter(
            retake_of=session, retake_turn_index=turn_index, status=SessionStatus.READY
        ).first()
        if waiting is not None:
            return waiting
        retake = InterviewSession.objects.create(
            user_id=session.user_id,
            persona=session.persona,
            interview_type=session.interview_type,
            question_count=1,
            background=session.background,
            resume_id=session.resume_id,
            job_id=session.job_id,
            target_role=session.target_role,
            starting_question=turn.question,
            media_mode=session.media_mode,
            match={"retake": True},
            retake_of=session,
            retake_turn_index=turn_index,
        )
        return session_transition(session=retake, to=SessionStatus.READY)


def share_link_create(*, session: InterviewSession, duration: str) -> ShareLink:
    """A read-only link for a mentor, valid for ``duration`` (a key of ``SHARE_DURATIONS``). The session row
    is locked while the active links are counted, so concurrent requests cannot pass the limit together."""
    with transaction.atomic():
        InterviewSession.objects.select_for_update().filter(pk=session.pk).first()
        now = timezone.now()
        active = ShareLink.objects.filter(session=session, revoked_at__isnull=True, expires_at__gt=now).count()
        if active >= SHARE_LINKS_MAX_ACTIVE:
            raise ShareLimitReached(f"At most {SHARE_LINKS_MAX_ACTIVE} links can be active; revoke one first.")
        return ShareLink.objects.create(
            session=session, token=secrets.token_urlsafe(32), expires_at=now + SHARE_DURATIONS[duration]
        )


def share_link_revoke(*, link: ShareLink) -> ShareLink:
    """Idempotent: revoking twice keeps the first time."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        ShareLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=link.revoked_at)
    return link


def share_link_record_view(*, link: ShareLink) -> None:
    """One more view, counted in the database (``F``) so concurrent viewers never lose a count."""
    ShareLink.objects.filter(pk=link.pk).update(views=F("views") + 1)
    link.views += 1
