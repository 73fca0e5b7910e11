"""Reads for the coding arena. Private rows (drafts, submissions, hints) are always scoped to the user;
another user's id is a 404."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from coding.models import (
    Draft,
    HintUse,
    Problem,
    Submission,
    SubmissionKind,
    SubmissionStatus,
    TestCase,
    Verdict,
)

STATUS_FILTERS = ("solved", "attempted", "new")


def problem_list_for_user(*, user, difficulty: str = "", topic: str = "", status: str = "") -> list[Problem]:
    """Active problems with ``submit_count``, ``accepted_count``, ``acceptance`` (percent or None),
    ``solved`` and ``attempted`` (this user) — one query. Topic and status filter in Python: topics are a
    JSON list (no portable ``contains`` on SQLite) and the bank is small."""
    submits = Q(submissions__kind=SubmissionKind.SUBMIT, submissions__status=SubmissionStatus.DONE)
    mine = Submission.objects.filter(user=user, problem=OuterRef("pk"))
    problems = (
        Problem.objects.filter(is_active=True)
        .annotate(
            submit_count=Count("submissions", filter=submits),
            accepted_count=Count("submissions", filter=submits & Q(submissions__verdict=Verdict.ACCEPTED)),
            solved=Exists(mine.filter(kind=SubmissionKind.SUBMIT, verdict=Verdict.ACCEPTED)),
            attempted=Exists(mine),
        )
        .order_by("position", "slug")
    )
    if difficulty:
        problems = problems.filter(difficulty=difficulty)
    rows = []
    for problem in problems:
        if topic and topic not in (problem.topics or []):
            continue
        if status == "solved" and not problem.solved:
            continue
        if status == "attempted" and not (problem.attempted and not problem.solved):
            continue
        if status == "new" and problem.attempted:
            continue
        problem.acceptance = (
            round(100 * problem.accepted_count / problem.submit_count) if problem.submit_count else None
        )
        rows.append(problem)
    return rows


def topic_list() -> list[str]:
    topics: set[str] = set()
    for values in Problem.objects.filter(is_active=True).values_list("topics", flat=True):
        topics.update(values or [])
    return sorted(topics)


def problem_get(*, slug: str) -> Problem:
    return get_object_or_404(Problem, slug=slug, is_active=True)


def sample_tests(*, problem: Problem) -> list[TestCase]:
    return list(problem.tests.filter(is_sample=True).order_by("index"))


def draft_codes_for_user(*, user, problem: Problem) -> dict[str, str]:
    return dict(Draft.objects.filter(user=user, problem=problem).values_list("language", "code"))


def hint_uses_for_user(*, user, problem: Problem) -> list[HintUse]:
    return list(HintUse.objects.filter(user=user, problem=problem).order_by("level"))


def submission_get_for_user(*, user, submission_id: int) -> Submission:
    return get_object_or_404(Submission.objects.select_related("problem"), pk=submission_id, user=user)


def submission_list_for_user(*, user, problem: Problem) -> QuerySet[Submission]:
    return Submission.objects.filter(user=user, problem=problem).order_by("-created_at", "-pk")


def submission_active_for_user(*, user, problem: Problem) -> Submission | None:
    """The user's queued or running submission for this problem, if any (at most one is allowed)."""
    return (
        Submission.objects.filter(
            user=user, problem=problem, status__in=[SubmissionStatus.QUEUED, SubmissionStatus.RUNNING]
        )
        .order_by("-created_at")
        .first()
    )


def submission_active_count() -> int:
    """Queued and running submissions of everyone: the queue the cap bounds."""
    return Submission.objects.filter(status__in=[SubmissionStatus.QUEUED, SubmissionStatus.RUNNING]).count()


# ------------------------------------------------------------------------------------------------------
# Where an accepted submission stands among all accepted ones (same problem and language)
# ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    mine: bool


@dataclass(frozen=True)
class Standing:
    count: int
    faster_than: int  # percent of the other accepted submissions strictly slower
    leaner_than: int  # percent of the other accepted submissions using strictly more memory
    time_bars: list[Bar]
    memory_bars: list[Bar]


HIST_WIDTH, HIST_HEIGHT, HIST_BINS = 240, 64, 12


def accepted_standing(*, submission: Submission) -> Standing | None:
    """``None`` unless the submission is an accepted Submit with measured time and memory."""
    if submission.kind != SubmissionKind.SUBMIT or submission.verdict != Verdict.ACCEPTED:
        return None
    if submission.time_ms is None or submission.memory_kb is None:
        return None
    rows = list(
        Submission.objects.filter(
            problem_id=submission.problem_id,
            language=submission.language,
            kind=SubmissionKind.SUBMIT,
            verdict=Verdict.ACCEPTED,
            time_ms__isnull=False,
            memory_kb__isnull=False,
        ).values_list("time_ms", "memory_kb")
    )
    times = sorted(t for t, _ in rows)
    memories = sorted(m for _, m in rows)
    others = max(len(rows) - 1, 0)
    return Standing(
        count=len(rows),
        faster_than=_share_above(times, submission.time_ms, others),
        leaner_than=_share_above(memories, submission.memory_kb, others),
        time_bars=histogram(times, submission.time_ms),
        memory_bars=histogram(memories, submission.memory_kb),
    )


def _share_above(values: list[int], mine: int, others: int) -> int:
    if not others:
        return 100
    above = len(values) - bisect_right(values, mine)
    return round(100 * above / others)


def histogram(values: list[int], mine: int, *, bins: int = HIST_BINS) -> list[Bar]:
    """Bars for an SVG of ``HIST_WIDTH`` x ``HIST_HEIGHT`` (viewBox units); the bar holding ``mine`` is marked."""
    if not values:
        return []
    low, high = values[0], values[-1]
    span = max(high - low, 1)
    bins = min(bins, max(len(set(values)), 1))
    step = span / bins
    edges = [low + step * i for i in range(bins + 1)]
    counts = []
    for i in range(bins):
        upper = edges[i + 1] if i < bins - 1 else high + 1
        counts.append(bisect_left(values, upper) - bisect_left(values, edges[i]))
    tallest = max(counts) or 1
    width = HIST_WIDTH / bins
    mine_bin = min(int((mine - low) / step) if step else 0, bins - 1)
    bars = []
    for i, count in enumerate(counts):
        height = 0 if not count else max(2.0, (HIST_HEIGHT - 2) * count / tallest)
        bars.append(
            Bar(
                x=round(i * width + 1, 2),
                y=round(HIST_HEIGHT - height, 2),
                width=round(max(width - 2, 1), 2),
                height=round(height, 2),
                label=f"{round(edges[i])}–{round(edges[i + 1])}: {count}",
                mine=i == mine_bin,
            )
        )
    return bars
