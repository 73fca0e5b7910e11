"""Reads for gamification, including the other apps' data (read-only, through their models).

Gamification may read interviews, coding and library; none of them imports gamification.
"""

from __future__ import annotations

from django.db.models import Count, Q

from coding.models import Submission, SubmissionKind, Verdict
from gamification.badges import Stats
from gamification.challenges import DIMENSIONS
from gamification.models import Progress
from interviews.models import AnalysisReport, InterviewSession, SessionStatus
from library.models import SavedAnswer


def progress_for(*, user) -> Progress:
    """The user's progress row (unsaved defaults when they have none yet)."""
    return Progress.objects.filter(user=user).first() or Progress(user=user)


def score_value(scores: dict, dimension: str) -> float | None:
    value = (scores or {}).get(dimension)
    if isinstance(value, dict):
        value = value.get("value")
    return float(value) if isinstance(value, int | float) else None


def _metric(metrics: dict, *path: str) -> float | None:
    value = metrics or {}
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return float(value) if isinstance(value, int | float) else None


def _full_star(metrics: dict) -> bool:
    answers = (metrics or {}).get("answers") or []
    coverages = [a.get("star_coverage") for a in answers if isinstance(a, dict)]
    return bool(coverages) and all(isinstance(c, int | float) and c >= 1 for c in coverages)


def recent_reports(*, user, limit: int = 5):
    return (
        AnalysisReport.objects.filter(session__user=user, session__status=SessionStatus.ANALYZED)
        .order_by("-finished_at")
        .only("scores", "metrics", "finished_at")[:limit]
    )


def weak_dimensions(*, user, limit: int = 5) -> list[tuple[str, float]]:
    """Interview dimensions by their average over the last ``limit`` analysed interviews, weakest first."""
    totals: dict[str, list[float]] = {}
    for report in recent_reports(user=user, limit=limit):
        for dimension in DIMENSIONS:
            value = score_value(report.scores, dimension)
            if value is not None:
                totals.setdefault(dimension, []).append(value)
    averages = [(dimension, sum(values) / len(values)) for dimension, values in totals.items()]
    return sorted(averages, key=lambda item: item[1])


def languages_accepted(*, user) -> set[str]:
    return set(
        Submission.objects.filter(user=user, kind=SubmissionKind.SUBMIT, verdict=Verdict.ACCEPTED)
        .values_list("language", flat=True)
        .distinct()
    )


def stats_for(*, user) -> Stats:
    """Everything the badges look at, in a handful of aggregate queries."""
    progress = progress_for(user=user)
    accepted = Submission.objects.filter(user=user, kind=SubmissionKind.SUBMIT, verdict=Verdict.ACCEPTED)
    coding = accepted.aggregate(
        problems=Count("problem", distinct=True),
        languages=Count("language", distinct=True),
        hard_clean=Count("problem", distinct=True, filter=Q(problem__difficulty="hard", hints_used=0)),
    )
    low_fillers = high_eye = full_star = 0
    reports = AnalysisReport.objects.filter(session__user=user, session__status=SessionStatus.ANALYZED).only("metrics")
    for report in reports.iterator():
        fillers = _metric(report.metrics, "fillers", "per_minute")
        eye = _metric(report.metrics, "video", "eye_contact_pct")
        if eye is None:
            eye = _metric(report.metrics, "eye_contact_pct")
        low_fillers += fillers is not None and fillers < 2
        high_eye += eye is not None and eye > 80
        full_star += _full_star(report.metrics)
    return Stats(
        interviews_completed=InterviewSession.objects.filter(user=user, status=SessionStatus.ANALYZED).count(),
        longest_streak=progress.longest_streak,
        problems_accepted=coding["problems"],
        perfect_problems=coding["problems"],  # accepted means every test passed
        languages_accepted=coding["languages"],
        hard_without_hints=coding["hard_clean"],
        answers_saved=SavedAnswer.objects.filter(user=user).count(),
        low_filler_interviews=low_fillers,
        high_eye_contact_interviews=high_eye,
        full_star_interviews=full_star,
        level=progress.level,
    )
