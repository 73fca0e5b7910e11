"""Rule-based feedback on an interview answer, from things that can be measured in it.

Content factors (points out of 100):

============  ======  ============================================================================
structure     35      STAR coverage × 35; −5 when the actions are told only with "we"
length        15      full marks for 60–350 words; fewer scale down, more lose a point per 25 words
evidence      15      15 when the result carries a number, 10 when a number appears elsewhere
relevance     15      keyword overlap or TF-IDF cosine with the question; full marks at 0.4
ownership     10      share of "I" among "I" + "we" (full marks at 60 %); 5 when neither is used
clarity       10      −2 per hedge or filler per 100 words (hedges count 1.5)
============  ======  ============================================================================

Delivery metrics, when given (any subset; unknown keys ignored), make up 20 % of the final score:
``wpm`` 110–170 words per minute; ``fillers_per_min`` at most 3; ``pause_count`` (pauses over 2 s) at
most 6; ``longest_pause_s`` at most 5; ``eye_contact_pct`` at least 60 (a 0–1 fraction is accepted)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from copilot.ai.schemas import AnswerFeedback, StarAnalysis

from . import phrasing
from .star import PARTS, analyze_star, segments
from .text import Span, clip, has_number, keyword_overlap, sentence_case, tfidf_cosine, words

SHORT_WORDS = 60
LONG_WORDS = 350
HEDGES = re.compile(
    r"\b(?:maybe|perhaps|i think|i guess|i suppose|sort of|kind of|probably|possibly|i believe|somewhat|"
    r"more or less|not sure|hopefully)\b",
    re.IGNORECASE,
)
FILLERS = re.compile(r"\b(?:um+|uh+|erm|you know|basically|actually|literally|like,|i mean)\b", re.IGNORECASE)
_SPOKEN_NOISE = re.compile(r"\b(?:um+|uh+|erm)\b,?\s*|,?\s*\byou know\b,?|\bbasically,?\s*", re.IGNORECASE)

PROMPTS = {
    "situation": "[Add the context: where were you, when, and what was at stake?]",
    "task": "[Add your responsibility: what were you specifically asked or aiming to do?]",
    "action": "[Add what you personally did: two or three concrete steps, told with 'I'.]",
    "result": "[Add the measurable outcome: what changed, by how much?]",
}
PART_ADVICE = {
    "situation": "set the scene in one or two sentences — where you were, when, and what was at stake",
    "task": "say what you were responsible for or aiming to achieve",
    "action": "walk through the two or three concrete steps you personally took",
    "result": "finish with the outcome — what changed, by how much, and what you learned",
}


@dataclass
class _Tally:
    points: float = 0.0
    strengths: list[tuple[float, str]] = field(default_factory=list)
    gaps: list[tuple[float, str]] = field(default_factory=list)

    def add(self, earned: float, out_of: float, *, strength: str = "", gap: str = "") -> None:
        self.points += earned
        if strength and earned >= 0.75 * out_of:
            self.strengths.append((earned, strength))
        elif gap and earned < 0.75 * out_of:
            self.gaps.append((out_of - earned, gap))


def _structure(tally: _Tally, star: StarAnalysis) -> None:
    tally.points += max(0.0, 35 * star.coverage - (5 if star.team_only_action else 0))
    if not star.missing:
        tally.strengths.append((35, "Clear STAR structure: situation, task, action and result are all there."))
    else:
        names = star.missing
        missing = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        advice = PART_ADVICE["result" if "result" in names else names[0]]
        tally.gaps.append((35 * (1 - star.coverage), f"The answer has no clear {missing}: {advice}."))
    if star.team_only_action:
        tally.gaps.append((5, "Every action is told with 'we' — say what you personally did, with 'I'."))


def _length(tally: _Tally, count: int) -> None:
    if count < SHORT_WORDS:
        earned = 15 * count / SHORT_WORDS
        gap = f"At {count} words it's too short to be convincing — aim for 150–300 words with a concrete example."
    elif count > LONG_WORDS:
        earned = max(5.0, 15 - (count - LONG_WORDS) / 25)
        gap = f"At {count} words it rambles — cut background and keep to about two minutes (under 350 words)."
    else:
        earned, gap = 15.0, ""
    tally.add(earned, 15, strength=f"Good length ({count} words): detailed without rambling.", gap=gap)


def _evidence(tally: _Tally, answer: str, star: StarAnalysis) -> None:
    result = next(p for p in star.parts if p.part == "result")
    if result.present and has_number(result.evidence):
        earned = 15.0
    elif has_number(answer):
        earned = 10.0
    else:
        earned = 0.0
    tally.add(
        earned,
        15,
        strength="The result is quantified, which makes the impact credible.",
        gap="No numbers back up the impact — add a metric (%, time saved, revenue, users) to the result.",
    )


def _relevance(tally: _Tally, question: str, answer: str) -> None:
    if not question.strip():
        tally.points += 15
        return
    score = max(keyword_overlap(question, answer), min(1.0, 2.5 * tfidf_cosine(question, answer)))
    tally.add(
        15 * min(1.0, score / 0.4),
        15,
        strength="The answer stays on the question that was asked.",
        gap="The answer drifts from the question — reuse its key words and answer it in your first sentence.",
    )


def _ownership(tally: _Tally, answer: str, count: int) -> None:
    lowered = HEDGES.sub(" ", answer.lower())  # "I think" is a hedge, not ownership
    i_count = len(re.findall(r"\b(?:i|i'm|i've|i'd|my|me)\b", lowered))
    we_count = len(re.findall(r"\b(?:we|we're|we've|our|us)\b", lowered))
    if i_count + we_count == 0:
        tally.points += 5
        return
    share = i_count / (i_count + we_count)
    tally.add(
        10 * min(1.0, share / 0.6),
        10,
        strength="You make your own contribution clear ('I' rather than only 'we')." if count >= 30 else "",
        gap=f"'We' outnumbers 'I' ({we_count} to {i_count}) — make your personal contribution explicit.",
    )


def _clarity(tally: _Tally, answer: str, count: int) -> None:
    hedges = HEDGES.findall(answer)
    fillers = FILLERS.findall(answer)
    rate = (1.5 * len(hedges) + len(fillers)) * 100 / max(count, 1)
    examples = ", ".join(sorted({h.lower() for h in (*hedges, *fillers)})[:3])
    tally.add(
        max(0.0, 10 - 2 * rate),
        10,
        strength="Confident, direct wording with few hedges or fillers." if count >= 30 else "",
        gap=f"Hedging and filler words ({examples}) weaken the answer — state what you did plainly.",
    )


def _metric(metrics: dict, name: str) -> float | None:
    value = metrics.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def delivery_score(metrics: dict | None) -> tuple[float | None, list[str], list[str]]:
    """(0–100 or None when nothing usable was given, strengths, gaps) from delivery metrics."""
    if not metrics:
        return None, [], []
    checks: list[tuple[bool, str, str]] = []
    wpm = _metric(metrics, "wpm")
    if wpm is not None:
        ok = 110 <= wpm <= 170
        pace = "too fast — slow down and pause after key points" if wpm > 170 else "slow — tighten sentences"
        checks.append((ok, f"Comfortable pace ({wpm:.0f} words per minute).", f"Pace of {wpm:.0f} WPM is {pace}."))
    fillers = _metric(metrics, "fillers_per_min")
    if fillers is not None:
        checks.append(
            (
                fillers <= 3,
                "Few filler words when speaking.",
                f"{fillers:.1f} fillers per minute — replace 'um' with a short silent pause.",
            )
        )
    pauses = _metric(metrics, "pause_count")
    if pauses is not None:
        checks.append((pauses <= 6, "Smooth delivery.", f"{pauses:.0f} long pauses — rehearse the story's order."))
    longest = _metric(metrics, "longest_pause_s")
    if longest is not None:
        checks.append(
            (longest <= 5, "", f"A {longest:.0f}-second silence — keep a one-line outline in mind to restart.")
        )
    eye = _metric(metrics, "eye_contact_pct")
    if eye is not None:
        eye = eye * 100 if eye <= 1 else eye
        checks.append((eye >= 60, "Good eye contact.", f"Eye contact {eye:.0f}% — look at the camera more often."))
    if not checks:
        return None, [], []
    score = 100 * sum(ok for ok, _, _ in checks) / len(checks)
    return score, [s for ok, s, _ in checks if ok and s], [g for ok, _, g in checks if not ok]


def _clean(sentence: str) -> str:
    return sentence_case(_SPOKEN_NOISE.sub(" ", sentence))


def star_rewrite(answer: str, star: StarAnalysis | None = None) -> str:
    """The candidate's own sentences reordered into STAR, fillers dropped, with a bracketed prompt for
    each missing part. Nothing is invented: every sentence comes from the answer or is a [prompt]."""
    answer = clip(answer)
    star = star or analyze_star(answer)
    groups = segments(answer) if star.coverage else {p: [] for p in (*PARTS, None)}
    total = max(len(answer), 1)
    blocks: dict[str, list[Span]] = {p: list(groups[p]) for p in PARTS}
    for span in groups[None]:  # unclassified sentences: context if early, otherwise part of the actions
        blocks["situation" if span.start / total < 0.3 else "action"].append(span)
    paragraphs = []
    for group in (("situation", "task"), ("action",), ("result",)):
        lines = []
        for part in group:
            spans = sorted(blocks[part], key=lambda s: s.start)
            if part in star.missing or not spans:
                lines.append(PROMPTS[part])
                continue
            lines.extend(_clean(s.text) for s in spans)
            if part == "action" and star.team_only_action:
                lines.append("[Say which of these steps you did yourself.]")
            if part == "result" and not any(has_number(s.text) for s in spans):
                lines.append("[Quantify this: by how much, and over what time?]")
        paragraphs.append(" ".join(lines))
    return "\n\n".join(paragraphs)


def answer_feedback(
    *, question: str, answer: str, metrics: dict | None = None, persona_key: str | None = None
) -> AnswerFeedback:
    answer = clip(answer or "")
    star = analyze_star(answer)
    count = len(words(answer))
    tally = _Tally()
    _structure(tally, star)
    _length(tally, count)
    _evidence(tally, answer, star)
    _relevance(tally, question or "", answer)
    _ownership(tally, answer, count)
    _clarity(tally, answer, count)
    content = tally.points
    delivery, delivery_strengths, delivery_gaps = delivery_score(metrics)
    score = content if delivery is None else 0.8 * content + 0.2 * delivery
    if count < 8:  # a sentence or two cannot carry an interview answer, however tidy it is
        score = min(score, 2 * count)
    strengths = [s for _, s in sorted(tally.strengths, reverse=True)] + delivery_strengths
    gaps = [g for _, g in sorted(tally.gaps, reverse=True)] + delivery_gaps
    if gaps:
        gaps[0] = phrasing.frame_gap(persona_key, gaps[0], question, answer)
    return AnswerFeedback(
        score=round(max(0, min(100, score))),
        strengths=strengths[:6],
        gaps=gaps[:6],
        rewrite=star_rewrite(answer, star),
        star=star,
    )
