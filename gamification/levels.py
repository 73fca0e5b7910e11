"""Level maths and streak rules. Pure: no Django import.

Levels: the first thresholds are fixed by design — 0, 100, 250, 500, 1000 XP for levels 1–5. After level 5
each level costs 250 XP more than the one before: level 6 at 1 750 (1 000 + 750), level 7 at 2 750
(+1 000), level 8 at 4 000 (+1 250), … so a level stays within reach of a week of daily practice while the
numbers keep growing. ``threshold(n)`` is the XP needed to *reach* level n.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

BASE_THRESHOLDS = (0, 100, 250, 500, 1000)
FIRST_STEP_AFTER_BASE = 750
STEP_GROWTH = 250


def threshold(level: int) -> int:
    if level < 1:
        raise ValueError("levels start at 1")
    if level <= len(BASE_THRESHOLDS):
        return BASE_THRESHOLDS[level - 1]
    extra_levels = level - len(BASE_THRESHOLDS)
    # Sum of an arithmetic series: 750 + 1000 + 1250 + ... (extra_levels terms).
    steps = extra_levels * FIRST_STEP_AFTER_BASE + STEP_GROWTH * extra_levels * (extra_levels - 1) // 2
    return BASE_THRESHOLDS[-1] + steps


@dataclass(frozen=True)
class LevelProgress:
    level: int
    xp: int
    floor: int  # XP at which this level started
    next_at: int  # XP needed for the next level

    @property
    def into_level(self) -> int:
        return self.xp - self.floor

    @property
    def span(self) -> int:
        return self.next_at - self.floor

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.into_level / self.span)) if self.span else 100


def level_for(xp: int) -> LevelProgress:
    xp = max(0, xp)
    level = 1
    while threshold(level + 1) <= xp:
        level += 1
    return LevelProgress(level=level, xp=xp, floor=threshold(level), next_at=threshold(level + 1))


@dataclass(frozen=True)
class Streak:
    current: int
    longest: int
    last_day: datetime.date | None


def streak_after_practice(streak: Streak, today: datetime.date) -> Streak:
    """The streak once the user has practised on ``today`` (their local date).

    Same day again: unchanged. The day after the last one: +1. Any gap: a new streak of 1. A ``today``
    before the last practice day (a clock or time-zone change) never shortens the streak.
    """
    last = streak.last_day
    if last is not None and today <= last:
        return streak
    current = streak.current + 1 if last is not None and today - last == datetime.timedelta(days=1) else 1
    return Streak(current=current, longest=max(streak.longest, current), last_day=today)


def streak_as_of(streak: Streak, today: datetime.date) -> int:
    """The streak to *show* on ``today``: still alive if the user practised today or yesterday, else 0."""
    if streak.last_day is None:
        return 0
    return streak.current if (today - streak.last_day).days <= 1 else 0
