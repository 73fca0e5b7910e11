"""Per-answer feedback items (docs/scoring.md ``feedback``). Pure: the caller supplies how to ask.

The pipeline hands each answered turn to an ``Ask`` callable — in the worker that is
``copilot.ai.features.answer_feedback`` in background mode (``interviews.services.analysis``), in
``analyze_media`` and the tests the offline engine below. The delivery figures passed along are the ones
the copilot's rule-based feedback understands (``wpm``, ``fillers_per_min``, ``pause_count``,
``longest_pause_s``, ``eye_contact_pct``).
"""

from __future__ import annotations

from collections.abc import Callable

from copilot.ai import offline

Ask = Callable[[str, str, dict], dict]


def delivery(answer: dict) -> dict:
    """The answer's delivery metrics in the copilot's vocabulary (unknown ones left out)."""
    out: dict = {}
    if answer.get("wpm") is not None:
        out["wpm"] = answer["wpm"]
    start, end = answer.get("start_s"), answer.get("end_s")
    if start is not None and end is not None and end > start and answer.get("answer_mode") == "voice":
        out["fillers_per_min"] = round(answer.get("fillers", 0) / ((end - start) / 60), 2)
        out["pause_count"] = answer.get("pauses", 0)
        if answer.get("longest_pause_s") is not None:
            out["longest_pause_s"] = answer["longest_pause_s"]
    if answer.get("eye_contact_pct") is not None:
        out["eye_contact_pct"] = answer["eye_contact_pct"]
    return out


def item(answer: dict, *, score: int, strengths, gaps, rewrite: str, engine: str, engine_label: str, notice: str):
    return {
        "turn_index": answer["turn_index"],
        "question": answer["question"],
        "score": score,
        "strengths": list(strengths),
        "gaps": list(gaps),
        "rewrite": rewrite,
        "engine": engine,
        "engine_label": engine_label,
        "notice": notice,
    }


def offline_ask(question: str, answer: str, metrics: dict) -> dict:
    value = offline.answer_feedback(question=question, answer=answer, metrics=metrics)
    return {
        "score": value.score,
        "strengths": value.strengths,
        "gaps": value.gaps,
        "rewrite": value.rewrite,
        "engine": "offline",
        "engine_label": "Offline coach",
        "notice": "",
    }


def build(answers: list[dict], texts: dict[int, str], ask: Ask) -> list[dict]:
    """One item per answer with words, in turn order."""
    out = []
    for answer in answers:
        text = texts.get(answer["turn_index"], "")
        if not answer.get("words") or not text.strip():
            continue
        result = ask(answer["question"], text, delivery(answer))
        out.append(item(answer, **result))
    return out
