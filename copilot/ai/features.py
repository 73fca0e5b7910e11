"""The product's AI features, each one gateway call with its offline twin.

Apps call these, not the gateway directly, so every feature has the same contract: a typed result, the
engine that produced it, and a notice when the offline engine stood in. **Scores are computed in code from
measured features (the offline engine's analysers), never taken from a model's text**: a resume or an
answer that says "give me 100" cannot move a score, whichever engine answers. The model contributes words
(strengths, gaps, rewrites, talking points), not numbers.
"""

from __future__ import annotations

from collections.abc import Iterator

from copilot.ai import gateway, offline
from copilot.ai.gateway import AIResult, Mode, StreamEvent
from copilot.ai.schemas import AnswerFeedback, FollowUp, MatchAnalysis, QuestionList, StarDraft


def answer_feedback(
    *,
    user,
    question: str,
    answer: str,
    metrics: dict | None = None,
    persona_key: str | None = None,
    mode: Mode = "interactive",
    allow_fallback: bool = True,
) -> AIResult[AnswerFeedback]:
    measured = offline.answer_feedback(question=question, answer=answer, metrics=metrics, persona_key=persona_key)
    result = gateway.structured(
        user=user,
        task="answer_feedback",
        schema=AnswerFeedback,
        offline=lambda: measured,
        persona_key=persona_key,
        data={"question": question, "answer": answer},
        params={"metrics": _metrics_json(metrics)},
        mode=mode,
        allow_fallback=allow_fallback,
    )
    if result.engine == "model":
        # The score and the STAR analysis are measured; the model's prose is kept.
        value = result.value.model_copy(update={"score": measured.score, "star": measured.star})
        result = _replace(result, value)
    return result


def match_analysis(*, user, resume: str, job: str, mode: Mode = "interactive") -> AIResult[MatchAnalysis]:
    measured = offline.match_analysis(resume=resume, job=job)
    result = gateway.structured(
        user=user,
        task="match_analysis",
        schema=MatchAnalysis,
        offline=lambda: measured,
        data={"resume": resume, "job": job},
        mode=mode,
    )
    if result.engine == "model":
        value = result.value.model_copy(
            update={
                "score": measured.score,
                "explanation": measured.explanation,
                # Skill lists come from the lexicon too: they explain the score, so they must match it.
                "matched_skills": measured.matched_skills,
                "missing_skills": measured.missing_skills,
                "talking_points": result.value.talking_points or measured.talking_points,
            }
        )
        result = _replace(result, value)
    return result


def follow_up(
    *, user, question: str, answer: str, persona_key: str | None, mode: Mode = "interactive"
) -> AIResult[FollowUp]:
    return gateway.structured(
        user=user,
        task="follow_up",
        schema=FollowUp,
        offline=lambda: offline.choose_follow_up(question=question, answer=answer, persona_key=persona_key),
        persona_key=persona_key,
        data={"question": question, "answer": answer},
        mode=mode,
    )


def draft_star(
    *, user, situation: str, task: str, action: str, result: str, question: str = "", role: str = ""
) -> AIResult[StarDraft]:
    notes = f"Situation: {situation}\nTask: {task}\nAction: {action}\nResult: {result}"
    return gateway.structured(
        user=user,
        task="star_draft",
        schema=StarDraft,
        offline=lambda: offline.draft_star(
            situation=situation, task=task, action=action, result=result, question=question, role=role
        ),
        data={"question": question, "role": role, "notes": notes},
    )


def generate_questions(
    *,
    user,
    bank: list[dict],
    role: str,
    company: str = "",
    seniority: str = "",
    type: str = "mixed",
    count: int = 5,
    seed: str = "",
) -> AIResult[QuestionList]:
    count = max(1, min(count, 20))
    result = gateway.structured(
        user=user,
        task="generate_questions",
        schema=QuestionList,
        offline=lambda: offline.select_questions(
            bank, role=role, company=company, seniority=seniority, type=type, count=count, seed=seed
        ),
        data={"role": role, "company": company, "seniority": seniority},
        params={"type": type, "count": count},
    )
    if result.engine == "model" and len(result.value.questions) > count:
        result = _replace(result, QuestionList(questions=result.value.questions[:count]))
    return result


def coach_stream(
    *,
    user,
    message: str,
    history: list[dict[str, str]],
    profile: dict[str, str],
    weak_areas: list[dict],
    persona_key: str | None = None,
) -> Iterator[StreamEvent]:
    """The Coach's reply, streamed. ``history`` is earlier turns ({"role", "content"}), oldest first."""
    return gateway.stream_chat(
        user=user,
        task="coach_chat",
        offline=lambda: offline.coach_reply(
            message=message, history=history, profile=profile, weak_areas=weak_areas, persona_key=persona_key
        ),
        persona_key=persona_key,
        data={"profile": _profile_text(profile), "weak_areas": _weak_areas_text(weak_areas), "message": message},
        history=history[-12:],
    )


# ------------------------------------------------------------------------------------------------
def _replace(result: AIResult, value) -> AIResult:
    return AIResult(
        value=value,
        engine=result.engine,
        model=result.model,
        task=result.task,
        prompt_version=result.prompt_version,
        latency_ms=result.latency_ms,
        notice=result.notice,
    )


def _metrics_json(metrics: dict | None) -> str:
    import json  # noqa: PLC0415

    return json.dumps({k: v for k, v in (metrics or {}).items() if isinstance(v, int | float | str)})[:2000]


def _profile_text(profile: dict[str, str]) -> str:
    return "\n".join(f"- {key.replace('_', ' ')}: {value}" for key, value in profile.items()) or "- (no profile)"


def _weak_areas_text(weak_areas: list[dict]) -> str:
    if not weak_areas:
        return "- no measured data yet (no analysed interview or coding submission)"
    return "\n".join(
        f"- {area.get('area')}: {area.get('score')}/100 — {area.get('evidence', '')}" for area in weak_areas[:6]
    )


HINT_LEVEL_NAMES = {1: "a nudge", 2: "the approach", 3: "a near-solution"}


def coding_hint(
    *,
    user,
    title: str,
    statement: str,
    authored_hints: list[str],
    level: int,
    code: str,
    language: str,
) -> AIResult[str]:
    """Hint ``level`` (1–3) for a coding problem, shaped by the candidate's current code (sent only as
    delimited data). Offline, and whenever the model fails, the authored hint of that level answers."""
    authored = authored_hints[level - 1] if 0 < level <= len(authored_hints) else ""
    offline_text = authored or "Re-read the examples and work one of them by hand, step by step."
    return gateway.chat(
        user=user,
        task="coding_hint",
        offline=lambda: offline_text,
        data={"title": title, "statement": statement[:6000], "code": code[:12000], "language": language},
        params={"level": level, "level_name": HINT_LEVEL_NAMES.get(level, "a hint"), "authored_hint": authored},
    )
