"""At most one follow-up question, chosen from what an answer lacks, in the persona's voice.

Each gap has a severity (3 = the answer cannot be assessed without it, 1 = a nice-to-have). A persona
asks when the worst gap reaches ``4 - probing_depth``: the Friendly Mentor (depth 1) only for a big gap,
phrased as an invitation; Professional HR (depth 2) for a missing STAR part, in a structured register;
the Challenging Lead (depth 3) whenever anything is missing, pointedly. Phrasing is deterministic."""

from __future__ import annotations

import re

from copilot.ai.personas import get_persona
from copilot.ai.schemas import FollowUp

from . import phrasing
from .star import action_attribution, analyze_star
from .text import has_number, pick, words

VAGUE_WORDS = 25
_TECHNICAL_Q = re.compile(
    r"\b(?:design|architect\w*|build|implement|choose|choice|scale|system|approach|trade-?offs?|migrat\w*|"
    r"database|api|model|pipeline|structure|tool|framework|strategy|how would you|decide)\b",
    re.IGNORECASE,
)
_TRADE_OFF = re.compile(
    r"\b(?:trade-?offs?|alternatives?|instead|versus|vs\.?|considered|options?|pros|cons|downsides?|"
    r"compared|rather than|on the other hand|drawbacks?|chose \w+ over|weigh\w*)\b",
    re.IGNORECASE,
)

# gap -> (reason, {persona: variants}); variants for the same persona say the same thing differently.
QUESTIONS: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "vague": (
        "the answer is short and general, with no specific example",
        {
            "friendly": (
                "could you walk me through one specific time this happened? A real example would really help.",
                "could you tell me about one particular time — what happened, step by step?",
            ),
            "professional": (
                "Could you give me one specific example, with the situation, what you did and the outcome?",
                "Please describe a specific instance: when was it, and what exactly did you do?",
            ),
            "challenging": (
                "That's generic. Give me one real example — when, where, and what you did.",
                "I've heard nothing concrete yet. Name one specific time and walk me through it.",
            ),
        },
    ),
    "action": (
        "the answer does not say what was done",
        {
            "friendly": ("what steps did you take? I'd love to hear how you went about it.",),
            "professional": ("What specific actions did you take to address this?",),
            "challenging": ("You've described the problem. What did you actually do about it?",),
        },
    ),
    "team_only": (
        "the actions are told only with 'we'",
        {
            "friendly": ("what part of that was yours? I'd love to hear what *you* brought to it.",),
            "professional": ("You described what the team did. What was your personal contribution?",),
            "challenging": (
                "You keep saying 'we'. What did *you* personally do?",
                "'We' did a lot there. Which of those steps were yours, specifically?",
            ),
        },
    ),
    "result": (
        "the answer has no outcome",
        {
            "friendly": (
                "how did it turn out in the end? I'd love to hear what changed, in numbers if you have them.",
            ),
            "professional": (
                "What was the outcome, in numbers?",
                "And the result of your actions: what was the outcome, in numbers?",
            ),
            "challenging": ("What was the outcome, in numbers? 'It went well' isn't a result.",),
        },
    ),
    "trade_off": (
        "the answer gives no alternatives or trade-offs",
        {
            "friendly": ("were there other approaches you thought about? I'd love to hear why you chose this one.",),
            "professional": ("Which alternatives did you consider, and why did you choose this approach?",),
            "challenging": (
                "Why that approach? What did you reject, and what did your choice cost you?",
                "Every choice has a downside. What was the trade-off here, and what else did you consider?",
            ),
        },
    ),
    "situation": (
        "the answer gives no context",
        {
            "friendly": ("could you set the scene a little? Where were you, and what was going on?",),
            "professional": ("Could you give me some context: where was this, and what was at stake?",),
            "challenging": ("Start with the context. Where was this, when, and what was at stake?",),
        },
    ),
    "numbers": (
        "the outcome is not quantified",
        {
            "friendly": ("do you remember roughly how big the difference was?",),
            "professional": ("Can you quantify that outcome?",),
            "challenging": ("By how much? Give me a number.",),
        },
    ),
    "task": (
        "the answer does not say what the candidate was responsible for",
        {
            "friendly": ("what was your role in that, and what were you aiming for?",),
            "professional": ("What were you specifically responsible for in this situation?",),
            "challenging": ("What exactly was your job here — what were you on the hook for?",),
        },
    ),
}


def gaps(*, question: str, answer: str) -> list[tuple[int, str]]:
    """What the answer lacks, as (severity, gap) pairs, most severe first (ties in the order above)."""
    star = analyze_star(answer)
    count = len(words(answer))
    found: list[tuple[int, str]] = []
    if count < VAGUE_WORDS or star.coverage <= 0.25:
        found.append((3, "vague"))
    if "action" in star.missing and count >= VAGUE_WORDS:
        found.append((3, "action"))
    if star.team_only_action or (action_attribution(answer) == "we" and count >= VAGUE_WORDS):
        found.append((2, "team_only"))
    if "result" in star.missing:
        found.append((2, "result"))
    elif not has_number(next(p.evidence for p in star.parts if p.part == "result")):
        found.append((1, "numbers"))
    if _TECHNICAL_Q.search(question or "") and not _TRADE_OFF.search(answer or ""):
        found.append((2, "trade_off"))
    if "situation" in star.missing:
        found.append((1, "situation"))
    if "task" in star.missing:
        found.append((1, "task"))
    order = list(QUESTIONS)
    return sorted(found, key=lambda g: (-g[0], order.index(g[1])))


def choose_follow_up(*, question: str, answer: str, persona_key: str | None) -> FollowUp:
    persona = get_persona(persona_key)
    found = gaps(question=question, answer=answer)
    threshold = 4 - persona.probing_depth
    if not found or found[0][0] < threshold:
        reason = f"{QUESTIONS[found[0][1]][0]}; not enough for this interviewer to probe" if found else ""
        return FollowUp(ask=False, reason=reason or "nothing important is missing")
    gap = found[0][1]
    reason, variants = QUESTIONS[gap]
    line = pick(variants[persona.key], question, answer, persona.key)
    opener = phrasing.opener(persona.key, question, answer)
    if persona.key == "friendly":
        text = f"{opener} {line}" if opener.endswith("—") else f"{opener} {line[:1].upper()}{line[1:]}"
    elif persona.key == "professional":
        text = f"{opener} {line}"
    else:
        text = line if line.startswith(("That's", "I've", "You")) else f"{opener} {line}"
    return FollowUp(ask=True, question=text, reason=reason)
