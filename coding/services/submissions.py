"""Submissions: create (rate limit, bounded queue, one active per problem), judge (the Celery task's body)
and reap (nothing stays queued or running forever)."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from coding.judge import JudgeResult, TestResult, TestSpec, judge
from coding.models import HintUse, Problem, Submission, SubmissionKind, SubmissionStatus, Verdict
from coding.program import WrapperError, assemble_program
from coding.sandbox import get_backend
from coding.sandbox.types import CompileLimits, Limits, SandboxUnavailable
from coding.selectors import submission_active_count, submission_active_for_user
from coding.services.drafts import MAX_CODE_CHARS
from coding.signals import submission_judged

logger = logging.getLogger(__name__)

# Tunables; settings may override them (CODING_SUBMISSIONS_PER_MINUTE, CODING_QUEUE_LIMIT, CODING_STUCK_SECONDS).
SUBMISSIONS_PER_MINUTE = 10
QUEUE_LIMIT = 32
STUCK_SECONDS = 300
MAX_CUSTOM_INPUT_CHARS = 16 * 1024
VISIBLE_OUTPUT_CHARS = 4000
WALL_FACTOR = 3  # wall-clock limit per test = CPU limit x this (sleeping code is cut off too)


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


@dataclass
class SubmissionRefused(Exception):
    reason: Literal["unavailable", "rate_limited", "busy", "invalid"]
    message: str

    def __str__(self) -> str:
        return self.message


def arena_unavailable_reason() -> str:
    """Empty when code can run here; otherwise why not (shown on the page, and nothing is queued)."""
    try:
        get_backend()
    except SandboxUnavailable as exc:
        return str(exc) or "No code sandbox is available on this server."
    return ""


# ------------------------------------------------------------------------------------------------------
# Create
# ------------------------------------------------------------------------------------------------------
def submission_create(
    *, user, problem: Problem, language: str, code: str, kind: str, custom_input: str = ""
) -> tuple[Submission, bool]:
    """Queue a Run or a Submit and enqueue its judging after commit. Returns ``(submission, created)``.

    Idempotent per problem: while the user has a queued or running submission for this problem, that one is
    returned (a double-clicked Submit makes one submission). The user's row is locked for the check, so two
    simultaneous requests cannot both create. Raises ``SubmissionRefused`` when no sandbox is available,
    over the per-user rate limit, or when the queue is full — immediately, never after a wait.
    """
    reason = arena_unavailable_reason()
    if reason:
        raise SubmissionRefused("unavailable", reason)
    if kind not in SubmissionKind.values:
        raise SubmissionRefused("invalid", "Unknown kind of run.")
    with transaction.atomic():
        list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
        active = submission_active_for_user(user=user, problem=problem)
        if active is not None:
            return active, False
        if _over_rate_limit(user):
            raise SubmissionRefused(
                "rate_limited", "You are submitting very quickly. Wait a few seconds and try again."
            )
        submission_reap_stuck()
        if submission_active_count() >= _setting("CODING_QUEUE_LIMIT", QUEUE_LIMIT):
            raise SubmissionRefused("busy", "The judge is busy right now. Try again in a moment.")
        submission = Submission.objects.create(
            user=user,
            problem=problem,
            language=language,
            code=code[:MAX_CODE_CHARS],
            kind=kind,
            custom_input=custom_input[:MAX_CUSTOM_INPUT_CHARS] if kind == SubmissionKind.RUN else "",
            hints_used=HintUse.objects.filter(user=user, problem=problem).count(),
        )
        from coding.tasks import judge_submission_task  # noqa: PLC0415 — tasks import this module

        transaction.on_commit(lambda: judge_submission_task.delay(submission.pk))
    return submission, True


def _over_rate_limit(user) -> bool:
    """A fixed one-minute window counted in the cache (shared by every web process when it is Redis)."""
    key = f"coding:submissions:{user.pk}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=90)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=90)
        count = 1
    return count > _setting("CODING_SUBMISSIONS_PER_MINUTE", SUBMISSIONS_PER_MINUTE)


# ------------------------------------------------------------------------------------------------------
# Judge
# ------------------------------------------------------------------------------------------------------
def submission_judge(*, submission_id: int) -> Submission | None:
    """Judge a queued submission: claim it (queued → running, a conditional update, so a re-delivered task
    does nothing), run all its tests in one backend call, store the verdict and per-test results, mark it
    done, and send ``submission_judged`` after commit. Any failure on the way — the sandbox crashing, a
    broken wrapper, the task's soft time limit — ends as an Internal Error with the reason, never as a
    submission left running. Returns the judged submission, or None when there was nothing to claim."""
    claimed = Submission.objects.filter(pk=submission_id, status=SubmissionStatus.QUEUED).update(
        status=SubmissionStatus.RUNNING
    )
    if not claimed:
        return None
    submission = Submission.objects.select_related("problem").get(pk=submission_id)
    try:
        outcome = _run_and_judge(submission)
    except Exception as exc:  # the submission must end judged whatever went wrong
        logger.exception("judging submission %s failed", submission_id)
        outcome = _internal_error(_reason(exc))
    return _store(submission, outcome)


@dataclass
class Outcome:
    verdict: str
    results: list[dict]
    tests_passed: int = 0
    tests_total: int = 0
    time_ms: int | None = None
    memory_kb: int | None = None
    compile_output: str = ""
    first_failed_test: int | None = None
    backend: str = ""


def _internal_error(reason: str, backend: str = "") -> Outcome:
    return Outcome(verdict=Verdict.INTERNAL_ERROR, results=[], compile_output=reason, backend=backend)


def _reason(exc: BaseException) -> str:
    if type(exc).__name__ == "SoftTimeLimitExceeded":
        return "Judging took longer than the worker allows; please try again."
    if isinstance(exc, SandboxUnavailable):
        return f"No code sandbox is available: {exc}"
    if isinstance(exc, WrapperError):
        return "This problem's program wrapper is broken; staff have been told."
    return f"The judge failed ({type(exc).__name__}); please try again."


def _run_and_judge(submission: Submission) -> Outcome:
    """One backend call runs every test (compiled once); ``coding.judge`` turns the runs into verdicts."""
    problem = submission.problem
    # Samples first: whatever one test might leave behind in its box (memory of a forked interpreter, a file in
    # the box's /tmp) can only reach tests that run after it, and only the samples' output is ever shown.
    tests = list(problem.tests.order_by("-is_sample", "index"))
    if submission.kind == SubmissionKind.RUN:
        tests = [t for t in tests if t.is_sample]
    specs = [
        TestSpec(index=n, input=t.input, expected=t.expected_output, is_sample=t.is_sample)
        for n, t in enumerate(tests, 1)
    ]
    custom = submission.kind == SubmissionKind.RUN and bool(submission.custom_input.strip())
    if custom:
        specs.append(TestSpec(index=len(specs) + 1, input=submission.custom_input, expected=None, is_sample=True))
    source = assemble_program(wrapper=(problem.wrapper or {}).get(submission.language, ""), solution=submission.code)
    backend = get_backend()
    execution = backend.execute(
        language=submission.language,
        source=source,
        inputs=[spec.input for spec in specs],
        limits=Limits(
            cpu_ms=problem.time_limit_ms,
            wall_ms=problem.time_limit_ms * WALL_FACTOR,
            memory_mb=problem.memory_limit_mb,
        ),
        compile_limits=CompileLimits(),
    )
    judged = judge(execution, specs, checker=problem.checker, tolerance=problem.checker_tolerance)
    return _outcome(judged, specs, custom=custom, backend=execution.backend or getattr(backend, "name", ""))


def _outcome(judged: JudgeResult, specs: list[TestSpec], *, custom: bool, backend: str) -> Outcome:
    """Per-test rows for the page. Visible tests (samples, custom input) carry input, expected and output;
    hidden tests carry their number, verdict, time and memory only — stderr and exception text can carry the
    hidden input (``raise Exception(input())``), so of the detail only a signal name survives."""
    graded = judged.tests[:-1] if custom else judged.tests
    results = [_row(test, spec) for test, spec in zip(judged.tests, specs, strict=False)]
    if custom and results:
        results[-1]["custom"] = True
        results[-1]["sample"] = False
    first_failed = next((t.index for t in graded if t.verdict != Verdict.ACCEPTED), None)
    verdict = judged.verdict
    if custom and verdict not in (Verdict.COMPILATION_ERROR, Verdict.INTERNAL_ERROR):
        verdict = next((t.verdict for t in graded if t.verdict != Verdict.ACCEPTED), Verdict.ACCEPTED)
    detail = judged.detail if verdict == Verdict.INTERNAL_ERROR else ""
    return Outcome(
        verdict=verdict,
        results=[] if verdict == Verdict.COMPILATION_ERROR else results,
        tests_passed=sum(t.verdict == Verdict.ACCEPTED for t in graded),
        tests_total=len(graded),
        time_ms=max((t.time_ms for t in graded if t.verdict != Verdict.INTERNAL_ERROR), default=None),
        memory_kb=max((t.memory_kb for t in graded if t.verdict != Verdict.INTERNAL_ERROR), default=None),
        compile_output=judged.compile_output or (f"The sandbox failed: {detail}" if detail else ""),
        first_failed_test=first_failed,
        backend=backend,
    )


def _row(test: TestResult, spec: TestSpec) -> dict:
    row = {
        "index": test.index,
        "verdict": test.verdict,
        "time_ms": test.time_ms,
        "memory_kb": test.memory_kb,
        "sample": spec.is_sample,
    }
    if spec.is_sample:
        return row | {
            "input": spec.input[:VISIBLE_OUTPUT_CHARS],
            "expected": (spec.expected or "")[:VISIBLE_OUTPUT_CHARS],
            "stdout": test.stdout[:VISIBLE_OUTPUT_CHARS],
            "stderr": test.stderr[:VISIBLE_OUTPUT_CHARS],
            "detail": test.detail[:300],
        }
    signal = re.search(r"\bSIG[A-Z]+\b", test.detail or "")
    return row | {"detail": signal.group(0) if signal else ""}


def _store(submission: Submission, outcome: Outcome) -> Submission | None:
    with transaction.atomic():
        stored = Submission.objects.filter(pk=submission.pk, status=SubmissionStatus.RUNNING).update(
            status=SubmissionStatus.DONE,
            verdict=outcome.verdict,
            results=outcome.results,
            tests_passed=outcome.tests_passed,
            tests_total=outcome.tests_total,
            time_ms=outcome.time_ms,
            memory_kb=outcome.memory_kb,
            compile_output=outcome.compile_output[: VISIBLE_OUTPUT_CHARS * 4],
            first_failed_test=outcome.first_failed_test,
            backend=outcome.backend[:20],
            judged_at=timezone.now(),
        )
        if not stored:  # reaped meanwhile: the reaper already sent the signal
            return None
        submission.refresh_from_db()
        _send_judged_on_commit(submission)
    return submission


def _send_judged_on_commit(submission: Submission) -> None:
    payload = {
        "submission_id": submission.pk,
        "user_id": submission.user_id,
        "problem_id": submission.problem_id,
        "verdict": submission.verdict,
        "kind": submission.kind,
        "language": submission.language,
        "hints_used": submission.hints_used,
        "difficulty": submission.problem.difficulty,
        "all_passed": submission.verdict == Verdict.ACCEPTED
        and submission.tests_total > 0
        and submission.tests_passed == submission.tests_total,
    }
    transaction.on_commit(lambda: submission_judged.send(sender=Submission, **payload))


# ------------------------------------------------------------------------------------------------------
# Reap
# ------------------------------------------------------------------------------------------------------
def submission_reap_stuck(*, now=None) -> int:
    """Mark submissions queued or running for longer than ``CODING_STUCK_SECONDS`` as Internal Error (a
    worker killed by its hard time limit, or no worker at all). Each row is claimed with a conditional
    update, so a judge finishing at the same moment wins or loses cleanly. Returns how many were reaped."""
    cutoff = (now or timezone.now()) - timedelta(seconds=_setting("CODING_STUCK_SECONDS", STUCK_SECONDS))
    active = [SubmissionStatus.QUEUED, SubmissionStatus.RUNNING]
    reaped = 0
    for pk in Submission.objects.filter(status__in=active, created_at__lt=cutoff).values_list("pk", flat=True):
        with transaction.atomic():
            done = Submission.objects.filter(pk=pk, status__in=active).update(
                status=SubmissionStatus.DONE,
                verdict=Verdict.INTERNAL_ERROR,
                compile_output="No judge finished this submission in time; please submit again.",
                judged_at=timezone.now(),
            )
            if done:
                reaped += 1
                _send_judged_on_commit(Submission.objects.select_related("problem").get(pk=pk))
    return reaped
