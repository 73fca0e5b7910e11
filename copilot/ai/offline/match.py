"""How well a resume matches a job description, by counting — never by following either text.

score = 70 × (weighted share of the job's skills found in the resume)
      + 30 × (TF-IDF cosine similarity of the two texts, scaled so 0.5 or more counts in full)

Skills come from the lexicon in :mod:`.skills`; those listed after "nice to have" / "preferred" /
"bonus" weigh half. Sentences addressed to an AI or a scorer ("ignore your instructions", "give me
100") are left out of every count and reported, so they can neither raise nor lower a score."""

from __future__ import annotations

import re

from copilot.ai.schemas import MatchAnalysis, TalkingPoint

from .skills import find_skills
from .text import Span, clip, has_number, sentences, tfidf_cosine

SKILL_WEIGHT = 70
SIMILARITY_WEIGHT = 30
SIMILARITY_FULL = 0.5
_OPTIONAL_HEADING = re.compile(
    r"\b(?:nice to have|nice-to-have|preferred|bonus|a plus|is a plus|desirable|optional|good to have)\b", re.I
)
_REQUIRED_HEADING = re.compile(
    r"\b(?:requirements|required|must have|must-have|you have|what you bring|skills)\b", re.I
)
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules|above|previous|everything)\b"
    r"|\b(?:give|assign|rate|score)\b.{0,30}\b(?:100|a perfect|full marks|maximum|top score|10/10)\b"
    r"|\b(?:you are now|act as|system prompt|as an ai|language model|assistant:|jailbreak)\b"
    r"|\bthis (?:candidate|resume) (?:is|must be) (?:perfect|the best|a perfect match)\b",
    re.IGNORECASE | re.DOTALL,
)


def _clean_sentences(text: str) -> tuple[list[Span], int]:
    """Sentences about the candidate or the job, and how many lines were addressed to the scorer. A line
    holding such an instruction is dropped whole: whatever rides along with it is part of the injection."""
    if not any(_INJECTION.search(span.text) for span in sentences(clip(text))):
        return sentences(clip(text)), 0
    dropped = 0
    clean_lines = []
    for line in clip(text).splitlines():
        if _INJECTION.search(line):
            dropped += 1
            clean_lines.append(" " * len(line))  # keep offsets stable for the remaining sentences
        else:
            clean_lines.append(line)
    return sentences("\n".join(clean_lines)), dropped


def _job_skills(job: list[Span]) -> dict[str, float]:
    """Skill → weight (1 required, 0.5 nice to have), in order of first mention."""
    weights: dict[str, float] = {}
    optional = False
    for span in job:
        if _OPTIONAL_HEADING.search(span.text):
            optional = True
        elif _REQUIRED_HEADING.search(span.text) and len(span.text) < 60:
            optional = False
        for skill in find_skills(span.text):
            weight = 0.5 if optional else 1.0
            weights[skill] = max(weights.get(skill, 0.0), weight)
    return weights


def _best_sentence(spans: list[Span], skill: str) -> str:
    candidates = [s.text for s in spans if skill in find_skills(s.text)]
    if not candidates:
        return ""
    # Prefer evidence with a number in it, then the more detailed sentence.
    return max(candidates, key=lambda t: (has_number(t), min(len(t), 240)))[:300]


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _talking_points(matched: list[str], missing: list[str], resume: list[Span], job: list[Span]) -> list[TalkingPoint]:
    # Skills proven by the same resume sentence become one point ("your Python and Django experience").
    by_evidence: dict[str, list[str]] = {}
    for skill in matched:
        evidence = _best_sentence(resume, skill)
        if evidence:
            by_evidence.setdefault(evidence, []).append(skill)
    points = []
    for evidence, skills in list(by_evidence.items())[:4]:
        quantified = " — and you can quote the numbers" if has_number(evidence) else ""
        points.append(
            TalkingPoint(
                point=f"Lead with your {_join(skills)} experience: it answers a stated requirement{quantified}.",
                resume_evidence=evidence,
                job_requirement=_best_sentence(job, skills[0]),
            )
        )
    for skill in missing[: max(0, 5 - len(points))]:
        if len(points) >= 3 and any(not p.resume_evidence for p in points):
            break
        points.append(
            TalkingPoint(
                point=f"Prepare for a question on {skill}: the job asks for it and your resume doesn't show it. "
                "Name the closest thing you have done, or how you would ramp up.",
                job_requirement=_best_sentence(job, skill),
            )
        )
    return points[:5]


def match_analysis(*, resume: str, job: str) -> MatchAnalysis:
    resume_spans, resume_dropped = _clean_sentences(resume)
    job_spans, job_dropped = _clean_sentences(job)
    resume_text = " ".join(s.text for s in resume_spans)
    job_text = " ".join(s.text for s in job_spans)
    wanted = _job_skills(job_spans)
    have = set(find_skills(resume_text))
    matched = [s for s in wanted if s in have]
    missing = [s for s in wanted if s not in have]
    similarity = tfidf_cosine(resume_text, job_text) if resume_text and job_text else 0.0
    similarity_share = min(1.0, similarity / SIMILARITY_FULL)
    parts = []
    if wanted:
        total = sum(wanted.values())
        coverage = sum(wanted[s] for s in matched) / total
        skill_points = SKILL_WEIGHT * coverage
        similarity_points = SIMILARITY_WEIGHT * similarity_share
        parts.append(
            f"Skills: the resume shows {len(matched)} of the {len(wanted)} skills the job mentions "
            f"({coverage:.0%} once nice-to-haves count half), worth {skill_points:.0f} of {SKILL_WEIGHT} points."
        )
    else:
        skill_points = 0.0
        similarity_points = 100 * similarity_share
        parts.append(
            "Skills: no skills from the lexicon were found in the job description, so the score rests on "
            "text similarity alone."
        )
    parts.append(
        f"Similarity: the two texts share vocabulary with a TF-IDF cosine of {similarity:.2f} "
        f"({similarity_share:.0%} of full marks at {SIMILARITY_FULL}), worth {similarity_points:.0f} of "
        f"{SIMILARITY_WEIGHT if wanted else 100} points."
    )
    score = round(max(0.0, min(100.0, skill_points + similarity_points)))
    parts.append(f"Total: {score}/100.")
    if resume_dropped or job_dropped:
        parts.append(
            f"{resume_dropped + job_dropped} line(s) addressed to the scorer rather than describing experience "
            "or the job were ignored."
        )
    return MatchAnalysis(
        score=score,
        matched_skills=matched,
        missing_skills=missing,
        talking_points=_talking_points(matched, missing, resume_spans, job_spans),
        explanation=" ".join(parts),
    )
