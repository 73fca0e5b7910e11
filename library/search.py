"""Search over a user's saved answers, one behaviour on two databases.

PostgreSQL: full-text search. The document is a weighted ``tsvector`` — title (A), question and tags (B),
STAR parts and full text (C) — matched with ``websearch_to_tsquery`` (quoted phrases, ``-exclusions``, ``or``)
and ordered by ``ts_rank``. Migration 0002 builds a GIN expression index on exactly ``search_document()``
(the planner only uses it when the query repeats the indexed expression, which is why both come from the
same definition; ``test_search.py`` asserts the plan uses it). While the last word is still being typed it
is matched as a prefix, so live search finds "conflict" from "confl".

SQLite (the embedded default): every term must occur somewhere (AND semantics) in the same fields,
case-insensitively; quoted phrases, ``-exclusions`` and ``or`` behave as on PostgreSQL; the rank is a
weighted count of matches computed in SQL. No stemming there: "leading" does not find "led".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import reduce
from operator import add, and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

CONFIG = "english"
INDEX_NAME = "library_answer_search_gin"
STAR_AND_TEXT = ("situation", "task", "action", "result", "text")
# Fallback weights per field, mirroring the PostgreSQL A/B/C weights.
FIELD_WEIGHTS = {"title": 4, "question": 2, "tags_text": 2} | dict.fromkeys(STAR_AND_TEXT, 1)
MAX_QUERY = 200


def search_document() -> SearchVector:
    """The weighted document. Migration 0002 indexes this exact expression; change both together."""
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("question", "tags_text", weight="B", config=CONFIG)
        + SearchVector(*STAR_AND_TEXT, weight="C", config=CONFIG)
    )


def search_answers(queryset: QuerySet, query: str) -> QuerySet:
    """Filter ``queryset`` to answers matching ``query`` and annotate ``rank`` (higher is better)."""
    query = (query or "").strip()[:MAX_QUERY]
    if not query:
        return queryset.annotate(rank=Value(0, output_field=IntegerField()))
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, query)
    return _search_fallback(queryset, query)


# ------------------------------------------------------------------------------------------------ PostgreSQL
_LAST_WORD = re.compile(r"(?:^|\s)(\w+)$")
_OR = re.compile(r"\s+or\s+", re.IGNORECASE)


def postgres_query(query: str) -> SearchQuery:
    """websearch syntax for the whole input; the word still being typed also matches as a prefix.
    ``or`` keeps its meaning: the prefix joins only the last alternative."""
    alternatives = _OR.split(query)
    if len(alternatives) > 1 and '"' not in query:
        head = SearchQuery(" or ".join(alternatives[:-1]), search_type="websearch", config=CONFIG)
        return head | postgres_query(alternatives[-1])
    match = _LAST_WORD.search(query)
    unbalanced_quote = query.count('"') % 2 == 1
    if not match or unbalanced_quote or match.group(1).lower() == "or":
        return SearchQuery(query, search_type="websearch", config=CONFIG)
    last = match.group(1)
    prefix = SearchQuery(f"{last}:*", search_type="raw", config=CONFIG)
    rest = query[: match.start(1)].strip()
    if not rest:
        return prefix
    return SearchQuery(rest, search_type="websearch", config=CONFIG) & prefix


def _search_postgresql(queryset: QuerySet, query: str) -> QuerySet:
    tsquery = postgres_query(query)
    return (
        queryset.alias(document=search_document())
        .filter(document=tsquery)
        .annotate(rank=SearchRank(F("document"), tsquery))
    )


# ------------------------------------------------------------------------------------------------ SQLite
@dataclass(frozen=True)
class Term:
    text: str
    negated: bool = False


_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_EDGE_PUNCTUATION = ".,;:!?()[]{}'\"`"


def parse_query(query: str) -> list[list[Term]]:
    """websearch-like parsing: groups separated by a bare ``or``; inside a group every term is required,
    ``-term`` excludes, ``"a phrase"`` is one term. Pure function, no database."""
    groups: list[list[Term]] = [[]]
    for token in _TOKEN.findall(query):
        if token.lower() == "or":
            groups.append([])
            continue
        negated = token.startswith("-") and len(token) > 1
        text = token[1:] if negated else token
        text = " ".join(text.strip(_EDGE_PUNCTUATION).split())
        if text:
            groups[-1].append(Term(text=text, negated=negated))
    return [group for group in groups if any(not term.negated for term in group)]


def _anywhere(text: str) -> Q:
    return reduce(or_, (Q(**{f"{field}__icontains": text}) for field in FIELD_WEIGHTS))


def _search_fallback(queryset: QuerySet, query: str) -> QuerySet:
    groups = parse_query(query)
    if not groups:
        return queryset.none().annotate(rank=Value(0, output_field=IntegerField()))
    matches = []
    for group in groups:
        conditions = [~_anywhere(t.text) if t.negated else _anywhere(t.text) for t in group]
        matches.append(reduce(and_, conditions))
    positive = {term.text for group in groups for term in group if not term.negated}
    rank = reduce(
        add,
        (
            Case(When(**{f"{field}__icontains": text}, then=Value(weight)), default=Value(0))
            for text in sorted(positive)
            for field, weight in FIELD_WEIGHTS.items()
        ),
    )
    return queryset.filter(reduce(or_, matches)).annotate(rank=rank)
