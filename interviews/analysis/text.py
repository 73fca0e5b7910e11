"""What the answers say: fillers, hedges, STAR structure, length, sentiment, relevance.

Pure module (no Django). STAR coverage with evidence spans and the TF-IDF relevance come from the copilot's
offline analysers (``copilot.ai.offline.star.analyze_star``, ``copilot.ai.offline.text.tfidf_cosine``), so the
review page and the Coach measure answers the same way.

**Fillers** (per answer, with character spans): um, uh, er, erm, hmm; "you know" (not "you know that/how/
why/where/whether/if…"); basically, actually, literally; "sort of" / "kind of" (not after "what/this/that/
a/the/some/any/which/every" — then it is a noun phrase); "I mean"; **"like" only as a discourse marker**:
set off by a comma ("So, like, we…"), sentence-initial ("Like, …") or quotative after be ("I was like,").
"I like Python", "would like to", "looks like", "something like 20 %" are not fillers. Sentence-initial
"so" (not "so that/far/much/many/long") and "well," (with the comma: "Well documented code…" is not) count.

**Hedges**: maybe, perhaps, I think, I guess, I suppose, I believe, I feel like, probably, possibly, somewhat,
more or less, not sure, hopefully, a little bit.

**Sentiment**: (positive − negative) / (positive + negative) over a small lexicon of work-story words, a
preceding "not/never/no" flipping a word; 0 with no lexicon word. −1..1; reported, lightly weighted.

**Timestamps**: a span's moment is estimated by its position in the answer's text spread over the answer's
speaking span (``t_s`` = first sound + share of characters × sounding length); ``None`` without times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from copilot.ai.offline.star import analyze_star
from copilot.ai.offline.text import tfidf_cosine, words

_FILLER_PATTERNS: list[tuple[str, str]] = [
    ("um", r"\b(?:um+|uhm+|erm+|hmm+)\b"),
    ("uh", r"\buh+\b"),
    ("er", r"\ber+\b(?!-)"),
    ("you know", r"\byou know\b(?!\s+(?:that|how|why|where|whether|if|when|who|what\s+(?!i mean)))"),
    ("basically", r"\bbasically\b"),
    ("actually", r"\bactually\b"),
    ("literally", r"\bliterally\b"),
    (
        "sort of",
        r"(?<!\bwhat )(?<!\bthis )(?<!\bthat )(?<!\ba )(?<!\bthe )(?<!\bsome )(?<!\bany )(?<!\bwhich )"
        r"(?<!\bevery )\bsort of\b",
    ),
    (
        "kind of",
        r"(?<!\bwhat )(?<!\bthis )(?<!\bthat )(?<!\ba )(?<!\bthe )(?<!\bsome )(?<!\bany )(?<!\bwhich )"
        r"(?<!\bevery )\bkind of\b",
    ),
    ("i mean", r"\bi mean\b"),
    # "like" as a discourse marker only: comma-bounded, sentence-initial, or quotative after "be".
    (
        "like",
        r"(?:(?<=,)|(?<=,\s)|^|(?<=[.!?]\s))like\b(?=\s*,)"
        r"|(?:(?<=\bwas\s)|(?<=\bwere\s)|(?<=\bis\s)|(?<=\bam\s)|(?<='m\s)|(?<='s\s)|(?<=\bare\s))"
        r"like\b(?=\s*[,\"“])",
    ),
    ("so", r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))so\b(?!\s+(?:that|far|much|many|long|the\b))"),
    ("well", r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))well\b(?=\s*,)"),
]
_FILLERS = [(name, re.compile(pattern, re.IGNORECASE | re.MULTILINE)) for name, pattern in _FILLER_PATTERNS]
_HEDGES = re.compile(
    r"\b(?:maybe|perhaps|i think|i guess|i suppose|i believe|i feel like|probably|possibly|somewhat|"
    r"more or less|not sure|hopefully|a little bit)\b",
    re.IGNORECASE,
)
_POSITIVE = frozenset(
    re.findall(
        r"\S+",
        "achieved improved success successful proud enjoyed great good better best excited happy grew solved "
        "delivered won praised learned helped love loved glad thrilled effective strong clear positive growth "
        "opportunity recovered saved fixed launched shipped reliable",
    )
)
_NEGATIVE = frozenset(
    re.findall(
        r"\S+",
        "failed failure problem problems bad worse worst angry frustrated frustrating hate hated difficult "
        "terrible awful mistake mistakes blame blamed conflict crashed broke broken stress stressful annoying "
        "toxic fired lost missed unfortunately poor weak",
    )
)
_NEGATORS = frozenset({"not", "never", "no", "didn't", "wasn't", "don't", "isn't", "couldn't"})
_WORD = re.compile(r"[a-z']+")


@dataclass(frozen=True, slots=True)
class Hit:
    word: str
    start: int
    end: int


@dataclass
class AnswerText:
    words: int
    fillers: list[Hit] = field(default_factory=list)
    hedges: list[Hit] = field(default_factory=list)
    sentiment: float = 0.0
    relevance: float | None = None
    star: dict = field(default_factory=dict)


def find_fillers(text: str) -> list[Hit]:
    hits = []
    for name, pattern in _FILLERS:
        hits.extend(Hit(name, m.start(), m.end()) for m in pattern.finditer(text or ""))
    return sorted(hits, key=lambda h: h.start)


def find_hedges(text: str) -> list[Hit]:
    return [Hit(m.group().lower(), m.start(), m.end()) for m in _HEDGES.finditer(text or "")]


def sentiment(text: str) -> float:
    tokens = _WORD.findall((text or "").lower())
    pos = neg = 0
    for i, token in enumerate(tokens):
        flip = i > 0 and tokens[i - 1] in _NEGATORS
        if token in _POSITIVE:
            pos, neg = (pos, neg + 1) if flip else (pos + 1, neg)
        elif token in _NEGATIVE:
            pos, neg = (pos + 1, neg) if flip else (pos, neg + 1)
    return round((pos - neg) / (pos + neg), 2) if pos + neg else 0.0


def star_dict(answer: str) -> dict:
    star = analyze_star(answer)
    return {
        "coverage": star.coverage,
        "missing": list(star.missing),
        "team_only_action": star.team_only_action,
        "parts": [
            {
                "part": p.part,
                "present": p.present,
                "evidence": p.evidence,
                "span": [p.start, p.end] if p.present and p.start is not None else None,
            }
            for p in star.parts
        ],
    }


def analyze_answer(question: str, answer: str) -> AnswerText:
    answer = answer or ""
    return AnswerText(
        words=len(words(answer)),
        fillers=find_fillers(answer),
        hedges=find_hedges(answer),
        sentiment=sentiment(answer),
        relevance=round(tfidf_cosine(question, answer), 3) if answer.strip() and question.strip() else None,
        star=star_dict(answer),
    )


def moment(span_start: int, text_length: int, first_s: float | None, last_s: float | None) -> float | None:
    """Estimated time of a character offset in an answer spoken between ``first_s`` and ``last_s``."""
    if first_s is None or last_s is None or text_length <= 0:
        return None
    return round(first_s + (last_s - first_s) * min(1.0, span_start / text_length), 2)
