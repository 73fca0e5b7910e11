"""A STAR answer assembled from rough notes: every fact kept, none invented.

The drafter only reorders, joins and tidies what the candidate wrote (capitals, full stops, common
abbreviations spelled out, "I" added to bare past-tense fragments, connectives between steps). It never
adds a number, a name or a claim; where a part is weak it says so in ``tips`` instead."""

from __future__ import annotations

import re

from copilot.ai.schemas import StarDraft

from .text import has_number, sentence_case, words

DEFAULT_WPM = 150
ABBREVIATIONS = {
    "db": "database",
    "dbs": "databases",
    "prod": "production",
    "w/": "with",
    "w/o": "without",
    "b/c": "because",
    "bc": "because",
    "mgr": "manager",
    "ppl": "people",
    "approx": "approximately",
    "eng": "engineering",
    "infra": "infrastructure",
    "perf": "performance",
    "req": "requirement",
    "reqs": "requirements",
    "wk": "week",
    "wks": "weeks",
    "mo": "month",
    "mos": "months",
    "yr": "year",
    "yrs": "years",
    "hrs": "hours",
    "mins": "minutes",
    "&": "and",
    "+": "and",
    "->": "to",
    "=>": "so",
    "~": "about",
    "cust": "customer",
    "custs": "customers",
    "mtg": "meeting",
    "mtgs": "meetings",
    "dept": "department",
}
_ABBR_RE = re.compile(
    r"(?<![\w/])(" + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w/])",
    re.IGNORECASE,
)
_ITEM_SPLIT = re.compile(r"\n+|;\s*|(?<=[.!?])\s+|\s+-\s+")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s*")
_DURATION_TAIL = re.compile(
    r",\s*((?:\d+|a few|a couple of|several|two|three|four|five|six)\s+(?:hours?|days?|weeks?|months?|years?|sprints?))"
    r"\s*$",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(
    r"^(?:[a-z]+ed|built|led|wrote|ran|made|set up|began|chose|took|drove|spoke|met|brought|taught|went|gave|found|"
    r"put|got|held|sent|kept|rewrote|split|shipped|drew|won|cut|sold|hired|told|showed|did|rebuilt)\b",
    re.IGNORECASE,
)
_BASE_VERB = re.compile(
    r"^(?:reduce|increase|improve|cut|ship|deliver|launch|fix|build|migrate|grow|hit|reach|close|win|save|stop|"
    r"make|get|find|get|hire|lead|move|rebuild|replace|redesign|recover|retain|renew|convince|align|resolve)\b",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"^(?:i|we|my|our|the|a|an|it|they|he|she|this|that|there|these|those|as|after|when|while|by|in|at|on|"
    r"during|because|so|then|first|finally|to)\b",
    re.IGNORECASE,
)
_ARTICLE_NOUNS = (
    r"(database|codebase|team|project|api|service|client|customer|deadline|budget|process|pipeline|release)"
)
_STEP_CONNECTIVES = ("First, ", "Then ", "Next, ", "After that, ")


def _items(notes: str) -> list[str]:
    items = []
    for raw in _ITEM_SPLIT.split(notes or ""):
        item = _BULLET.sub("", raw).strip().strip(",;")
        if item and any(ch.isalnum() for ch in item):
            items.append(item)
    return items


_PER = {"wk": "week", "week": "week", "mo": "month", "month": "month", "day": "day", "yr": "year", "year": "year"}
_PER_RE = re.compile(r"(?<=\d)\s*/\s*(wk|week|mo|month|day|yr|year)\b", re.IGNORECASE)
_SIGNED_PCT = re.compile(r"(?<![\w])([+-])\s?(\d[\d.,]*\s?%)")
_BARE_DURATION = re.compile(
    r"(?<!\bin)(?<!\bfor)(?<!\bover)(?<!\bwithin)(?<!\bafter)(?<!\bby)\s(\d+\s(?:hours?|days?|weeks?|months?))$",
    re.IGNORECASE,
)


def _expand(item: str) -> str:
    item = _PER_RE.sub(lambda m: " a " + _PER[m.group(1).lower()], item)
    item = _SIGNED_PCT.sub(lambda m: ("down " if m.group(1) == "-" else "up ") + m.group(2), item)
    item = _ABBR_RE.sub(lambda m: ABBREVIATIONS[m.group(1).lower()], item)
    return re.sub(r"\s+", " ", item).strip()


def _sentence(item: str, part: str) -> str:
    """One note fragment as a sentence in the first person (only structure words are added)."""
    item = _expand(item)
    duration = _DURATION_TAIL.search(item)
    if duration:
        joiner = "within" if part == "result" else "over"
        item = f"{item[: duration.start()]} {joiner} {duration.group(1)}"
    elif part in ("action", "result"):
        item = _BARE_DURATION.sub(lambda m: (" within " if part == "result" else " for ") + m.group(1), item)
    if _SUBJECT.match(item):
        return sentence_case(item)
    if _PAST_VERB.match(item):
        item = re.sub(rf"^(\w+(?: up)?) {_ARTICLE_NOUNS}\b", r"\1 the \2", item, flags=re.IGNORECASE)
        return sentence_case(f"I {item[0].lower()}{item[1:]}")
    if part == "situation":
        lead = "In my " if re.match(r"^(?:last|previous|current|first|old|former)\b", item, re.I) else "At the time, "
        return sentence_case(lead + item[0].lower() + item[1:])
    if part == "task" and _BASE_VERB.match(item):
        return sentence_case(f"My goal was to {item[0].lower()}{item[1:]}")
    if part == "task" and re.match(r"^\w+ing\b", item):
        return sentence_case(f"I was responsible for {item[0].lower()}{item[1:]}")
    return sentence_case(item)


def _part(notes: str, part: str) -> list[str]:
    return [_sentence(item, part) for item in _items(notes)]


def _lower_first(sentence: str) -> str:
    return sentence if sentence.startswith(("I ", "I'")) else sentence[:1].lower() + sentence[1:]


def _with_connectives(sentences: list[str], part: str) -> list[str]:
    if part == "action" and len(sentences) > 1:
        out = []
        for index, sentence in enumerate(sentences):
            if index == len(sentences) - 1:
                connective = "Finally, "
            else:
                connective = _STEP_CONNECTIVES[min(index, len(_STEP_CONNECTIVES) - 1)]
            starts_with_connective = re.match(r"^(?:first|then|next|after|finally)\b", sentence, re.IGNORECASE)
            out.append(sentence if starts_with_connective else connective + _lower_first(sentence))
        return out
    if part == "result" and sentences and not re.match(r"^(?:as a result|in the end|the result)", sentences[0], re.I):
        return ["As a result, " + _lower_first(sentences[0]), *sentences[1:]]
    return sentences


def _title(question: str, task: str, action: str) -> str:
    source = question.strip() or (_items(task) or _items(action) or ["My STAR answer"])[0]
    source = re.sub(r"^(?:tell me about|describe|give me an example of|walk me through)\s+", "", source, flags=re.I)
    source = source.rstrip("?.! ")
    title = source[:1].upper() + source[1:]
    return title if len(title) <= 80 else title[:79].rsplit(" ", 1)[0] + "…"


def _tips(parts: dict[str, str], role: str) -> list[str]:
    tips = []
    for name, hint in (
        ("situation", "Add a sentence of context: where you were and what was at stake."),
        ("task", "Say what you were responsible for — the interviewer needs to know your stake."),
        ("action", "List the concrete steps you took; this is the heart of the answer."),
        ("result", "Add the outcome — what changed because of what you did."),
    ):
        if not parts[name].strip():
            tips.append(hint)
    if parts["result"].strip() and not has_number(parts["result"]):
        tips.append("The result has no number — add one if you can (%, time saved, revenue, users, ratings).")
    if (
        parts["action"].strip()
        and re.search(r"\bwe\b", parts["action"], re.I)
        and not re.search(r"\bi\b", parts["action"], re.I)
    ):
        tips.append("The actions say 'we' — make clear which steps you personally took.")
    if len(words(parts["situation"])) > 60:
        tips.append("The situation is long — trim it to two sentences so the actions get the airtime.")
    if role.strip() and len(tips) < 5:
        tips.append(f"End by linking the lesson to what a {role.strip()} does day to day.")
    return tips[:5]


def draft_star(*, situation: str, task: str, action: str, result: str, question: str = "", role: str = "") -> StarDraft:
    parts = {"situation": situation or "", "task": task or "", "action": action or "", "result": result or ""}
    polished = {name: _with_connectives(_part(notes, name), name) for name, notes in parts.items()}
    paragraphs = [
        " ".join(polished["situation"] + polished["task"]),
        " ".join(polished["action"]),
        " ".join(polished["result"]),
    ]
    answer = "\n\n".join(p for p in paragraphs if p)
    if len(answer) < 20:
        answer = (answer + "\n\n" if answer else "") + "[Add your notes for each part of the story to build a draft.]"
    return StarDraft(
        title=_title(question, task, action)[:120],
        answer=answer,
        situation=" ".join(polished["situation"]),
        task=" ".join(polished["task"]),
        action=" ".join(polished["action"]),
        result=" ".join(polished["result"]),
        tips=_tips(parts, role),
    )


def estimate_speaking_seconds(text: str, wpm: int = DEFAULT_WPM) -> int:
    """Seconds needed to say ``text`` aloud at ``wpm`` words per minute (bracketed prompts excluded)."""
    spoken = re.sub(r"\[[^\]]*\]", " ", text or "")
    return round(len(words(spoken)) * 60 / max(wpm, 1))
