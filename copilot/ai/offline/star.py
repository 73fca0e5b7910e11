"""STAR structure of an answer: which of situation / task / action / result it tells, with evidence.

Each sentence is scored against cue lexicons for the four parts (plus a small bonus for where it sits:
context comes early, outcomes late); a part is present when some sentence scores at least
:data:`PRESENT_AT`. The evidence for a part is its best sentence, as offsets into the original answer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from copilot.ai.schemas import StarAnalysis, StarEvidence, StarPart

from .text import Span, has_number, sentences, words

PARTS: tuple[StarPart, ...] = ("situation", "task", "action", "result")
PRESENT_AT = 1.0
MIN_WORDS = 5

# Verbs that describe a state or a need rather than something done ("I was", "I needed to").
_NOT_ACTIONS = (
    "was|were|had|felt|thought|knew|wanted|needed|used|tried to|hoped|liked|loved|guess|think|believe|mean|"
    "noticed that|realised|realized|learned|learnt|asked to|expected|supposed|tasked"
)
_IRREGULAR = (
    "built|led|wrote|ran|made|set up|began|chose|took|drove|spoke|met|sat down|brought|sought|taught|went|gave|"
    "dug|found|put|got|held|sent|kept|rewrote|broke|split|shipped|drew|paired|fought|won|stepped|pulled|pushed|"
    "flagged|did|cut|sold|bought|hired|fired|let|told|showed|read|thought through|rebuilt|wrote up"
)
_ACTION_VERB = rf"(?!(?:{_NOT_ACTIONS})\b)(?:{_IRREGULAR}|[a-z]{{3,}}ed|[a-z]+ised|[a-z]+ized)"

_CUES: dict[StarPart, list[tuple[str, float]]] = {
    "situation": [
        (r"\b(?:at|in) my (?:last|previous|current|old|first|former) (?:job|company|role|team|position|employer)", 2),
        (r"\b(?:when|while) (?:i|we) (?:was|were) (?:working|at|in|on|leading|a|an|the)\b", 1.5),
        (
            r"\b(?:our|my|the) (?:team|company|client|customer|product|startup|department|project) (?:was|were|had)\b",
            1.5,
        ),
        (r"\bi was (?:working|employed|a|an) (?:as|at|on|the)?\b", 1.2),
        (r"\b(?:a few|two|three|several) (?:years|months) ago\b|\blast (?:year|quarter|summer|spring)\b", 1.2),
        (r"\bback in\b|\bin (?:19|20)\d\d\b|\bat the time\b|\bat that point\b", 1),
        (r"\bthere (?:was|were)\b|\bwe (?:were|had) (?:a|an|been|no|just|only)\b", 1),
        (r"\b(?:struggling|facing|suffering|growing|losing|behind schedule|was failing|kept failing)\b", 0.8),
        (r"\b(?:context|situation|background)\b", 0.6),
    ],
    "task": [
        (r"\bi was (?:responsible|accountable|in charge|asked to|tasked|assigned|hired to|brought in)", 2),
        (r"\bmy (?:goal|job|task|role|responsibility|mandate|mission|objective|brief) (?:was|became)\b", 2),
        (r"\b(?:i|we) (?:needed|had|wanted) to\b|\bi had been asked\b", 1.5),
        (r"\bthe (?:challenge|goal|problem|objective|task|aim|ask|requirement) (?:was|became|here)\b", 1.8),
        (r"\bour (?:goal|target|objective|mission) was\b", 1.5),
        (r"\b(?:deadline|target|quota|by the end of)\b", 0.6),
        (r"\b(?:so that|in order to)\b", 0.4),
    ],
    "action": [
        (rf"\bi (?:then |first |also |personally |quickly |immediately |eventually |finally )?{_ACTION_VERB}\b", 2),
        (r"\bi decided\b|\bi proposed\b|\bi suggested\b|\bmy approach was\b|\bi chose to\b", 2),
        (r"\b(?:so|then|first|next|after that|afterwards),? i\b", 1.2),
        (r"\bi (?:would|will|'d|'ll) (?:first |then |start|begin|ask|talk|set|look|check|propose|meet)", 1.5),
        (rf"\bwe (?:then |first |also )?{_ACTION_VERB}\b", 1.1),
        (r"\b(?:step|steps) (?:i|we) took\b|\bby (?:building|writing|running|talking|introducing|setting)\b", 1),
    ],
    "result": [
        (r"\bas a result\b|\bthe (?:result|outcome|impact) (?:was|is)\b|\bresult(?:ed|ing)? in\b", 2.2),
        (r"\bwhich (?:led|meant|allowed|helped|cut|reduced|increased|saved|brought|got)\b", 1.8),
        (r"\b(?:in the end|ultimately|eventually|by the end|overall|since then|to this day|afterwards)\b", 1.2),
        (
            r"\b(?:reduced|increased|improved|cut|saved|grew|raised|dropped|decreased|doubled|tripled|halved|"
            r"boosted|lowered|shortened|recovered|won|closed|renewed|retained|exceeded|beat|hit|delivered|launched|"
            r"shipped)\b",
            0.8,
        ),
        (r"\b(?:on time|ahead of schedule|under budget|got promoted|was promoted|praised|adopted)\b", 1),
        (r"\bi (?:learned|learnt|realised|realized)\b|\bthe lesson\b|\bnext time\b", 1.2),
        (r"\b(?:went from|from \S+ to)\b", 0.8),
    ],
}
_COMPILED = {part: [(re.compile(p, re.IGNORECASE), w) for p, w in cues] for part, cues in _CUES.items()}
_I_ACTION = re.compile(rf"\bi (?:\w+ )?{_ACTION_VERB}\b|\bi decided\b|\b(?:so|then),? i\b", re.IGNORECASE)
_WE_ACTION = re.compile(rf"\bwe (?:\w+ )?{_ACTION_VERB}\b|\bwe decided\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    span: Span
    scores: dict[StarPart, float]

    @property
    def best(self) -> StarPart | None:
        part = max(PARTS, key=lambda p: self.scores[p])
        return part if self.scores[part] >= PRESENT_AT else None


def score_sentences(answer: str) -> list[ScoredSentence]:
    """Every sentence of the answer with its cue score per STAR part (positional bonus included)."""
    spans = sentences(answer)
    total = len(spans)
    scored = []
    for index, span in enumerate(spans):
        position = index / (total - 1) if total > 1 else 0.5
        scores: dict[StarPart, float] = {}
        for part, cues in _COMPILED.items():
            scores[part] = sum(weight for pattern, weight in cues if pattern.search(span.text))
        if scores["result"] > 0 and has_number(span.text):
            scores["result"] += 0.8
        # Context comes first and outcomes last in most stories: a nudge, never enough on its own.
        scores["situation"] += 0.3 * (1 - position) if scores["situation"] else 0
        scores["result"] += 0.3 * position if scores["result"] else 0
        scored.append(ScoredSentence(span, scores))
    return scored


def action_attribution(answer: str) -> str:
    """'i' when the answer tells what the speaker did, 'we' when only the team acts, '' when neither."""
    text = answer or ""
    if _I_ACTION.search(text):
        return "i"
    return "we" if _WE_ACTION.search(text) else ""


def analyze_star(answer: str) -> StarAnalysis:
    answer = answer or ""
    scored = score_sentences(answer) if len(words(answer)) >= MIN_WORDS else []
    parts = []
    for part in PARTS:
        best = max(scored, key=lambda s: s.scores[part], default=None)
        if best is None or best.scores[part] < PRESENT_AT:
            parts.append(StarEvidence(part=part, present=False))
            continue
        span = best.span
        parts.append(StarEvidence(part=part, present=True, evidence=span.text, start=span.start, end=span.end))
    missing = [p.part for p in parts if not p.present]
    present_action = not any(m == "action" for m in missing)
    return StarAnalysis(
        parts=parts,
        coverage=(4 - len(missing)) / 4,
        missing=missing,
        team_only_action=present_action and action_attribution(answer) == "we",
    )


def segments(answer: str) -> dict[StarPart | None, list[Span]]:
    """The answer's sentences grouped by the STAR part each most resembles (``None``: no clear part),
    in their original order. Used to rebuild an answer in STAR order without inventing anything."""
    grouped: dict[StarPart | None, list[Span]] = {p: [] for p in (*PARTS, None)}
    for item in score_sentences(answer):
        grouped[item.best].append(item.span)
    return grouped
