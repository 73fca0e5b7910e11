"""Reads for gamification, including the other apps' data (read-only, through their models).

Gamification may read interviews, coding and library; none of them imports gamification.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Coalesce

from coding.models import Problem, Submission, SubmissionKind, Verdict
from gamification.badges import Stats
from gamification.challenges import DIMENSIONS
from gamification.metrics import json_number
from gamification.models import DailyChallenge, EarnedBadge, Progress, XPEvent
from interviews.models import AnalysisReport, InterviewSession, SessionStatus
from library.models import SavedAnswer


def progress_for(*, user) -> Progress:
    """The user's progress row (unsaved defaults when they have none yet)."""
    return Progress.objects.filter(user=user).first() or Progress(user=user)


def score_value(scores: dict, dimension: str) -> float | None:
    """A dimension's (or ``overall``'s) score from any stored shape: ``{"clarity": 70}``,
    ``{"clarity": {"value": 70}}``, or docs/scoring.md's ``{"overall": 72, "dimensions": {"clarity":
    {"score": 70, ...}}}``. ``None`` when it was not measured."""
    scores = scores or {}
    value = scores.get(dimension)
    if value is None and isinstance(scores.get("dimensions"), dict):
        value = scores["dimensions"].get(dimension)
    if isinstance(value, dict):
        value = value.get("value", value.get("score"))
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _metric(metrics: dict, *path: str) -> float | None:
    value = metrics or {}
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return float(value) if isinstance(value, int | float) else None


def _full_star(metrics: dict) -> bool:
    return _answers_full_star((metrics or {}).get("answers"))


def _answers_full_star(answers) -> bool:
    """Every answer covered S, T, A and R (``star.coverage`` in docs/scoring.md, or ``star_coverage``)."""
    coverages = []
    for answer in answers if isinstance(answers, list) else []:
        if not isinstance(answer, dict):
            continue
        star = answer.get("star")
        coverages.append(star.get("coverage") if isinstance(star, dict) else answer.get("star_coverage"))
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
    latest = _analysed_reports(user).order_by("-finished_at").values_list("scores", flat=True)[:limit]
    for scores in latest:  # the scores only: metrics can be large (a sample per second of video)
        for dimension in DIMENSIONS:
            value = score_value(scores, dimension)
            if value is not None:
                totals.setdefault(dimension, []).append(value)
    averages = [(dimension, sum(values) / len(values)) for dimension, values in totals.items()]
    return sorted(averages, key=lambda item: item[1])


def languages_accepted(*, user) -> set[str]:
    return set(
        Submission.objects.filter(user=user, kind=SubmissionKind.SUBMIT, verdict=Verdict.ACCEPTED)
        .order_by()  # the default ordering would put created_at into the DISTINCT
        .values_list("language", flat=True)
        .distinct()
    )


def _analysed_reports(user):
    return AnalysisReport.objects.filter(session__user=user, session__status=SessionStatus.ANALYZED)


def report_counts(*, user) -> dict[str, int]:
    """Analysed interviews, and how many had < 2 fillers a minute and > 80 % eye contact: one aggregate."""
    eye = Coalesce(json_number("metrics__eye_contact_pct"), json_number("metrics__video__eye_contact_pct"))
    return (
        _analysed_reports(user)
        .annotate(fillers_pm=json_number("metrics__fillers__per_minute"), eye=eye)
        .aggregate(
            completed=Count("pk"),
            low_fillers=Count("pk", filter=Q(fillers_pm__lt=2)),
            high_eye=Count("pk", filter=Q(eye__gt=80)),
        )
    )


def coding_counts(*, user) -> dict[str, int]:
    """Distinct accepted problems (in all and by difficulty), languages, hard ones without hints: one aggregate."""
    accepted = Submission.objects.filter(user=user, kind=SubmissionKind.SUBMIT, verdict=Verdict.ACCEPTED)
    return accepted.aggregate(
        problems=Count("problem", distinct=True),
        languages=Count("language", distinct=True),
        hard_clean=Count("problem", distinct=True, filter=Q(problem__difficulty="hard", hints_used=0)),
        easy=Count("problem", distinct=True, filter=Q(problem__difficulty="easy")),
        medium=Count("problem", distinct=True, filter=Q(problem__difficulty="medium")),
        hard=Count("problem", distinct=True, filter=Q(problem__difficulty="hard")),
    )


def full_star_count(*, user, window: int | None = None) -> int:
    """Analysed interviews where every answer covered STAR; only the answers' JSON is read, and only the
    latest ``window`` interviews when given (the Locker Room's bound; badges read them all)."""
    rows = _analysed_reports(user).annotate(answers=KeyTransform("answers", "metrics")).order_by("-finished_at")
    rows = rows.values_list("answers", flat=True)
    return sum(_answers_full_star(answers) for answers in (rows[:window] if window else rows.iterator()))


def _stats(progress: Progress, reports: dict, coding: dict, answers_saved: int, full_star: int) -> Stats:
    return Stats(
        interviews_completed=reports["completed"],
        longest_streak=progress.longest_streak,
        problems_accepted=coding["problems"],
        perfect_problems=coding["problems"],  # accepted means every test passed
        languages_accepted=coding["languages"],
        hard_without_hints=coding["hard_clean"],
        answers_saved=answers_saved,
        low_filler_interviews=reports["low_fillers"],
        high_eye_contact_interviews=reports["high_eye"],
        full_star_interviews=full_star,
        level=progress.level,
    )


def stats_for(*, user) -> Stats:
    """Everything the badges look at, in a handful of aggregate queries (STAR coverage reads only the
    answers' JSON of each analysed interview)."""
    return _stats(
        progress_for(user=user),
        report_counts(user=user),
        coding_counts(user=user),
        SavedAnswer.objects.filter(user=user).count(),
        full_star_count(user=user),
    )


# ------------------------------------------------------------------------------------------------
# Locker Room: everything the page shows, in a fixed number of bounded queries
# ------------------------------------------------------------------------------------------------
TREND_LENGTH = 12  # analysed interviews in the score trend (and the skill tree's window)
WEAK_WINDOW = 5  # interviews the weakest dimension is averaged over (as weak_dimensions does)
RECENT_SESSIONS = 5
TREND_DIMENSIONS = ("overall", *DIMENSIONS)


@dataclass(frozen=True)
class TrendPoint:
    session_id: int
    finished_at: datetime.datetime | None
    scores: dict[str, float | None]


@dataclass
class LockerRoom:
    progress: Progress
    stats: Stats
    earned: dict[str, EarnedBadge]
    coding: dict[str, int]
    trend: list[TrendPoint]  # oldest first
    recent_sessions: list[InterviewSession]
    full_star_recent: int

    def averages(self, dimensions: tuple[str, ...], last: int) -> float | None:
        values = [v for point in self.trend[-last:] for d in dimensions if (v := point.scores.get(d)) is not None]
        return sum(values) / len(values) if values else None

    def weakest(self) -> tuple[str, float] | None:
        averages = [(d, avg) for d in DIMENSIONS if (avg := self.averages((d,), WEAK_WINDOW)) is not None]
        return min(averages, key=lambda item: item[1]) if averages else None


def locker_room_get(*, user, progress: Progress) -> LockerRoom:
    """The Locker Room's history: 6 queries whatever its length (each one an aggregate or a bounded slice
    with only the columns it needs). The progress row and today's challenges are read by the caller."""
    reports = report_counts(user=user)
    coding = coding_counts(user=user)
    answers_saved = SavedAnswer.objects.filter(user=user).count()
    earned = {badge.code: badge for badge in EarnedBadge.objects.filter(user=user).only("code", "earned_at", "reason")}
    latest = list(
        _analysed_reports(user)
        .annotate(answers=KeyTransform("answers", "metrics"))
        .order_by("-finished_at")
        .values_list("session_id", "finished_at", "scores", "answers")[:TREND_LENGTH]
    )
    trend = [
        TrendPoint(session_id, finished_at, {d: score_value(scores, d) for d in TREND_DIMENSIONS})
        for session_id, finished_at, scores, _answers in reversed(latest)
    ]
    full_star_recent = sum(_answers_full_star(answers) for *_, answers in latest)
    # Badge progress for STAR reads the recent window only; a full-STAR interview older than that has already
    # earned the badge (badges are evaluated on every completed interview).
    stats = _stats(progress, reports, coding, answers_saved, full_star_recent)
    recent_sessions = list(
        InterviewSession.objects.filter(user=user)
        .exclude(status__in=[SessionStatus.DRAFT, SessionStatus.READY])
        .select_related("report")
        .only("id", "status", "interview_type", "created_at", "started_at", "finished_at", "report__scores")
        .order_by("-created_at")[:RECENT_SESSIONS]
    )
    return LockerRoom(
        progress=progress,
        stats=stats,
        earned=earned,
        coding=coding,
        trend=trend,
        recent_sessions=recent_sessions,
        full_star_recent=full_star_recent,
    )


HISTORY_COLUMNS = (
    "h_sessions",
    "h_sessions_updated",
    "h_reports",
    "h_reports_updated",
    "h_accepted",
    "h_accepted_ids",
    "h_answers",
    "h_badges",
    "h_badge_ids",
    "h_problems",
    "h_problems_updated",
)


@functools.cache
def _history_columns_sql() -> str:
    def table(model) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    sessions, reports = table(InterviewSession), table(AnalysisReport)
    submissions, problems = table(Submission), table(Problem)
    answers, badges = table(SavedAnswer), table(EarnedBadge)
    accepted = "user_id = %(user)s AND kind = %(submit)s AND verdict = %(accepted)s"
    reports_of_user = f"{reports} r JOIN {sessions} s ON s.id = r.session_id WHERE s.user_id = %(user)s"
    # Plain SQL: the ORM would spend longer compiling eleven subqueries than the database spends on them.
    # S608: the table names come from the models' meta; every value is a bound parameter.
    subqueries = (
        f"SELECT COUNT(*) FROM {sessions} WHERE user_id = %(user)s",  # noqa: S608
        f"SELECT MAX(updated_at) FROM {sessions} WHERE user_id = %(user)s",  # noqa: S608
        f"SELECT COUNT(*) FROM {reports_of_user}",  # noqa: S608
        f"SELECT MAX(r.updated_at) FROM {reports_of_user}",  # noqa: S608
        f"SELECT COUNT(*) FROM {submissions} WHERE {accepted}",  # noqa: S608
        f"SELECT SUM(id) FROM {submissions} WHERE {accepted}",  # noqa: S608
        f"SELECT COUNT(*) FROM {answers} WHERE user_id = %(user)s",  # noqa: S608
        f"SELECT COUNT(*) FROM {badges} WHERE user_id = %(user)s",  # noqa: S608
        f"SELECT SUM(id) FROM {badges} WHERE user_id = %(user)s",  # noqa: S608
        f"SELECT COUNT(*) FROM {problems} WHERE is_active",  # noqa: S608
        f"SELECT MAX(updated_at) FROM {problems}",  # noqa: S608
    )
    return ", ".join(f"({sql}) AS {name}" for sql, name in zip(subqueries, HISTORY_COLUMNS, strict=True))


def _history_params(user) -> dict:
    return {"user": user.pk, "submit": SubmissionKind.SUBMIT.value, "accepted": Verdict.ACCEPTED.value}


def history_version(*, user) -> tuple:
    """A fingerprint of everything ``locker_room_get`` and the call to action read besides the progress row,
    in one query of index lookups that reads no JSON: the user's sessions (count, latest ``updated_at`` —
    every status change and every edit stamps it), their reports (count, latest ``updated_at``: a finished or
    re-run analysis stamps it), accepted submissions (count and sum of ids: a judged, deleted or re-judged
    submission moves them), saved answers (count), earned badges (count, sum of ids) and the problem bank
    (active count, latest ``updated_at``). Equal fingerprints mean equal history, so a fragment cached under
    one is never stale; a write that bypasses ``updated_at`` (a raw ``update()`` of scores) is not seen."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_history_columns_sql()}", _history_params(user))
        return tuple(cursor.fetchone())


def progress_with_history(*, user) -> tuple[Progress, tuple]:
    """The user's progress row and ``history_version``, in one query when the row exists (a second when it
    does not yet: a new user)."""
    table = connection.ops.quote_name(Progress._meta.db_table)
    sql = f"SELECT p.*, {_history_columns_sql()} FROM {table} p WHERE p.user_id = %(user)s"  # noqa: S608
    for progress in Progress.objects.raw(sql, _history_params(user)):
        return progress, tuple(getattr(progress, name) for name in HISTORY_COLUMNS)
    return Progress(user=user), history_version(user=user)


def challenges_for_day(*, user, day: datetime.date) -> list[DailyChallenge]:
    return list(DailyChallenge.objects.filter(user=user, day=day).order_by("id"))


def problem_to_try(*, user) -> Problem | None:
    """An active problem the user has not solved, preferring one in a topic they have not solved yet and
    then the easiest: one query over the problem bank (its size, not the user's history, bounds it)."""
    solved = Submission.objects.filter(
        user=user, problem=OuterRef("pk"), kind=SubmissionKind.SUBMIT, verdict=Verdict.ACCEPTED
    )
    problems = list(
        Problem.objects.filter(is_active=True)
        .annotate(solved=Exists(solved))
        .only("slug", "title", "difficulty", "topics", "position")
        .order_by("position", "slug")
    )
    solved_topics = {t for p in problems if p.solved for t in (p.topics or [])}
    unsolved = [p for p in problems if not p.solved]
    rank = {"easy": 0, "medium": 1, "hard": 2}
    fresh = [p for p in unsolved if set(p.topics or []) - solved_topics]
    pool = fresh or unsolved
    return min(pool, key=lambda p: rank.get(p.difficulty, 1)) if pool else None


# ------------------------------------------------------------------------------------------------
# Weekly leaderboard (opt-in)
# ------------------------------------------------------------------------------------------------
def iso_week_bounds(moment: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """Monday 00:00 UTC of ``moment``'s ISO week and the Monday after. One board for everyone, so UTC."""
    day = moment.astimezone(datetime.UTC).date()
    monday = day - datetime.timedelta(days=day.weekday())
    start = datetime.datetime.combine(monday, datetime.time.min, tzinfo=datetime.UTC)
    return start, start + datetime.timedelta(days=7)


def leaderboard_week(*, moment: datetime.datetime, limit: int = 20) -> list[dict]:
    """This ISO week's XP among opted-in users, highest first: one grouped aggregate. Rows carry the
    user's chosen handle, never the email."""
    start, end = iso_week_bounds(moment)
    return list(
        XPEvent.objects.filter(created_at__gte=start, created_at__lt=end, user__progress__leaderboard_opt_in=True)
        .values("user_id")
        .annotate(handle=F("user__progress__leaderboard_handle"), xp=Sum("amount"))
        .order_by("-xp", "user_id")[:limit]
    )


def week_xp_for(*, user, moment: datetime.datetime) -> int:
    start, end = iso_week_bounds(moment)
    return XPEvent.objects.filter(user=user, created_at__gte=start, created_at__lt=end).aggregate(
        xp=Coalesce(Sum("amount"), 0)
    )["xp"]
