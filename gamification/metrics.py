"""Staff metrics: aggregate queries over a date range (inclusive, in the server's time zone).

Every figure is one aggregate (``Count``, ``Avg``, ``TruncDate``, conditional aggregation) computed by the
database; Python only reshapes the aggregated rows (at most one row per day, dimension, badge or problem).
The page runs a fixed number of queries whatever the data size (pinned in the tests).

Definitions:
- **active user** on a day: started an interview, submitted or ran code, or earned XP that day.
- **session completion**: sessions *started* in the range, and how many of them were finished (reached
  uploaded, analysing or analysed); the average duration is finished − started over the finished ones.
- **challenge completion**: challenges of the days in the range that were completed.
- **score distributions**: analysed interviews finished in the range, per dimension, in five 20-point bands.
- **weak areas**: for each of those interviews, its lowest-scoring dimension.
- **badge earn rates**: users who earned each badge in the range, over the users active in the range.
- **coding pass rate**: submissions (not runs) per problem in the range, and the share accepted.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Least, TruncDate
from django.utils import timezone

from coding.models import Submission, SubmissionKind, Verdict
from gamification.badges import BADGES_BY_CODE
from gamification.challenges import DIMENSIONS
from gamification.models import ChallengeStatus, DailyChallenge, EarnedBadge, XPEvent
from interviews.models import AnalysisReport, InterviewSession, SessionStatus

BANDS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 101))
BAND_LABELS = ("0–19", "20–39", "40–59", "60–79", "80–100")
FINISHED = (SessionStatus.UPLOADED, SessionStatus.ANALYZING, SessionStatus.ANALYZED)


@dataclass
class StaffMetrics:
    start: datetime.date
    end: datetime.date
    daily_active: list[tuple[datetime.date, int]] = field(default_factory=list)
    weekly_active: list[tuple[str, int]] = field(default_factory=list)
    active_users: int = 0
    sessions_started: int = 0
    sessions_finished: int = 0
    avg_session_minutes: float | None = None
    challenges_total: int = 0
    challenges_completed: int = 0
    score_bands: dict[str, list[int]] = field(default_factory=dict)  # dimension → counts per band
    score_means: dict[str, float | None] = field(default_factory=dict)
    weak_areas: list[tuple[str, int]] = field(default_factory=list)
    badge_rates: list[tuple[str, int, float]] = field(default_factory=list)  # name, users, share of active
    problem_pass: list[tuple[str, int, int, float]] = field(default_factory=list)  # title, total, accepted, %

    @staticmethod
    def rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def completion_rate(self) -> float | None:
        return self.rate(self.sessions_finished, self.sessions_started)

    @property
    def score_rows(self) -> list[tuple[str, list[int], float | None]]:
        return [(d, bands, self.score_means.get(d)) for d, bands in self.score_bands.items()]

    @property
    def challenge_rate(self) -> float | None:
        return self.rate(self.challenges_completed, self.challenges_total)


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone),
    )


def json_number(path: str):
    """A JSON number at ``path`` as a float; a JSON null, a missing key → SQL NULL (on SQLite a bare cast
    would read JSON null as 0), on SQLite and PostgreSQL alike."""
    return Case(
        When(**{path: None}, then=Value(None, output_field=FloatField())),
        default=Cast(KT(path), FloatField()),
        output_field=FloatField(),
    )


def dimension_score(dimension: str):
    """A dimension's score as a number in SQL, from any stored shape (docs/scoring.md's
    ``dimensions.<d>.score``, or ``<d>.value``, or a bare ``<d>`` number). Each branch is taken only when its
    key exists, so PostgreSQL never casts an object to a number."""
    return Case(
        When(Q(scores__dimensions__has_key=dimension), then=json_number(f"scores__dimensions__{dimension}__score")),
        When(Q(**{f"scores__{dimension}__has_key": "value"}), then=json_number(f"scores__{dimension}__value")),
        When(Q(**{f"scores__{dimension}__has_key": "score"}), then=json_number(f"scores__{dimension}__score")),
        When(Q(scores__has_key=dimension), then=json_number(f"scores__{dimension}")),
        default=Value(None, output_field=FloatField()),
        output_field=FloatField(),
    )


def _active_pairs(since: datetime.datetime, until: datetime.datetime):
    """(day, user) pairs with any activity: one UNION query, deduplicated by the database."""

    def pairs(queryset, field_name):
        return (
            queryset.filter(**{f"{field_name}__gte": since, f"{field_name}__lt": until})
            .annotate(day=TruncDate(field_name))
            .order_by()
            .values_list("day", "user_id")
        )

    return (
        pairs(InterviewSession.objects.all(), "started_at")
        .union(pairs(Submission.objects.all(), "created_at"), pairs(XPEvent.objects.all(), "created_at"))
        .order_by()
    )


def staff_metrics(*, start: datetime.date, end: datetime.date) -> StaffMetrics:
    since, until = _bounds(start, end)
    result = StaffMetrics(start=start, end=end)

    # 1. Active users per day and ISO week.
    per_day: dict[datetime.date, set[int]] = defaultdict(set)
    for day, user_id in _active_pairs(since, until):
        per_day[day if isinstance(day, datetime.date) else datetime.date.fromisoformat(str(day))].add(user_id)
    days = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
    result.daily_active = [(day, len(per_day.get(day, ()))) for day in days]
    weeks: dict[str, set[int]] = defaultdict(set)
    for day in days:
        year, week, _ = day.isocalendar()
        weeks[f"{year}-W{week:02d}"] |= per_day.get(day, set())
    result.weekly_active = [(week, len(users)) for week, users in weeks.items()]
    result.active_users = len(set().union(*per_day.values())) if per_day else 0

    # 2. Sessions started vs finished, and their duration.
    duration = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
    sessions = InterviewSession.objects.filter(started_at__gte=since, started_at__lt=until).aggregate(
        started=Count("pk"),
        finished=Count("pk", filter=Q(status__in=FINISHED)),
        avg_duration=Avg(duration, filter=Q(status__in=FINISHED, finished_at__isnull=False)),
    )
    result.sessions_started, result.sessions_finished = sessions["started"], sessions["finished"]
    if sessions["avg_duration"] is not None:
        result.avg_session_minutes = round(sessions["avg_duration"].total_seconds() / 60, 1)

    # 3. Daily challenges.
    challenges = DailyChallenge.objects.filter(day__gte=start, day__lte=end).aggregate(
        total=Count("pk"), completed=Count("pk", filter=Q(status=ChallengeStatus.COMPLETED))
    )
    result.challenges_total, result.challenges_completed = challenges["total"], challenges["completed"]

    # 4 and 5. Score bands and means per dimension, and each interview's weakest dimension.
    reports = AnalysisReport.objects.filter(
        session__status=SessionStatus.ANALYZED, finished_at__gte=since, finished_at__lt=until
    ).annotate(**{f"s_{d}": dimension_score(d) for d in DIMENSIONS})
    aggregates = {}
    for d in DIMENSIONS:
        aggregates[f"mean_{d}"] = Avg(f"s_{d}")
        for i, (low, high) in enumerate(BANDS):
            aggregates[f"band_{d}_{i}"] = Count("pk", filter=Q(**{f"s_{d}__gte": low, f"s_{d}__lt": high}))
    row = reports.aggregate(**aggregates)
    for d in DIMENSIONS:
        result.score_bands[d] = [row[f"band_{d}_{i}"] for i in range(len(BANDS))]
        mean = row[f"mean_{d}"]
        result.score_means[d] = round(mean, 1) if mean is not None else None
    missing = Value(1000.0, output_field=FloatField())  # unmeasured dimensions never count as the weakest
    padded = {d: Case(When(**{f"s_{d}__isnull": False}, then=F(f"s_{d}")), default=missing) for d in DIMENSIONS}
    weakest = (
        reports.annotate(lowest=Least(*padded.values()))
        .filter(lowest__lt=1000)
        .annotate(
            weakest=Case(
                *[When(lowest=expr, then=Value(d)) for d, expr in padded.items()],
                default=Value(""),
            )
        )
        .order_by()
        .values("weakest")
        .annotate(n=Count("pk"))
        .order_by("-n", "weakest")
    )
    result.weak_areas = [(r["weakest"], r["n"]) for r in weakest]

    # 6. Badge earn rates.
    earned = (
        EarnedBadge.objects.filter(earned_at__gte=since, earned_at__lt=until)
        .order_by()
        .values("code")
        .annotate(users=Count("user", distinct=True))
    )
    counts = Counter({r["code"]: r["users"] for r in earned})
    result.badge_rates = [
        (badge.name, counts.get(code, 0), StaffMetrics.rate(counts.get(code, 0), result.active_users) or 0.0)
        for code, badge in BADGES_BY_CODE.items()
    ]

    # 7. Coding pass rate per problem.
    per_problem = (
        Submission.objects.filter(kind=SubmissionKind.SUBMIT, created_at__gte=since, created_at__lt=until)
        .order_by()
        .values("problem__title")
        .annotate(total=Count("pk"), accepted=Count("pk", filter=Q(verdict=Verdict.ACCEPTED)))
        .order_by("-total", "problem__title")
    )
    result.problem_pass = [
        (r["problem__title"], r["total"], r["accepted"], StaffMetrics.rate(r["accepted"], r["total"]) or 0.0)
        for r in per_problem
    ]
    return result


def csv_rows(metrics: StaffMetrics) -> list[list]:
    """The same figures, one ``section, key, value[, value…]`` row each, for spreadsheets."""
    rows: list[list] = [["section", "key", "value", "extra"]]
    rows += [["range", "start", metrics.start.isoformat(), ""], ["range", "end", metrics.end.isoformat(), ""]]
    rows += [["daily_active_users", day.isoformat(), n, ""] for day, n in metrics.daily_active]
    rows += [["weekly_active_users", week, n, ""] for week, n in metrics.weekly_active]
    rows += [
        ["sessions", "started", metrics.sessions_started, ""],
        ["sessions", "finished", metrics.sessions_finished, ""],
        ["sessions", "completion_rate_pct", metrics.completion_rate, ""],
        ["sessions", "avg_duration_min", metrics.avg_session_minutes, ""],
        ["challenges", "total", metrics.challenges_total, ""],
        ["challenges", "completed", metrics.challenges_completed, ""],
        ["challenges", "completion_rate_pct", metrics.challenge_rate, ""],
    ]
    for d, bands in metrics.score_bands.items():
        rows += [[f"score_{d}", label, n, ""] for label, n in zip(BAND_LABELS, bands, strict=True)]
        rows.append([f"score_{d}", "mean", metrics.score_means[d], ""])
    rows += [["weak_area", d, n, ""] for d, n in metrics.weak_areas]
    rows += [["badge_earned_by", name, users, f"{pct}%"] for name, users, pct in metrics.badge_rates]
    rows += [
        ["problem_pass", title, accepted, f"{total} submissions, {pct}%"]
        for title, total, accepted, pct in metrics.problem_pass
    ]
    return rows
