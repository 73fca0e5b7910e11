"""Celery tasks of the interviews app: thin, take ids, JSON only."""

from __future__ import annotations

import logging

from celery import shared_task

from interviews.services.analysis import TRANSIENT, analysis_reap, analysis_run

logger = logging.getLogger(__name__)

# The decoder runs in a child process with its own wall limit (well inside the soft limit), so the soft
# limit is only reached by a pipeline step stuck elsewhere; the hard limit kills the worker process.
ANALYSIS_SOFT_LIMIT_S = 14 * 60
ANALYSIS_HARD_LIMIT_S = 15 * 60


@shared_task(
    bind=True,
    name="interviews.analyze_session",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(*TRANSIENT, ConnectionError, TimeoutError),
    retry_backoff=15,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=4,
    soft_time_limit=ANALYSIS_SOFT_LIMIT_S,
    time_limit=ANALYSIS_HARD_LIMIT_S,
)
def analyze_session_task(self, session_id: int) -> str:
    """The post-session analysis (``interviews.services.analysis.analysis_run``). Idempotent: a duplicate
    or late message for a session that is analysed, failed or being analysed by another worker returns
    quietly; a session that no longer exists returns ``"gone"``. The last retry lets the AI gateway fall
    back to the offline coach instead of raising ``AIUnavailable`` again."""
    final = self.request.retries >= self.max_retries
    outcome = analysis_run(session_id=session_id, task_id=self.request.id or "", final_attempt=final)
    logger.info("analysis of interview %s: %s", session_id, outcome)
    return outcome


@shared_task(name="interviews.reap_stuck_analyses", acks_late=True, time_limit=120)
def reap_stuck_analyses_task() -> dict[str, int]:
    """Periodic (Celery beat, every 10 minutes; or cron: ``manage.py reap_stuck_analyses``)."""
    return analysis_reap()
