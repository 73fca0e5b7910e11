"""The session state machine. Every status change goes through ``session_transition``."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from interviews.models import InterviewSession, SessionStatus

S = SessionStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.READY}),
    S.READY: frozenset({S.LIVE, S.DRAFT}),
    S.LIVE: frozenset({S.UPLOADED, S.FAILED}),
    S.UPLOADED: frozenset({S.ANALYZING, S.FAILED}),
    S.ANALYZING: frozenset({S.ANALYZED, S.FAILED, S.UPLOADED}),  # back to uploaded: the reaper re-queues
    S.ANALYZED: frozenset({S.ANALYZING}),  # staff re-run
    S.FAILED: frozenset({S.ANALYZING}),  # retry
}


class InvalidTransition(Exception):
    def __init__(self, session: InterviewSession, to: str):
        super().__init__(f"Interview {session.pk} cannot go from {session.status} to {to}.")
        self.current = session.status
        self.to = to


def session_transition(*, session: InterviewSession, to: str, failure_reason: str = "") -> InterviewSession:
    """Move ``session`` to ``to`` if the state machine allows it from its *current database* state.

    The UPDATE is conditional on the status we read, so of two concurrent requests (a double click, a
    retried task) exactly one wins; the loser gets ``InvalidTransition``. Timestamps follow the state:
    ``started_at`` on live, ``finished_at`` on uploaded.
    """
    with transaction.atomic():
        current = InterviewSession.objects.filter(pk=session.pk).values_list("status", flat=True).first()
        if current is None or to not in TRANSITIONS.get(current, frozenset()):
            session.status = current or session.status
            raise InvalidTransition(session, to)
        changes: dict = {"status": to, "updated_at": timezone.now()}
        if to == S.LIVE:
            changes["started_at"] = session.started_at or timezone.now()
        if to == S.UPLOADED and current == S.LIVE:
            changes["finished_at"] = timezone.now()
        if to == S.FAILED:
            changes["failure_reason"] = failure_reason[:2000]
        elif to in {S.ANALYZING, S.ANALYZED}:
            changes["failure_reason"] = ""
        updated = InterviewSession.objects.filter(pk=session.pk, status=current).update(**changes)
        if not updated:
            raise InvalidTransition(session, to)
    for field, value in changes.items():
        setattr(session, field, value)
    return session
