"""STAR templates to start an answer from: plain data, no Django import.

Each template names a common behavioural question, suggests a title, category and tags, and gives
guidance for every STAR part — what the interviewer listens for, not text to copy.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StarTemplate:
    key: str
    name: str
    summary: str
    question: str
    title: str
    category: str
    tags: tuple[str, ...]
    situation: str
    task: str
    action: str
    result: str

    def guidance(self) -> dict[str, str]:
        return {"situation": self.situation, "task": self.task, "action": self.action, "result": self.result}


TEMPLATES: tuple[StarTemplate, ...] = (
    StarTemplate(
        key="conflict",
        name="Conflict with a colleague",
        summary="A disagreement you resolved without damaging the relationship.",
        question="Tell me about a time you disagreed with a colleague. How did you handle it?",
        title="Resolving a disagreement with a colleague",
        category="behavioral",
        tags=("conflict", "collaboration"),
        situation="Who disagreed about what, and why it mattered. One or two sentences; no villain.",
        task="What you were responsible for — a decision, a deliverable, or keeping the team moving.",
        action="How you listened, what data you brought, the conversation you started. Say 'I', not 'we'.",
        result="What was decided, what it achieved (a number if you can) and how the relationship ended up.",
    ),
    StarTemplate(
        key="failure",
        name="A failure",
        summary="Something that did not work, owned honestly, and what changed afterwards.",
        question="Tell me about a time you failed.",
        title="A project that failed and what I changed",
        category="behavioral",
        tags=("failure", "growth"),
        situation="The goal and the context. Pick a real failure with stakes, not a disguised strength.",
        task="What you owned and what success would have looked like.",
        action="What you did, what went wrong and your part in it. Then how you responded once you knew.",
        result="The cost, stated plainly — then the lesson and the evidence you applied it since.",
    ),
    StarTemplate(
        key="leadership",
        name="Leading without authority",
        summary="Getting people to follow a direction you set.",
        question="Describe a time you led a team or an initiative.",
        title="Leading an initiative across teams",
        category="leadership",
        tags=("leadership", "influence"),
        situation="The team, its size and the problem nobody was solving.",
        task="The outcome you took on and why it fell to you.",
        action="How you set direction, split the work, unblocked people and kept them informed.",
        result="What the team delivered, measured, and what people said or did differently afterwards.",
    ),
    StarTemplate(
        key="deadline",
        name="A tight deadline",
        summary="Delivering under time pressure by choosing what mattered.",
        question="Tell me about a time you had to deliver under a tight deadline.",
        title="Shipping on time under pressure",
        category="situational",
        tags=("deadline", "prioritization"),
        situation="The deadline, why it was fixed and what made it tight.",
        task="What had to be delivered and by whom.",
        action="How you cut scope, sequenced the work, asked for help and communicated risk early.",
        result="Delivered when, with what quality, and what you would plan differently.",
    ),
    StarTemplate(
        key="ambiguity",
        name="Ambiguity",
        summary="Making progress when the goal or the data was unclear.",
        question="Tell me about a time you had to work with unclear requirements.",
        title="Making progress with unclear requirements",
        category="situational",
        tags=("ambiguity", "problem-solving"),
        situation="What was unclear — the goal, the users, the data — and why waiting was not an option.",
        task="The decision or deliverable you needed to reach.",
        action="The questions you asked, the assumptions you wrote down, the small experiment you ran first.",
        result="What became clear, what you shipped and how the assumptions held up.",
    ),
    StarTemplate(
        key="persuasion",
        name="Persuading others",
        summary="Changing a decision with evidence and empathy.",
        question="Tell me about a time you convinced someone to change their mind.",
        title="Persuading stakeholders to change course",
        category="behavioral",
        tags=("persuasion", "communication"),
        situation="Who needed convincing, what they believed and why it made sense to them.",
        task="The change you wanted and what was at stake if nothing changed.",
        action="How you understood their concerns, the evidence you gathered and how you framed it.",
        result="The decision that followed and its measurable effect.",
    ),
    StarTemplate(
        key="customer",
        name="A difficult customer",
        summary="Turning an unhappy customer or user into a satisfied one.",
        question="Tell me about a time you dealt with a difficult customer.",
        title="Winning back an unhappy customer",
        category="behavioral",
        tags=("customer", "communication"),
        situation="The customer, what went wrong for them and how they showed it.",
        task="What you had to fix or decide, and the limits you worked within.",
        action="How you listened, what you promised, what you changed and how you followed up.",
        result="The customer's outcome (renewal, rating, message) and what changed for other customers.",
    ),
    StarTemplate(
        key="mistake",
        name="A mistake you made",
        summary="Owning an error, fixing it and preventing the next one.",
        question="Tell me about a mistake you made at work.",
        title="A mistake I made and how I fixed it",
        category="behavioral",
        tags=("mistake", "ownership"),
        situation="What happened and how it was noticed. Choose a real mistake with a real impact.",
        task="Your responsibility once it was found.",
        action="How you told people, limited the damage, fixed the cause and added a safeguard.",
        result="The impact contained, the safeguard in place and evidence it has not happened again.",
    ),
    StarTemplate(
        key="initiative",
        name="Taking initiative",
        summary="Improving something nobody asked you to.",
        question="Tell me about a time you went beyond what was asked of you.",
        title="An improvement nobody asked for",
        category="behavioral",
        tags=("initiative", "ownership"),
        situation="The problem you noticed and why it had been ignored.",
        task="What you decided to take on, on top of your normal work.",
        action="How you made the case, found the time and built it.",
        result="The measurable improvement and who benefits from it now.",
    ),
    StarTemplate(
        key="technical-decision",
        name="A hard technical decision",
        summary="Choosing between real options and living with the trade-offs.",
        question="Tell me about a difficult technical decision you made.",
        title="A technical trade-off I had to make",
        category="technical",
        tags=("technical", "decision-making"),
        situation="The system, the constraint and the options on the table.",
        task="The decision that was yours to make or recommend.",
        action="How you compared the options — data, prototypes, people consulted — and why you chose one.",
        result="How it performed, what it cost, and what you would revisit.",
    ),
)

_BY_KEY = {template.key: template for template in TEMPLATES}


def get_template(key: str | None) -> StarTemplate | None:
    return _BY_KEY.get(key or "")
