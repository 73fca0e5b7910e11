from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from coding.models import HintUse, Problem
from coding.services.drafts import MAX_CODE_CHARS
from copilot.ai import features

HINT_LEVELS = (1, 2, 3)  # nudge, approach, near-solution


@dataclass
class HintRefused(Exception):
    message: str

    def __str__(self) -> str:
        return self.message


def hint_open(*, user, problem: Problem, level: int, code: str = "", language: str = "") -> HintUse:
    """Open hint ``level`` for the user: progressive (level N needs level N-1 opened first) and recorded
    once — opening an opened level again returns the stored hint without asking the AI again. The text
    comes from ``features.coding_hint`` with the user's current code; offline it is the authored hint."""
    if level not in HINT_LEVELS:
        raise HintRefused("There are three hint levels.")
    existing = HintUse.objects.filter(user=user, problem=problem, level=level).first()
    if existing is not None:
        return existing
    if level > 1 and not HintUse.objects.filter(user=user, problem=problem, level=level - 1).exists():
        raise HintRefused("Open the hints in order: the previous hint first.")
    result = features.coding_hint(
        user=user,
        title=problem.title,
        statement=problem.statement,
        authored_hints=list(problem.hints or []),
        level=level,
        code=code[:MAX_CODE_CHARS],
        language=language,
    )
    try:
        with transaction.atomic():
            return HintUse.objects.create(
                user=user, problem=problem, level=level, text=result.value, engine=result.engine[:10]
            )
    except IntegrityError:  # the same level opened twice at once: the first one stands
        return HintUse.objects.get(user=user, problem=problem, level=level)
