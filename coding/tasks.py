"""Celery tasks of the coding arena: thin, id in, service call."""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError

from coding.services import submission_judge

# Per submission: compile (javac/g++ up to ~40 s in the sandbox's own limit) plus every test's wall limit.
SOFT_TIME_LIMIT = 150
TIME_LIMIT = 180


@shared_task(
    name="coding.judge_submission",
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    ignore_result=True,
)
def judge_submission_task(submission_id: int) -> None:
    """Judge one submission. Safe to deliver twice: the service claims the row with a conditional update,
    so a re-delivered (or retried) task finds nothing queued and returns. Retries only on database errors
    raised before the claim; after it, every failure is stored as an Internal Error by the service, and a
    worker killed by the hard limit leaves the row to ``submission_reap_stuck``."""
    submission_judge(submission_id=submission_id)
