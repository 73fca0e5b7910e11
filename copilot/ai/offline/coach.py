"""The offline Coach: a rule-based chat that answers in Markdown.

The user's message is data: it is matched against intent patterns and never obeyed ("ignore your
instructions…" is just an unrecognised request). Text echoed back from the user or their profile is
Markdown-escaped. Phrasing varies with the message and the conversation length, deterministically."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from copilot.data.bank import read_bank

from . import phrasing
from .drafter import draft_star, estimate_speaking_seconds
from .feedback import answer_feedback
from .questions import select_questions
from .text import pick, words

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#<>])")

COMPETENCY_TIPS: dict[str, tuple[str, list[str]]] = {
    "conflict": (
        r"conflict|disagree|argument|difficult (?:coworker|colleague|person)",
        [
            "Describe the disagreement neutrally — no villains.",
            "Show how you sought to understand the other side before arguing your own.",
            "Say what you agreed and how the relationship held up afterwards.",
        ],
    ),
    "failure": (
        r"fail|mistake|went wrong|regret|error",
        [
            "Pick a real failure with stakes, not a humble-brag.",
            "Own your part plainly, in one sentence.",
            "Spend most of the time on what you learned and the habit you changed since.",
        ],
    ),
    "leadership": (
        r"\blead|leadership|managed a team|mentor|motivat",
        [
            "Make the people side visible: how you aligned, delegated and supported.",
            "Show a decision you made and why.",
            "Quantify the team's result and what it meant for the business.",
        ],
    ),
    "deadline": (
        r"deadline|pressure|time crunch|urgent|tight",
        [
            "State the deadline and what slipping would have cost.",
            "Explain how you prioritised and what you deliberately cut.",
            "Say who you told, and when — communication is half of this answer.",
        ],
    ),
    "ambiguity": (
        r"ambigu|unclear|little direction|uncertain",
        [
            "Show how you clarified the goal and which assumptions you made explicit.",
            "Describe the small step you took to learn fast.",
            "Say when you checked back with stakeholders.",
        ],
    ),
    "persuasion": (
        r"persuad|convinc|influence|change (?:their|someone's) mind|buy-in",
        [
            "Start from what the other person cared about.",
            "Name the evidence you used (data, a prototype, a pilot).",
            "Be honest about what you conceded along the way.",
        ],
    ),
    "customer": (
        r"customer|client|user",
        [
            "Describe the customer's problem in their words.",
            "Show what you did beyond the expected, and why it mattered.",
            "Close with a measurable customer outcome (retention, rating, revenue).",
        ],
    ),
    "technical": (
        r"design|architect|system|technical|scal|debug|performance",
        [
            "State requirements and constraints before the solution.",
            "Name at least one alternative you rejected and the trade-off.",
            "Give numbers: load, latency, cost, or time saved.",
        ],
    ),
}
GENERIC_TIPS = [
    "Open with one sentence of context, then say what you were responsible for.",
    "Spend about half the answer on the concrete steps you took — with 'I', not only 'we'.",
    "Finish with a measurable result and one thing you learned.",
]


def _md(text: str, limit: int = 200) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()[:limit]
    return _MD_SPECIAL.sub(r"\\\1", text)


def _role(profile: dict) -> str:
    return _md(str(profile.get("target_role") or "").strip(), 80)


def _level(profile: dict) -> str:
    return _md(str(profile.get("experience_level") or profile.get("level") or "").strip(), 30)


def _greeting(message: str, profile: dict, weak_areas: list[dict], persona: str | None, seed: tuple) -> str:
    name = _md(str(profile.get("display_name") or profile.get("name") or "").split(" ")[0], 40)
    hello = pick(("Hi", "Hello", "Hey"), *seed) + (f" {name}" if name else "") + "!"
    role = _role(profile)
    focus = f" for **{role}** interviews" if role else ""
    return f"{hello} I'm your interview coach{focus}. {_menu(seed)}"


def _menu(seed: tuple) -> str:
    lead = pick(("Here's what I can help with:", "A few things we can do together:", "Try one of these:"), *seed)
    return (
        f"{lead}\n\n"
        "- **What should I work on?** — your weakest areas from past interviews\n"
        "- **How do I answer** a question — paste it and I'll outline a STAR answer\n"
        "- **Draft an answer** — send notes as `Situation: … Task: … Action: … Result: …`\n"
        "- **Review my answer** — paste an answer for a score and a rewrite\n"
        "- **Practice questions** for your target role\n"
        "- Salary negotiation, nerves, *tell me about yourself*, the weakness question, questions to ask, "
        "follow-up emails, or the STAR method explained"
    )


def _weak_areas(message: str, profile: dict, weak_areas: list[dict], persona: str | None, seed: tuple) -> str:
    ranked = sorted((w for w in weak_areas if w.get("area")), key=lambda w: w.get("score", 100))
    if not ranked:
        return (
            "I don't have any measured results for you yet, so I can't rank your weak areas honestly. "
            "**Do one practice interview first** — afterwards I'll point at the two or three things that cost "
            "you the most points.\n\nMeanwhile, the most common gap is a missing **measurable result**: end every "
            "story with what changed and by how much."
        )
    lines = [pick(("Based on your recent results, here's where to focus:", "Your data points at these areas:"), *seed)]
    for index, area in enumerate(ranked[:3], start=1):
        evidence = f" — {_md(str(area['evidence']), 160)}" if area.get("evidence") else ""
        lines.append(f"{index}. **{_md(str(area['area']), 40)}** (score {area.get('score', '?')}){evidence}")
    lines.append(
        "\n"
        + phrasing.voice(
            persona,
            friendly="Pick the first one and practise a single question on it today — small steps add up!",
            professional="I recommend one focused practice session on the first area before your next interview.",
            challenging="Start with the first. Don't move on until that score climbs.",
        )
    )
    return "\n".join(lines)


def _why_low(message: str, profile: dict, weak_areas: list[dict], persona: str | None, seed: tuple) -> str:
    lowered = message.lower()
    match = next((w for w in weak_areas if str(w.get("area", "")).lower() in lowered and w.get("area")), None)
    if match is None and weak_areas:
        match = min(weak_areas, key=lambda w: w.get("score", 100))
    if match is None:
        return (
            "I don't have a scored interview for you yet, so I can't explain a score. Finish one practice "
            "interview and ask me again — I'll read you the evidence behind each number."
        )
    area = _md(str(match.get("area")), 40)
    evidence = _md(str(match.get("evidence") or "no detailed evidence was recorded"), 300)
    advice = {
        "structure": "Tell each story in STAR order and give the result its own sentence.",
        "clarity": "Cut hedges like 'I think' and 'sort of'; say what you did plainly.",
        "pace": "Aim for 130–160 words per minute; pause after each key point.",
        "fillers": "Replace 'um' and 'like' with a short silent pause.",
        "relevance": "Answer the question in your first sentence, reusing its key words.",
    }.get(str(match.get("area", "")).lower(), "Practise one question on this area and compare your next score.")
    return (
        f"Your **{area}** score was {match.get('score', '?')}. What the analysis measured: {evidence}.\n\n"
        f"**What to do:** {advice}"
    )


def _topic_tips(message: str) -> tuple[str, list[str]]:
    for name, (pattern, tips) in COMPETENCY_TIPS.items():
        if re.search(pattern, message, re.IGNORECASE):
            return name, tips
    return "", GENERIC_TIPS


def _how_to_answer(message: str, profile: dict, weak_areas: list[dict], persona: str | None, seed: tuple) -> str:
    topic, tips = _topic_tips(message)
    about = f" a **{topic}** question" if topic else " this kind of question"
    outline = (
        "**S — Situation** (1–2 sentences): where, when, what was at stake.\n"
        "**T — Task** (1 sentence): what *you* were responsible for.\n"
        "**A — Action** (about half the answer): 2–3 concrete steps, with 'I'.\n"
        "**R — Result** (1–2 sentences): the outcome in numbers, and what you learned."
    )
    tip_lines = "\n".join(f"- {t}" for t in tips)
    return (
        f"Here's how I'd structure{about}:\n\n{outline}\n\n**Tips for this one:**\n{tip_lines}\n\n"
        "Aim for 1½–2 minutes (about 200–300 words). Send me your notes as "
        "`Situation: … Task: … Action: … Result: …` and I'll draft it with you."
    )


_LABELS = re.compile(r"(?im)^\s*(situation|task|action|result|s|t|a|r)\s*[:\-–]\s*")


def _parse_notes(message: str) -> dict[str, str] | None:
    pieces = _LABELS.split(message)
    if len(pieces) < 5:
        return None
    names = {"s": "situation", "t": "task", "a": "action", "r": "result"}
    notes = {"situation": "", "task": "", "action": "", "result": ""}
    for label, text in zip(pieces[1::2], pieces[2::2], strict=False):
        key = names.get(label.lower(), label.lower())
        notes[key] = (notes[key] + " " + text.strip()).strip()
    return notes


def _draft(message: str, profile: dict, weak_areas: list[dict], persona: str | None, seed: tuple) -> str:
    notes = _parse_notes(message)
    if notes:
        draft = draft_star(**notes, role=str(profile.get("target_role") or ""))
        seconds = estimate_speaking_seconds(draft.answer)
        tips = "\n".join(f"- {_md(t, 300)}" for t in draft.tips) or "- It covers all four parts — rehearse it aloud."
        body = _md(draft.answer, 4000).replace("\\[", "[").replace("\\]", "]")
        return (
            f"Here's a first draft built only from your notes ({len(words(draft.answer))} words, about "
            f"{seconds} seconds spoken):\n\n> {body.replace(chr(10) + chr(10), chr(10) + '>' + chr(10) + '> ')}"
            f"\n\n**To make it stronger:**\n{tips}\n\nYou can save it to your Library from the STAR drafter."
        )
    answer = re.sub(r"(?i)^.*?(?:answer|feedback|review|improve)[^:\n]*[:\n]", "", message, count=1).strip()
    if len(words(answer)) >= 40:
        feedback = answer_feedback(question="", answer=answer, persona_key=persona)
        strengths = "\n".join(f"- {_md(s, 300)}" for s in feedback.strengths[:3]) or "- Not much yet — see below."
        gaps = "\n".join(f"- {_md(g, 300)}" for g in feedback.gaps[:4]) or "- Nothing major. Rehearse it aloud."
        return (
            f"**Score: {feedback.score}/100**\n\n**What works:**\n{strengths}\n\n**What to fix:**\n{gaps}\n\n"
            "**Restructured in STAR order** (your sentences; brackets mark what to add):\n\n"
            + _md(feedback.rewrite, 4000).replace("\\[", "[").replace("\\]", "]")
        )
    return (
        "Happy to help you draft it. Send your rough notes like this — fragments are fine:\n\n"
        "```\nSituation: …\nTask: …\nAction: …\nResult: …\n```\n\nOr paste a full answer after "
        "*review my answer:* and I'll score it and suggest a rewrite. The **STAR drafter** in the sidebar "
        "does the same with a form."
    )


@cache
def _bank() -> list[dict]:
    return read_bank()


def _practice_questions(message: str, profile: dict, weak_areas: list[dict], persona: str | None, seed: tuple) -> str:
    found = re.search(
        r"\bfor (?:an? |the )?([\w /&+-]{3,60}?)(?: role| position| job| interview|[?.!,]|$)", message, re.IGNORECASE
    )
    role = (found.group(1) if found else "") or str(profile.get("target_role") or "")
    picked = select_questions(
        _bank(), role=role, seniority=str(profile.get("experience_level") or ""), count=3, seed=message
    )
    examples = "\n".join(
        f"{i}. {_md(q.text, 300)} *({q.type}, {q.competency})*" for i, q in enumerate(picked.questions, start=1)
    )
    label = f" for **{_md(role, 60)}**" if role.strip() else ""
    return (
        f"Three to get you started{label}:\n\n{examples}\n\nFor a full set, use the **question generator** in the "
        "sidebar — choose role, company, level and type, then save questions to your Library or practise one now."
    )


def _static(text: str) -> Callable[..., str]:
    return lambda *args: text


SALARY = _static(
    "**Negotiating salary**\n\n- Research the range for the role and city first (levels.fyi, Glassdoor, peers).\n"
    '- Let them name a number first if you can: *"What\'s the budgeted range for this role?"*\n'
    "- If pushed, give a researched **range** whose bottom is a number you'd happily accept.\n"
    "- Negotiate the whole package: base, bonus, equity, start date, remote days, learning budget.\n"
    "- After an offer, ask for time, then counter once, with reasons — and be ready to say yes."
)
NERVES = _static(
    "**Nerves are normal** — they mean you care. What helps most:\n\n"
    "- **Prepare 5–6 stories** you can bend to most questions; confidence comes from having material.\n"
    "- **Rehearse aloud**, not in your head. A practice interview here counts.\n"
    "- Slow breathing before you start: in for 4, out for 6, a few times.\n"
    '- It\'s fine to pause: *"Let me think for a second."* Silence reads as thoughtful.\n'
    "- Reframe it as a conversation: you're assessing them too."
)
TMAY = _static(
    '**"Tell me about yourself"** — a 60–90 second story, not your CV:\n\n'
    "1. **Present**: your current role and one thing you're proud of there.\n"
    "2. **Past**: the two or three experiences that lead to this job.\n"
    "3. **Future**: why this role, at this company, is your next step.\n\n"
    "Keep it professional, end on why you're here, and rehearse it until it sounds natural, not memorised."
)
WEAKNESS = _static(
    "**The weakness question** — be real, be specific, show progress:\n\n"
    "- Pick a genuine weakness that isn't core to the job.\n"
    "- Give a short example of when it hurt.\n"
    "- Describe what you're doing about it and the evidence it's working.\n\n"
    'Avoid disguised strengths (*"I\'m a perfectionist"*) — interviewers hear them every day.'
)
QUESTIONS_TO_ASK = _static(
    "**Questions to ask the interviewer**\n\n- What does success look like in this role after six months?\n"
    "- What's the biggest challenge the team is facing right now?\n- How do you make decisions when people "
    "disagree?\n- What do you enjoy most about working here?\n- What are the next steps in the process?\n\n"
    "Ask two or three that genuinely matter to you. Never say you have none."
)
FOLLOW_UP_EMAIL = _static(
    "**A follow-up email** within 24 hours:\n\n```\nSubject: Thank you — <role> interview\n\n"
    "Hi <name>,\n\nThank you for your time today. I enjoyed discussing <specific topic>, and it confirmed my "
    "interest in <role>. <One sentence linking your experience to a need they mentioned.>\n\n"
    "Happy to share anything else that would help.\n\nBest regards,\n<your name>\n```\n\n"
    "Keep it short, specific and personal to each interviewer."
)
STAR = _static(
    "**The STAR method** keeps behavioural answers focused:\n\n- **Situation** — the context, briefly.\n"
    "- **Task** — what you were responsible for.\n- **Action** — what *you* did, step by step (the longest part).\n"
    "- **Result** — the outcome, ideally in numbers, plus what you learned.\n\n"
    "Ask me *how to answer* a question and I'll outline one with you."
)

# Order matters: the first pattern that matches wins.
INTENTS: list[tuple[str, str, Callable[..., str]]] = [
    ("why_low", r"\bwhy\b.*\b(?:score|scored|rated|got|did)\b.*\b(?:low|badly|poor|bad)\b|\bwhy\b.*\blow\b", _why_low),
    (
        "weak_areas",
        r"what (?:should|do|can) i (?:work on|improve|focus|practi[cs]e)|weak (?:areas?|spots?|points?)|"
        r"where am i (?:weak|struggling)|my weak\b|review my weak",
        _weak_areas,
    ),
    (
        "draft",
        r"^\s*(?:situation|s)\s*[:\-]|\bdraft\b|\bwrite (?:me )?(?:an? )?answer|\bimprove (?:my|this) answer|"
        r"\breview (?:my|this) answer|\bfeedback on (?:my|this)",
        _draft,
    ),
    (
        "practice",
        r"practi[cs]e questions|generate questions|mock questions|give me (?:some )?questions|"
        r"questions (?:for|to practi[cs]e)|interview questions for",
        _practice_questions,
    ),
    ("tell_me", r"tell me about yourself|introduce myself|elevator pitch|about myself", TMAY),
    ("weakness", r"weakness", WEAKNESS),
    (
        "ask_interviewer",
        r"questions? (?:should i|to|can i|do i) ask|ask the interviewer|ask at the end",
        QUESTIONS_TO_ASK,
    ),
    ("email", r"thank[- ]you (?:email|note)|follow[- ]up (?:email|note|message)|email after", FOLLOW_UP_EMAIL),
    ("salary", r"salary|compensation|negotiat|counter ?offer|\bpay\b|\boffer\b", SALARY),
    ("nerves", r"nervous|anxi|nerves|scared|panic|stress|afraid|confiden", NERVES),
    (
        "how_answer",
        r"how (?:should|do|would|can|to) (?:i )?answer|answer (?:this|the|a) question|how to respond",
        _how_to_answer,
    ),
    ("star", r"\bstar\b", STAR),
    (
        "greeting",
        r"^\s*(?:hi|hello|hey|good (?:morning|afternoon|evening)|hiya|yo)\b[\s!.,]*\w{0,12}[\s!.]*$",
        _greeting,
    ),
]


def detect_intent(message: str) -> str:
    for name, pattern, _handler in INTENTS:
        if re.search(pattern, message or "", re.IGNORECASE | re.DOTALL):
            return name
    return "unknown"


def coach_reply(
    *, message: str, history: list[dict], profile: dict, weak_areas: list[dict], persona_key: str | None = None
) -> str:
    message = (message or "")[:8000]
    profile = profile or {}
    weak_areas = [w for w in (weak_areas or []) if isinstance(w, dict)]
    seed = (message, len(history or []))
    intent = detect_intent(message)
    handler = next((h for name, _p, h in INTENTS if name == intent), None)
    if handler is None:
        lead = pick(
            (
                "I'm not sure I caught that.",
                "I can't help with that one directly.",
                "Let's keep the focus on your interviews.",
            ),
            *seed,
        )
        return f"{lead} {_menu(seed)}"
    reply = handler(message, profile, weak_areas, persona_key, seed)
    level, role = _level(profile), _role(profile)
    if intent in {"how_answer", "tell_me"} and role:
        target = f"{level} {role}" if level else role
        reply += f"\n\n*For a {target} role, pick a story that shows the skills the job ad stresses.*"
    return reply
