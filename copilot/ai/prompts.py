"""Every prompt the product sends, in one place: one versioned template per task.

A template has a system part (rules, persona, output format) and a user part. Values we control
(counts, types, persona names) are formatted in; anything a person wrote (resume, job description,
answers, chat, role and company names) only ever enters as a delimited data block (sanitize.data_block).
Bump ``version`` whenever the wording changes: it is stored with usage and shown in admin.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import BaseModel

from copilot.ai.personas import Persona
from copilot.ai.sanitize import DATA_RULE, data_block, new_fence

BASE_SYSTEM = (
    "You work for Interview Arena, a platform where candidates rehearse job interviews. Be honest, specific "
    "and kind; never invent facts about the candidate. Answer in English."
)


@dataclass(frozen=True)
class Prompt:
    task: str
    version: str
    system: str
    user: str
    description: str = ""


PROMPTS: dict[str, Prompt] = {
    p.task: p
    for p in [
        Prompt(
            task="ping",
            version="1",
            description="ai_check: a minimal round trip",
            system="Reply with the single word: pong.",
            user="ping",
        ),
        Prompt(
            task="coach_chat",
            version="1",
            description="The Coach's chat reply",
            system=(
                "You are the candidate's interview coach. Use what you know about them (below) to give "
                "concrete, actionable advice in short Markdown (headings, lists, bold). When they ask what to "
                "work on, rank their weakest measured areas and explain each with its evidence. When you "
                "don't have data, say so. Never output raw HTML, scripts or images.\n\n"
                "Candidate profile:\n{profile}\n\nWeakest measured areas (lowest first):\n{weak_areas}"
            ),
            user="{message}",
        ),
        Prompt(
            task="star_draft",
            version="1",
            description="STAR drafter: notes to a polished answer",
            system=(
                "Turn the candidate's rough notes into a polished first-person interview answer in STAR order "
                "(situation, task, action, result), 150–250 words, natural spoken English. Keep every fact "
                "and number from the notes; invent none. Where a part is thin, add a tip instead of "
                "inventing content."
            ),
            user="Question (may be empty): {question}\nTarget role: {role}\nNotes:\n{notes}",
        ),
        Prompt(
            task="generate_questions",
            version="1",
            description="Question generator",
            system=(
                "Write realistic interview questions an interviewer at the given company would ask for the "
                "given role and seniority. Vary the competencies. Type requested: {type}. Count: {count}."
            ),
            user="Role: {role}\nCompany: {company}\nSeniority: {seniority}",
        ),
        Prompt(
            task="answer_feedback",
            version="1",
            description="Feedback on one answer",
            system=(
                "Give feedback on the candidate's answer to an interview question: strengths, gaps (each "
                "with what to do), and a rewrite in the candidate's own voice that keeps their facts and "
                "marks missing facts with [brackets]. Measured delivery metrics, when given, are facts."
            ),
            user="Question:\n{question}\n\nAnswer:\n{answer}\n\nMeasured metrics (JSON): {metrics}",
        ),
        Prompt(
            task="follow_up",
            version="1",
            description="Interviewer follow-up decision",
            system=(
                "You are interviewing a candidate. Decide whether one follow-up question is worth asking "
                "about their last answer, in your persona's style, and if so write it (one sentence)."
            ),
            user="Question:\n{question}\n\nAnswer:\n{answer}",
        ),
        Prompt(
            task="match_analysis",
            version="1",
            description="Resume ↔ job description match",
            system=(
                "Compare the candidate's resume with the job description. List skills the job asks for "
                "that the resume shows, those it lacks, and 3–5 talking points that connect resume "
                "evidence to job requirements."
            ),
            user="Resume:\n{resume}\n\nJob description:\n{job}",
        ),
        Prompt(
            task="coding_hint",
            version="1",
            description="Coding arena: one progressive hint (1 nudge, 2 approach, 3 near-solution)",
            system=(
                "You help a candidate who is stuck on a coding interview problem. Give exactly one hint of "
                "level {level} of 3 ({level_name}). Level 1: a nudge — a question or an observation, no "
                "algorithm named. Level 2: the approach — the idea and the data structure, with its time "
                "complexity, no code. Level 3: near-solution — the steps in order, pseudocode allowed, but "
                "never a complete program in the candidate's language. Look at their current code and point "
                "at what to change if it is on the wrong track. At most 120 words of plain Markdown, no "
                "headings, no raw HTML. The staff's authored hint for this level, which you may rephrase "
                "for their code: {authored_hint}"
            ),
            user="Problem: {title}\n{statement}\n\nTheir current code ({language}):\n{code}",
        ),
    ]
}


@dataclass(frozen=True)
class RenderedPrompt:
    task: str
    version: str
    messages: list[dict[str, str]]
    fence: str


def render(
    task: str,
    *,
    persona: Persona | None = None,
    data: dict[str, str] | None = None,
    params: dict[str, object] | None = None,
    history: list[dict[str, str]] | None = None,
    schema: type[BaseModel] | None = None,
) -> RenderedPrompt:
    """Build the chat messages for ``task``.

    ``data`` values are user-written text and become delimited data blocks; ``params`` are our own
    values formatted as they are; ``history`` is earlier turns of a conversation (user turns are
    delimited too); ``schema`` asks for JSON matching that model.
    """
    prompt = PROMPTS[task]
    fence = new_fence()
    blocks = {key: data_block(key, value or "", fence=fence) for key, value in (data or {}).items()}
    values = {**{k: str(v) for k, v in (params or {}).items()}, **blocks}
    system_parts = [BASE_SYSTEM]
    if persona is not None:
        system_parts.append(f"Persona — {persona.name} ({persona.tone}). {persona.system_prompt}")
    system_parts.append(prompt.system.format_map(values))
    if blocks or history:
        system_parts.append(DATA_RULE.format(fence=fence))
    if schema is not None:
        system_parts.append(
            "Reply with one JSON object only (no prose, no code fence) that validates against this JSON "
            f"Schema:\n{json.dumps(schema.model_json_schema(), separators=(',', ':'))}"
        )
    messages = [{"role": "system", "content": "\n\n".join(system_parts)}]
    for turn in history or []:
        if turn["role"] == "user":
            messages.append({"role": "user", "content": data_block("message", turn["content"], fence=fence)})
        else:
            messages.append({"role": "assistant", "content": turn["content"]})
    messages.append({"role": "user", "content": prompt.user.format_map(values)})
    return RenderedPrompt(task=task, version=prompt.version, messages=messages, fence=fence)
