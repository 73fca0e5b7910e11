"""The daily-challenge catalogue and how a day's three are chosen. Pure: no Django import.

Each challenge names the event that advances it (``interview_completed``, ``submission_judged``,
``answer_saved``, ``coach_message_sent``) and a predicate on that event's payload. Three are chosen per
user and local day: one aimed at the user's weakest measured interview dimension (when there is data),
one for coding or the Library, one more of a different kind — deterministic for a (user, day) pair so a
re-run of the cron command chooses the same three.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

DIMENSIONS = ("confidence", "clarity", "structure", "engagement", "pace", "presence")


@dataclass(frozen=True)
class ChallengeSpec:
    kind: str
    title: str
    description: str
    event: str
    xp: int
    goal: int = 1
    focus: str = ""
    params: dict = field(default_factory=dict)


def _score(payload: dict, dimension: str) -> float:
    value = (payload.get("scores") or {}).get(dimension)
    if isinstance(value, dict):
        value = value.get("value")
    return float(value) if isinstance(value, int | float) else -1.0


def matches(spec_kind: str, params: dict, event: str, payload: dict) -> bool:
    """Whether ``event`` with ``payload`` advances a challenge of ``spec_kind`` with ``params``."""
    rule = RULES.get(spec_kind)
    return bool(rule and rule[0] == event and rule[1](params, payload))


def _accepted(payload: dict) -> bool:
    return payload.get("kind") == "submit" and payload.get("verdict") == "AC"


RULES: dict[str, tuple[str, Callable[[dict, dict], bool]]] = {
    "complete_interview": ("interview_completed", lambda p, e: True),
    "score_dimension": ("interview_completed", lambda p, e: _score(e, p["dimension"]) >= p["target"]),
    "overall_score": ("interview_completed", lambda p, e: _score(e, "overall") >= p["target"]),
    "solve_any": ("submission_judged", lambda p, e: _accepted(e)),
    "solve_medium": (
        "submission_judged",
        lambda p, e: _accepted(e) and e.get("difficulty") in {"medium", "hard"},
    ),
    "solve_without_hints": ("submission_judged", lambda p, e: _accepted(e) and not e.get("hints_used")),
    "solve_new_language": (
        "submission_judged",
        lambda p, e: _accepted(e) and e.get("language") == p.get("language"),
    ),
    "save_star_answer": ("answer_saved", lambda p, e: True),
    "ask_coach": ("coach_message_sent", lambda p, e: True),
}

FOCUS_TITLES = {
    "confidence": "Own the room",
    "clarity": "Crystal clear",
    "structure": "Tell it in STAR",
    "engagement": "Bring the energy",
    "pace": "Find your pace",
    "presence": "Eyes up",
}


def _dimension_challenge(dimension: str, current: float | None) -> ChallengeSpec:
    target = 80 if current is None else int(min(90, max(60, round(current / 5) * 5 + 10)))
    return ChallengeSpec(
        kind="score_dimension",
        title=FOCUS_TITLES.get(dimension, "Level up"),
        description=f"Finish an interview scoring {target} or more in {dimension.capitalize()}.",
        event="interview_completed",
        xp=100,
        focus=dimension,
        params={"dimension": dimension, "target": target},
    )


def _coach_on(dimension: str) -> ChallengeSpec:
    return ChallengeSpec(
        kind="ask_coach",
        title="Ask the Coach",
        description=f"Ask the Coach how to improve your {dimension} (your weakest area lately).",
        event="coach_message_sent",
        xp=50,
        focus=dimension,
    )


GENERIC: tuple[ChallengeSpec, ...] = (
    ChallengeSpec("complete_interview", "Suit up", "Finish a mock interview today.", "interview_completed", 75),
    ChallengeSpec(
        "overall_score",
        "Raise the bar",
        "Score 70 or more overall in an interview.",
        "interview_completed",
        90,
        params={"target": 70},
    ),
    ChallengeSpec("solve_any", "Warm-up rep", "Get one coding problem accepted.", "submission_judged", 60),
    ChallengeSpec("solve_medium", "Medium rare", "Get a medium (or hard) problem accepted.", "submission_judged", 80),
    ChallengeSpec(
        "solve_without_hints",
        "No training wheels",
        "Get a problem accepted without opening a hint.",
        "submission_judged",
        90,
    ),
    ChallengeSpec("save_star_answer", "Bank a story", "Save a STAR answer to your Library.", "answer_saved", 50),
    ChallengeSpec(
        "ask_coach", "Coach's corner", "Ask the Coach one question about your interviews.", "coach_message_sent", 50
    ),
)


def choose(
    *,
    seed: str,
    weak_dimensions: list[tuple[str, float]],
    languages_used: set[str] | frozenset[str] = frozenset(),
) -> list[ChallengeSpec]:
    """Three challenges of different kinds for one user and day.

    ``weak_dimensions``: (dimension, recent average score) weakest first; empty when nothing is measured.
    ``languages_used``: languages the user already has an accepted solution in (a new one is suggested).
    """
    digest = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    chosen: list[ChallengeSpec] = []
    if weak_dimensions:
        dimension, score = weak_dimensions[0]
        chosen.append(_dimension_challenge(dimension, score))
        if digest % 2:
            chosen.append(_coach_on(dimension))
    else:
        chosen.append(GENERIC[0])
    missing = [lang for lang in ("python", "javascript", "java", "cpp") if lang not in languages_used]
    if languages_used and missing and digest % 3 == 0:
        language = missing[digest % len(missing)]
        chosen.append(
            ChallengeSpec(
                "solve_new_language",
                "Polyglot",
                f"Get a problem accepted in {_LANGUAGE_NAMES[language]}, a language you haven't solved in yet.",
                "submission_judged",
                100,
                params={"language": language},
            )
        )
    pool = [spec for spec in GENERIC if spec.kind not in {c.kind for c in chosen}]
    offset = digest % len(pool)
    for spec in pool[offset:] + pool[:offset]:
        if len(chosen) >= 3:
            break
        if spec.kind not in {c.kind for c in chosen}:
            chosen.append(spec)
    return chosen[:3]


_LANGUAGE_NAMES = {"python": "Python", "javascript": "JavaScript", "java": "Java", "cpp": "C++"}
