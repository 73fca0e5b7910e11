"""Turn the Locker Room's data into what its template shows: links, SVGs, badge tiles and the one "next best
practice", and cache the sections that depend on the history. No queries here except, on a cache miss,
``locker_room_get`` and ``problem_to_try`` when the call to action needs a problem."""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import DEFAULT_CACHE_ALIAS, BaseCache, caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import get_template, render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from gamification import badges, charts, levels, selectors, skilltree
from gamification.badges import BADGES
from gamification.challenges import DIMENSIONS
from gamification.forms import LeaderboardForm
from gamification.levels import Streak, level_for, streak_as_of
from gamification.models import ChallengeStatus, Progress
from gamification.selectors import (
    TREND_LENGTH,
    LockerRoom,
    locker_room_get,
    problem_to_try,
    score_value,
)
from interviews.models import SessionStatus

logger = logging.getLogger(__name__)

REVIEWABLE = {SessionStatus.UPLOADED, SessionStatus.ANALYZING, SessionStatus.ANALYZED, SessionStatus.FAILED}
DIMENSION_LABELS = {"overall": "Overall", **{d: d.capitalize() for d in DIMENSIONS}}
DRILLS = {
    "confidence": "Answer one question out loud without “um” or “I think” — then replay it and count.",
    "clarity": "Answer in three sentences: your point, one example, the result.",
    "structure": "Tell one story in STAR — situation, task, action, result — in 90 seconds.",
    "engagement": "Answer one question as if convincing a friend: vary your tone and lean in.",
    "pace": "Read a paragraph aloud at 130–150 words a minute, pausing at every full stop.",
    "presence": "Hold the camera's gaze for a whole answer; put a sticker beside the lens.",
}


@dataclass(frozen=True)
class NextStep:
    kind: str  # first_interview | streak | drill | problem | interview
    title: str
    text: str
    url: str
    label: str
    icon: str


def _url(name: str, fallback: str, **kwargs) -> str:
    """``reverse`` with a fallback, for pages another app may not have shipped yet."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return reverse(fallback)


def session_url(session) -> str:
    if session.status in REVIEWABLE:
        return _url("interviews:review", "interviews:session_list", session_id=session.pk)
    if session.status == SessionStatus.LIVE:
        return _url("interviews:arena", "interviews:session_list", session_id=session.pk)
    return reverse("interviews:session_list")


def next_step(data: LockerRoom, *, user, today: datetime.date) -> NextStep:
    """One call to action from the data, in this order: no interview yet → the Green Room; a streak that
    breaks tonight → something quick; the weakest dimension → its drill; an unsolved topic → a problem."""
    progress = data.progress
    if not data.stats.interviews_completed and not data.recent_sessions:
        return NextStep(
            "first_interview",
            "Step into the Green Room",
            "Your first mock interview unlocks your scores, the skill tree and First Steps.",
            reverse("interviews:setup"),
            "Start your first interview",
            "mic",
        )
    if progress.current_streak and progress.last_practice_day == today - datetime.timedelta(days=1):
        return NextStep(
            "streak",
            f"Keep your {progress.current_streak}-day streak alive",
            "It breaks at midnight. Anything counts — one quick coding problem takes ten minutes.",
            reverse("coding:problem_list"),
            "Do something quick",
            "flame",
        )
    weakest = data.weakest()
    if weakest and weakest[1] < 80:
        dimension, average = weakest
        latest = data.trend[-1].session_id if data.trend else None
        url = reverse("interviews:setup")
        if latest:
            url = _url("interviews:review", "interviews:setup", session_id=latest) + "#drills"
        return NextStep(
            "drill",
            f"Drill your {dimension}",
            f"{dimension.capitalize()} is your weakest area lately (average {average:.0f}). {DRILLS[dimension]}",
            url,
            "Open the drill",
            "target",
        )
    problem = problem_to_try(user=user)
    if problem is not None:
        topics = ", ".join(problem.topics or []) or problem.get_difficulty_display().lower()
        return NextStep(
            "problem",
            f"Try “{problem.title}”",
            f"A {problem.get_difficulty_display().lower()} problem in {topics} — a topic you haven't solved yet.",
            reverse("coding:problem_detail", kwargs={"slug": problem.slug}),
            "Open the problem",
            "code",
        )
    return NextStep(
        "interview",
        "Run another interview",
        "Your scores are strong everywhere — raise the bar with a harder persona.",
        reverse("interviews:setup"),
        "Go to the Green Room",
        "mic",
    )


def badge_tiles(data: LockerRoom) -> list[dict]:
    tiles = []
    for badge in BADGES:
        current, goal = badge.progress(data.stats)
        earned = data.earned.get(badge.code)
        tiles.append({"badge": badge, "earned": earned, "current": current, "goal": goal})
    tiles.sort(key=lambda t: (t["earned"] is None, -(t["earned"].earned_at.timestamp()) if t["earned"] else 0))
    return tiles


def skill_inputs(data: LockerRoom) -> skilltree.SkillInputs:
    window = 10
    return skilltree.SkillInputs(
        interviews=len(data.trend[-window:]),
        communication=data.averages(("clarity", "pace", "confidence"), window),
        structure=data.averages(("structure",), window),
        presence=data.averages(("presence", "engagement"), window),
        full_star_interviews=data.full_star_recent,
        easy=data.coding["easy"],
        medium=data.coding["medium"],
        hard=data.coding["hard"],
    )


def trend_chart(data: LockerRoom) -> tuple[str, list[dict]]:
    if not data.trend:
        return "", []
    labels = [point.finished_at.strftime("%b %-d") if point.finished_at else "—" for point in data.trend]
    series = [
        charts.Series(d, DIMENSION_LABELS[d], [point.scores.get(d) for point in data.trend])
        for d in ("overall", *DIMENSIONS)
        if any(point.scores.get(d) is not None for point in data.trend)
    ]
    svg = charts.line_chart(
        series, labels, label=f"Scores over your last {len(data.trend)} analysed interviews", width=720, height=260
    )
    legend = [
        {"key": s.key, "label": s.label, "last": next((v for v in reversed(s.values) if v is not None), None)}
        for s in series
    ]
    return svg, legend


def challenges_done(challenges) -> int:
    return sum(challenge.status == ChallengeStatus.COMPLETED for challenge in challenges)


def leaderboard_form(progress: Progress) -> LeaderboardForm:
    handle = progress.leaderboard_handle
    show_as = "anonymous" if not handle or handle.startswith("Candidate #") else "name"
    return LeaderboardForm(initial={"opt_in": progress.leaderboard_opt_in, "show_as": show_as})


def locker_room_context(data: LockerRoom, *, user, today: datetime.date) -> dict:
    """The context of the cached sections (``summary``, ``recent``, ``history`` in locker_room.html)."""
    progress = data.progress
    streak = Streak(progress.current_streak, progress.longest_streak, progress.last_practice_day)
    nodes = skilltree.skill_tree(skill_inputs(data))
    trend_svg, legend = trend_chart(data)
    for session in data.recent_sessions:
        session.url = session_url(session)
        report = getattr(session, "report", None) if session.status == SessionStatus.ANALYZED else None
        session.overall = score_value(report.scores, "overall") if report else None
    return {
        "progress": progress,
        "level": level_for(progress.xp),
        "streak": streak_as_of(streak, today),
        "streak_at_risk": bool(progress.current_streak)
        and progress.last_practice_day == today - datetime.timedelta(days=1),
        "practised_today": progress.last_practice_day == today,
        "stats": data.stats,
        "badges": badge_tiles(data),
        "badges_earned": len(data.earned),
        "recent_sessions": data.recent_sessions,
        "skill_nodes": nodes,
        "skilltree_wide": mark_safe(skilltree.render_svg(nodes, layout="wide")),  # noqa: S308 — escaped by the builder
        "skilltree_tall": mark_safe(skilltree.render_svg(nodes, layout="tall")),  # noqa: S308
        "trend_svg": mark_safe(trend_svg),  # noqa: S308 — escaped by the builder
        "trend_legend": legend,
        "trend_length": TREND_LENGTH,
        "next_step": next_step(data, user=user, today=today),
    }


# ------------------------------------------------------------------------------------------------
# The cached sections
# ------------------------------------------------------------------------------------------------
SECTIONS = ("summary", "recent", "history")
TEMPLATE = "gamification/locker_room.html"
# Entries are keyed by what they show, so they are never stale; the lifetime only bounds the cache's size
# (a key holds the user's day, so yesterday's entry is dead anyway).
SECTIONS_CACHE_SECONDS = 6 * 3600


@functools.cache
def sections_cache() -> BaseCache:
    """One cache backend for the process. Under ASGI ``django.core.cache.caches`` is context-local, so every
    request gets a new backend and, with Redis, opens (and drops) a new connection; this one keeps its pool
    (redis-py's pool is thread-safe; LocMemCache instances of one location share their store)."""
    return caches.create_connection(DEFAULT_CACHE_ALIAS)


@receiver(setting_changed)
def _forget_sections_cache(*, setting: str, **kwargs) -> None:
    if setting == "CACHES":
        sections_cache.cache_clear()


@functools.cache
def _code_digest() -> str:
    """The template and the code that shape the sections: a deploy that changes them makes new keys."""
    digest = hashlib.sha256(get_template(TEMPLATE).template.source.encode())
    for module in (badges, charts, levels, selectors, skilltree, sys.modules[__name__]):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def sections_key(*, user, progress: Progress, history: tuple, today: datetime.date) -> str:
    """The cache key of the user's sections: the history's fingerprint (``selectors.history_version``), the
    progress row's shown fields, the user's day, the active time zone and language (dates and text are
    rendered in them) and the code's digest."""
    parts = (
        history,
        progress.xp,
        progress.level,
        progress.current_streak,
        progress.longest_streak,
        progress.last_practice_day,
        today,
        timezone.get_current_timezone_name(),
        translation.get_language(),
        _code_digest(),
    )
    return f"gamification:lr:{user.pk}:{hashlib.sha256(repr(parts).encode()).hexdigest()[:32]}"


def locker_room_sections(*, user, progress: Progress, history: tuple, today: datetime.date) -> dict[str, SafeString]:
    """The rendered sections that depend on the history, from the cache when the key matches (no query) or
    rendered from ``locker_room_get`` (six queries) and cached. Any event that changes what they show
    changes the key, so the next request shows it."""
    key = sections_key(user=user, progress=progress, history=history, today=today)
    try:
        sections = sections_cache().get(key)
    except Exception:  # the cache is an optimisation: with Redis down the page renders in full
        logger.warning("Locker Room sections: cache read failed", exc_info=True)
        sections = None
    if sections is None:
        context = locker_room_context(locker_room_get(user=user, progress=progress), user=user, today=today)
        sections = {name: render_to_string(f"{TEMPLATE}#{name}", context) for name in SECTIONS}
        try:
            sections_cache().set(key, sections, SECTIONS_CACHE_SECONDS)
        except Exception:
            logger.warning("Locker Room sections: cache write failed", exc_info=True)
    return {name: mark_safe(html) for name, html in sections.items()}  # noqa: S308 — rendered by the template
