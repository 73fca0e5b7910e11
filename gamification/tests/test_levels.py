import datetime
import itertools

import pytest

from gamification.levels import Streak, level_for, streak_after_practice, streak_as_of, threshold

D = datetime.date


def test_the_first_thresholds_are_the_documented_ones():
    assert [threshold(n) for n in range(1, 9)] == [0, 100, 250, 500, 1000, 1750, 2750, 4000]


@pytest.mark.parametrize(
    ("xp", "level", "floor", "next_at"),
    [
        (0, 1, 0, 100),
        (99, 1, 0, 100),
        (100, 2, 100, 250),
        (999, 4, 500, 1000),
        (1000, 5, 1000, 1750),
        (2750, 7, 2750, 4000),
    ],
)
def test_level_for_xp(xp, level, floor, next_at):
    progress = level_for(xp)
    assert (progress.level, progress.floor, progress.next_at) == (level, floor, next_at)


def test_progress_percent_within_a_level():
    assert level_for(175).percent == 50
    assert level_for(-5).level == 1


def test_thresholds_grow_strictly():
    values = [threshold(n) for n in range(1, 60)]
    steps = [b - a for a, b in itertools.pairwise(values)]
    assert all(later >= earlier for earlier, later in itertools.pairwise(steps))
    assert all(step > 0 for step in steps)


def test_consecutive_days_grow_the_streak_and_a_gap_resets_it():
    streak = Streak(current=0, longest=0, last_day=None)
    for day in (D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 3)):
        streak = streak_after_practice(streak, day)
    assert (streak.current, streak.longest) == (3, 3)
    streak = streak_after_practice(streak, D(2026, 3, 3))  # twice the same day
    assert streak.current == 3
    streak = streak_after_practice(streak, D(2026, 3, 5))  # missed the 4th
    assert (streak.current, streak.longest) == (1, 3)


def test_a_day_in_the_past_never_shortens_a_streak():
    streak = Streak(current=4, longest=6, last_day=D(2026, 3, 10))
    assert streak_after_practice(streak, D(2026, 3, 9)) == streak


def test_the_shown_streak_expires_after_a_missed_day():
    streak = Streak(current=5, longest=5, last_day=D(2026, 3, 10))
    assert streak_as_of(streak, D(2026, 3, 10)) == 5
    assert streak_as_of(streak, D(2026, 3, 11)) == 5
    assert streak_as_of(streak, D(2026, 3, 12)) == 0
