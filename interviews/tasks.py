"""Celery tasks of the interviews app: thin, take ids, JSON only."""

from __future__ import annotations

import logging

from celery import shared_task

from interviews.models import InterviewSession

logger = logging.getLogger(__name__)


@shared_task(
    name="interviews.analyze_session",
    acks_late=True,
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=14 * 60,
    time_limit=15 * 60,
)
def analyze_session_task(session_id: int) -> None:
    """The post-session analysis. A stub until the Game Tape issue: the session stays ``uploaded``, which
    the pages show as "Pending analysis"."""
    session = InterviewSession.objects.filter(pk=session_id).only("id", "status").first()
    if session is None:
        return
    logger.info("analysis of interview %s queued (stub: nothing analysed yet, status %s)", session_id, session.status)
