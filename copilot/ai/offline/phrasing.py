"""Persona-flavoured phrasing for the offline engine, from ``copilot.ai.personas``.

All choices are deterministic for the same inputs (a hash picks among variants), so a page refresh
never changes what the interviewer said."""

from __future__ import annotations

from copilot.ai.personas import get_persona

from .text import pick

# How each persona closes a piece of feedback or frames a gap.
_GAP_FRAMES = {
    "friendly": ("One thing that would make this even stronger: {gap}", "A small next step: {gap}"),
    "professional": ("Area to develop: {gap}", "Recommendation: {gap}"),
    "challenging": ("Fix this: {gap}", "This is what cost you: {gap}"),
}
_ENCOURAGEMENT = {
    "friendly": ("You're making real progress — keep going!", "Nice work, this is coming together."),
    "professional": ("Thank you; these points should help you prepare.", "This should give you a clear next step."),
    "challenging": ("Now do it again, better.", "Good enough isn't the bar. Tighten it."),
}


def persona_key(key: str | None) -> str:
    return get_persona(key).key


def opener(key: str | None, *seed: object) -> str:
    """A persona's way of starting a follow-up question."""
    return pick(get_persona(key).follow_up_openers, "opener", *seed)


def acknowledgement(key: str | None, *seed: object) -> str:
    return pick(get_persona(key).acknowledgements, "ack", *seed)


def frame_gap(key: str | None, gap: str, *seed: object) -> str:
    gap = gap[:1].lower() + gap[1:] if gap[:2] != "I " and not gap[:2].isupper() else gap
    return pick(_GAP_FRAMES[persona_key(key)], "gap", *seed).format(gap=gap)


def encouragement(key: str | None, *seed: object) -> str:
    return pick(_ENCOURAGEMENT[persona_key(key)], "enc", *seed)


def voice(key: str | None, *, friendly: str, professional: str, challenging: str) -> str:
    """Pick the line written for the persona's voice."""
    return {"friendly": friendly, "professional": professional, "challenging": challenging}[persona_key(key)]
