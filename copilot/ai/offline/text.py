"""Small text tools shared by the offline engine: sentence spans, tokens, numbers, TF-IDF cosine.

Everything here only *counts* text; nothing in user text is ever interpreted as an instruction."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# Long answers are analysed in full up to this size; beyond it the tail is ignored (a spoken answer of
# 20,000 characters is ~50 minutes; the cap keeps every function linear and fast).
MAX_CHARS = 20_000

STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    tell describe time give example walk me through would how did what do you about one really get got
    """,
    )
)

# A stop ends a sentence only when followed by whitespace, so "3.5x" and "e.g.," stay whole.
_SENTENCE_RE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))+(?:[.!?]+[\"')\]]*|\n|$)")
_TOKEN_RE = re.compile(r"[a-z][a-z0-9+#'-]*[a-z0-9+#]|[a-z]")
_NUMBER_RE = re.compile(
    r"(?:[$€£]\s?\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand)?\b)"
    r"|(?:\b\d[\d,.]*\s?(?:%|percent|x\b|times\b|k\b|m\b|ms\b|s\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b"
    r"|minutes?\b|seconds?\b|million\b|thousand\b|users?\b|customers?\b|people\b|points?\b)?)"
    r"|\b(?:doubled|tripled|halved|twice|thrice)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


def clip(text: str) -> str:
    return (text or "")[:MAX_CHARS]


def sentences(text: str) -> list[Span]:
    """Sentences (or lines) of ``text`` with their character offsets; whitespace trimmed from each."""
    spans = []
    for match in _SENTENCE_RE.finditer(clip(text)):
        raw = match.group()
        stripped = raw.strip()
        if not stripped or not any(ch.isalnum() for ch in stripped):
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        spans.append(Span(stripped, start, start + len(stripped)))
    return spans


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9'’+#.-]*", text or "")


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall((text or "").lower())


def stem(token: str) -> str:
    """A deliberately crude stemmer: enough to match 'negotiated'/'negotiating'/'negotiation'."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


def content_terms(text: str) -> list[str]:
    return [stem(t) for t in tokens(text) if t not in STOPWORDS and len(t) > 2]


def numbers(text: str) -> list[str]:
    return [
        m.group().strip()
        for m in _NUMBER_RE.finditer(text or "")
        if any(c.isdigit() for c in m.group()) or m.group().isalpha()
    ]


def has_number(text: str) -> bool:
    return bool(numbers(text))


def tfidf_cosine(a: str, b: str, corpus: Sequence[str] = ()) -> float:
    """Cosine similarity of the TF-IDF vectors of ``a`` and ``b``. IDF comes from ``corpus`` plus the
    sentences of both texts (two documents alone give every shared word an IDF of zero)."""
    docs = [content_terms(d) for d in (*corpus, *(s.text for s in sentences(a)), *(s.text for s in sentences(b)))]
    n = len(docs) or 1
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(doc))

    def vector(text: str) -> dict[str, float]:
        tf = Counter(content_terms(text))
        return {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in tf.items()}

    va, vb = vector(a), vector(b)
    dot = sum(w * vb.get(t, 0.0) for t, w in va.items())
    norm = math.sqrt(sum(w * w for w in va.values())) * math.sqrt(sum(w * w for w in vb.values()))
    return dot / norm if norm else 0.0


def keyword_overlap(question: str, answer: str) -> float:
    """Share of the question's content words (stemmed) that the answer uses."""
    wanted = set(content_terms(question))
    if not wanted:
        return 0.0
    return len(wanted & set(content_terms(answer))) / len(wanted)


def stable_index(*parts: object, modulo: int) -> int:
    """A deterministic choice in ``range(modulo)`` from the inputs (same input, same phrasing)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") % max(modulo, 1)


def pick[T](options: Sequence[T], *seed: object) -> T:
    return options[stable_index(*seed, modulo=len(options))]


def sentence_case(text: str) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    text = re.sub(r"\bi\b", "I", text)
    text = re.sub(r"\bi'(m|ve|d|ll)\b", lambda m: "I'" + m.group(1), text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?":
        text = text.rstrip(",;:-–— ") + "."
    return text
