"""Badges, defined in code. Pure: no Django import.

Each badge reads one number from the user's ``Stats`` (built by gamification.selectors from the other
apps' data) and is earned when it reaches ``goal``; ``progress`` is how far along a locked badge is.
For "at most" rules (fillers per minute) the stat is inverted into a count of qualifying interviews.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stats:
    interviews_completed: int = 0
    longest_streak: int = 0
    problems_accepted: int = 0
    perfect_problems: int = 0  # problems with a submission passing every test
    languages_accepted: int = 0
    hard_without_hints: int = 0
    answers_saved: int = 0
    low_filler_interviews: int = 0  # analysed interviews under 2 fillers per minute
    high_eye_contact_interviews: int = 0  # analysed interviews with eye contact above 80 %
    full_star_interviews: int = 0  # analysed interviews where every answer covered S, T, A and R
    level: int = 1


@dataclass(frozen=True)
class Badge:
    code: str
    name: str
    description: str
    icon: str  # an id in static/icons/sprite.svg
    stat: str
    goal: int

    def current(self, stats: Stats) -> int:
        return int(getattr(stats, self.stat))

    def earned(self, stats: Stats) -> bool:
        return self.current(stats) >= self.goal

    def progress(self, stats: Stats) -> tuple[int, int]:
        return min(self.current(stats), self.goal), self.goal

    def reason(self, stats: Stats) -> str:
        return f"{self.description} ({self.current(stats)}/{self.goal})"


BADGES: tuple[Badge, ...] = (
    Badge("first_steps", "First Steps", "Finish your first interview.", "star", "interviews_completed", 1),
    Badge("on_fire", "On Fire", "Practise three days in a row.", "flame", "longest_streak", 3),
    Badge("perfect_ten", "Perfect Ten", "Pass every test of a coding problem.", "check", "perfect_problems", 1),
    Badge("week_warrior", "Week Warrior", "Practise seven days in a row.", "flame", "longest_streak", 7),
    Badge("marathoner", "Marathoner", "Practise thirty days in a row.", "trophy", "longest_streak", 30),
    Badge("ten_interviews", "Seasoned", "Finish ten interviews.", "mic", "interviews_completed", 10),
    Badge("polyglot", "Polyglot", "Solve problems in all four languages.", "code", "languages_accepted", 4),
    Badge("problem_solver", "Problem Solver", "Get ten different problems accepted.", "code", "problems_accepted", 10),
    Badge(
        "no_hints_needed",
        "No Hints Needed",
        "Solve a hard problem without opening a hint.",
        "shield",
        "hard_without_hints",
        1,
    ),
    Badge(
        "smooth_talker",
        "Smooth Talker",
        "Finish an interview with fewer than 2 fillers a minute.",
        "chat",
        "low_filler_interviews",
        1,
    ),
    Badge(
        "eye_contact",
        "Eye to Eye",
        "Keep eye contact above 80 % in an interview.",
        "eye",
        "high_eye_contact_interviews",
        1,
    ),
    Badge(
        "star_storyteller",
        "STAR Storyteller",
        "Cover situation, task, action and result in every answer.",
        "book",
        "full_star_interviews",
        1,
    ),
    Badge("librarian", "Librarian", "Save ten answers to your Library.", "book", "answers_saved", 10),
    Badge("level_five", "High Five", "Reach level 5.", "trophy", "level", 5),
)
BADGES_BY_CODE = {badge.code: badge for badge in BADGES}
