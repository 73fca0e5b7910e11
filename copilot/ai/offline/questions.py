"""Interview questions drawn from the curated bank for a free-text role, company and level.

``bank`` is a list of plain dicts with the bank's fields (``key``, ``text``, ``role_family``,
``competency``, ``type``, ``difficulty``, ``seniority``, ``guidance``); the gateway passes active rows
from the database, and an empty list falls back to the bundled data files. Choices are deterministic per
``seed``: the same request gives the same list, a new seed a new, still varied one."""

from __future__ import annotations

import re
from collections.abc import Iterable

from copilot.ai.schemas import GeneratedQuestion, QuestionList
from copilot.data.bank import read_bank

from .text import stable_index

MAX_COUNT = 20
# keyword -> family; multi-word phrases are matched first and weigh more, the role's last word (its head
# noun: "product *designer*", "sales *engineer*") gets a bonus so it decides ties.
ROLE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "software": (
        "software",
        "engineer",
        "developer",
        "programmer",
        "backend",
        "back-end",
        "back end",
        "frontend",
        "front-end",
        "front end",
        "full stack",
        "full-stack",
        "fullstack",
        "swe",
        "sre",
        "devops",
        "platform",
        "mobile",
        "ios",
        "android",
        "web",
        "qa",
        "test automation",
        "architect",
        "cto",
        "tech lead",
        "coder",
        "embedded",
        "infrastructure",
        "security engineer",
        "site reliability",
        "python",
        "java",
        "golang",
    ),
    "data": (
        "data",
        "analyst",
        "analytics",
        "scientist",
        "data scientist",
        "machine learning",
        "ml",
        "ai engineer",
        "bi",
        "business intelligence",
        "statistician",
        "data engineer",
        "analytics engineer",
        "quant",
    ),
    "product": (
        "product manager",
        "product owner",
        "pm",
        "apm",
        "product lead",
        "head of product",
        "cpo",
        "product management",
        "technical product manager",
        "tpm",
        "program manager",
    ),
    "design": (
        "designer",
        "design",
        "ux",
        "ui",
        "ux researcher",
        "user researcher",
        "researcher",
        "product designer",
        "interaction",
        "visual designer",
        "content designer",
        "ux writer",
        "illustrator",
        "creative director",
    ),
    "sales": (
        "sales",
        "account executive",
        "ae",
        "sdr",
        "bdr",
        "business development",
        "salesperson",
        "closer",
        "sales engineer",
        "solutions engineer",
        "presales",
        "inside sales",
        "sales manager",
        "vp sales",
        "sales representative",
        "rep",
    ),
    "marketing": (
        "marketing",
        "marketer",
        "growth",
        "seo",
        "content marketer",
        "brand",
        "demand gen",
        "demand generation",
        "pmm",
        "product marketing",
        "social media",
        "copywriter",
        "communications",
        "pr",
        "performance marketing",
        "lifecycle",
        "cmo",
    ),
    "customer_success": (
        "customer success",
        "csm",
        "account manager",
        "customer support",
        "support",
        "onboarding",
        "implementation",
        "customer experience",
        "cx",
        "client success",
        "renewals",
        "customer service",
        "technical account manager",
    ),
}
SENIORITY_WORDS = (
    ("lead", r"\b(?:lead|principal|staff|head|director|vp|chief|manager|cto|cmo|cpo)\b"),
    ("senior", r"\b(?:senior|sr\.?)\b"),
    ("junior", r"\b(?:junior|jr\.?|graduate|grad|intern|entry[- ]level|trainee|associate|apm)\b"),
    ("mid", r"\b(?:mid|mid-level|intermediate)\b"),
)
LEVELS = ("junior", "mid", "senior", "lead")


def role_family(role: str) -> str:
    """The bank's role family for a free-text role ("Senior backend engineer" → software); 'general'
    when nothing matches."""
    text = " " + re.sub(r"[^a-z0-9+#]+", " ", (role or "").lower()).strip() + " "
    head = text.split()[-1] if text.strip() else ""
    scores: dict[str, float] = {}
    for family, keywords in ROLE_KEYWORDS.items():
        for keyword in keywords:
            normal = " " + re.sub(r"[^a-z0-9+#]+", " ", keyword) + " "
            if normal in text:
                weight = len(normal.split())
                if normal.split()[-1] == head:
                    weight += 0.5
                scores[family] = scores.get(family, 0) + weight
    return max(scores, key=lambda f: (scores[f], -list(ROLE_KEYWORDS).index(f))) if scores else "general"


def role_seniority(role: str, seniority: str = "") -> str:
    if seniority in LEVELS:
        return seniority
    for level, pattern in SENIORITY_WORDS:
        if re.search(pattern, (role or "").lower()):
            return level
    return ""


def _fits_level(question_level: str, level: str) -> float:
    """How well a question's seniority suits the candidate's level (0 = not at all)."""
    if not level or question_level == "any":
        return 1.0
    if question_level == level:
        return 2.0
    distance = abs(LEVELS.index(question_level) - LEVELS.index(level))
    return 0.5 if distance == 1 else 0.0


def _tailor(text: str, qtype: str, company: str, *, frame: bool = True) -> str:
    """Name the company where the question allows it; ``frame`` allows an "Imagine you've joined" lead-in."""
    company = re.sub(r"\s+", " ", company or "").strip()[:60]
    if not company:
        return text
    replaced = re.sub(r"\bwork here\b", f"work at {company}", text)
    replaced = re.sub(r"\b(?:this|our|the) company\b", company, replaced)
    if replaced != text:
        return replaced
    if frame and qtype == "situational" and re.match(r"^(?:You|Your)\b", text):
        return f"Imagine you've just joined {company}. {text}"
    if re.search(r"first 90 days|this role", text):
        return f"{text.rstrip('?.')} at {company}?"
    return text


def _why(question: dict) -> str:
    competency = question.get("competency", "").replace("-", " ")
    guidance = question.get("guidance", "")
    return f"Tests {competency}. {guidance}".strip()[:400]


def _rank(pool: Iterable[dict], *, level: str, seed: str, salt: str) -> list[dict]:
    ranked = []
    for question in pool:
        fit = _fits_level(question.get("seniority", "any"), level)
        if fit:
            ranked.append((-fit, stable_index(seed, salt, question["key"], modulo=10_000), question))
    return [q for *_, q in sorted(ranked, key=lambda r: (r[0], r[1]))]


def _pick_varied(ranked: list[dict], count: int, chosen: list[dict], mixed: bool) -> None:
    """Fill ``chosen`` up to ``count``: first one per competency (and, for mixed lists, rotating through
    the types), then whatever ranks best."""
    used = {q["competency"] for q in chosen}
    keys = {q["key"] for q in chosen}
    types = ("behavioral", "technical", "situational", "leadership")
    for _pass in range(2):
        for question in ranked:
            if len(chosen) >= count:
                return
            if question["key"] in keys or (_pass == 0 and question["competency"] in used):
                continue
            if _pass == 0 and mixed:
                wanted = types[len(chosen) % len(types)]
                if question["type"] != wanted and any(
                    q["type"] == wanted and q["competency"] not in used and q["key"] not in keys for q in ranked
                ):
                    continue
            chosen.append(question)
            used.add(question["competency"])
            keys.add(question["key"])


def select_questions(
    bank: list[dict],
    *,
    role: str,
    company: str = "",
    seniority: str = "",
    type: str = "mixed",
    count: int = 5,
    exclude_keys: Iterable[str] = (),
    seed: str = "",
) -> QuestionList:
    bank = [q for q in (bank or read_bank()) if q.get("is_active", True)]
    count = max(1, min(MAX_COUNT, int(count or 5)))
    family = role_family(role)
    level = role_seniority(role, seniority)
    excluded = set(exclude_keys)
    mixed = type not in {"behavioral", "technical", "situational", "leadership"}
    available = [q for q in bank if q["key"] not in excluded] or bank
    typed = available if mixed else [q for q in available if q["type"] == type]
    chosen: list[dict] = []
    # Widen step by step: the role's family, then general questions, then any level, then any type.
    for pool, any_level in (
        ([q for q in typed if q["role_family"] == family], False),
        ([q for q in typed if q["role_family"] == "general"], False),
        ([q for q in typed if q["role_family"] in (family, "general")], True),
        (typed or available, True),
        (available, True),
    ):
        ranked = _rank(pool, level="" if any_level else level, seed=seed, salt=f"{role}|{type}")
        _pick_varied(ranked, count, chosen, mixed)
        if len(chosen) >= count:
            break
    framed = [q["key"] for q in chosen if q["type"] == "situational"][:1]  # lightly: one lead-in per list
    return QuestionList(
        questions=[
            GeneratedQuestion(
                text=_tailor(q["text"], q["type"], company, frame=q["key"] in framed),
                type=q["type"],
                competency=q["competency"],
                difficulty=q.get("difficulty", "medium"),
                why=_why(q),
                key=q["key"],
            )
            for q in chosen
        ]
    )
