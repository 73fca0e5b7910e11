from __future__ import annotations

from coding.models import Draft, Problem

MAX_CODE_CHARS = 64 * 1024


def draft_save(*, user, problem: Problem, language: str, code: str) -> Draft:
    """Upsert the one draft per (user, problem, language); autosave calls this on every pause in typing."""
    draft, _ = Draft.objects.update_or_create(
        user=user, problem=problem, language=language, defaults={"code": code[:MAX_CODE_CHARS]}
    )
    return draft


def draft_reset(*, user, problem: Problem, language: str) -> str:
    """Forget the draft; the editor goes back to the problem's starter code, which is returned."""
    Draft.objects.filter(user=user, problem=problem, language=language).delete()
    return (problem.starter or {}).get(language, "")
