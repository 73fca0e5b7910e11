"""The same behaviour on both databases; backend-specific checks skip on the other one."""

from __future__ import annotations

import pytest
from django.db import connection

from library.search import INDEX_NAME, Term, parse_query, postgres_query, search_document
from library.selectors import AnswerFilters, answer_list_for_user
from library.tests.factories import SavedAnswerFactory

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
sqlite_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite fallback")
EMPTY = {"situation": "", "task": "", "action": "", "result": "", "text": ""}


@pytest.fixture
def answers(candidate, other_candidate):
    made = {
        "title_hit": SavedAnswerFactory(
            user=candidate,
            title="Resolving a conflict with my manager",
            question="Tell me about a disagreement.",
            **EMPTY | {"text": "We disagreed about the roadmap and the release train."},
        ),
        "body_hit": SavedAnswerFactory(
            user=candidate,
            title="Database migration",
            question="Describe a hard technical project.",
            **EMPTY | {"action": "I mediated a conflict between two teams over the train schedule and release."},
        ),
        "unrelated": SavedAnswerFactory(
            user=candidate,
            title="Kubernetes rollout",
            question="What did you ship last quarter?",
            **EMPTY | {"result": "Deploys got faster."},
            tags=["python", "platform"],
        ),
    }
    SavedAnswerFactory(user=other_candidate, title="Conflict everywhere", **EMPTY | {"text": "conflict roadmap"})
    return made


def search(user, q, **filters):
    return list(answer_list_for_user(user=user, filters=AnswerFilters(q=q, **filters)))


def titles(results):
    return [answer.title for answer in results]


pytestmark = pytest.mark.django_db


def test_a_title_match_ranks_above_a_body_match(candidate, answers):
    results = search(candidate, "conflict")
    assert titles(results) == ["Resolving a conflict with my manager", "Database migration"]
    assert results[0].rank > results[1].rank


def test_every_term_must_match(candidate, answers):
    assert titles(search(candidate, "conflict roadmap")) == ["Resolving a conflict with my manager"]
    assert search(candidate, "conflict kubernetes") == []


def test_search_is_case_insensitive(candidate, answers):
    assert len(search(candidate, "CONFLICT")) == 2
    assert titles(search(candidate, "KUBERNETES")) == ["Kubernetes rollout"]


def test_a_quoted_phrase_is_one_term(candidate, answers):
    assert titles(search(candidate, '"release train"')) == ["Resolving a conflict with my manager"]
    assert len(search(candidate, "release train")) == 2


def test_a_minus_excludes(candidate, answers):
    assert titles(search(candidate, "conflict -manager")) == ["Database migration"]


def test_or_accepts_either_side(candidate, answers):
    assert sorted(titles(search(candidate, "roadmap or kubernetes"))) == [
        "Kubernetes rollout",
        "Resolving a conflict with my manager",
    ]


def test_tags_and_question_are_searched(candidate, answers):
    assert titles(search(candidate, "python")) == ["Kubernetes rollout"]
    assert titles(search(candidate, "quarter")) == ["Kubernetes rollout"]


def test_the_word_being_typed_matches_as_a_prefix(candidate, answers):
    assert len(search(candidate, "confl")) == 2
    assert titles(search(candidate, "database migr")) == ["Database migration"]


def test_search_combines_with_filters_and_never_crosses_users(candidate, answers):
    assert titles(search(candidate, "conflict", category="behavioral", tag="")) == [
        "Resolving a conflict with my manager",
        "Database migration",
    ]
    assert search(candidate, "conflict", tag="python") == []
    assert titles(search(candidate, "deploys", tag="python")) == ["Kubernetes rollout"]
    assert "Conflict everywhere" not in titles(search(candidate, "conflict"))


def test_an_explicit_sort_overrides_relevance(candidate, answers):
    assert titles(search(candidate, "conflict", sort="title")) == [
        "Database migration",
        "Resolving a conflict with my manager",
    ]


def test_nothing_to_search_for_returns_everything(candidate, answers):
    assert len(search(candidate, "   ")) == 3


def test_punctuation_and_operators_alone_are_harmless(candidate, answers):
    for query in ['"', "-", "&|!:*()", "or", "'"]:
        search(candidate, query)  # no database error


# ------------------------------------------------------------------------------------------ PostgreSQL
@postgres_only
def test_postgres_stems_words(candidate, answers):
    assert titles(search(candidate, "migrations")) == ["Database migration"]
    assert len(search(candidate, "conflicts ")) == 2


@postgres_only
def test_postgres_query_plan_uses_the_gin_index(candidate, answers):
    from library.models import SavedAnswer

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        queryset = SavedAnswer.objects.alias(document=search_document()).filter(document=postgres_query("conflict "))
        plan = queryset.order_by().explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
    assert INDEX_NAME in plan, plan


@postgres_only
def test_postgres_ranks_with_ts_rank(candidate, answers):
    sql = str(answer_list_for_user(user=candidate, filters=AnswerFilters(q="conflict")).query)
    assert "ts_rank" in sql
    assert "websearch_to_tsquery" in str(
        answer_list_for_user(user=candidate, filters=AnswerFilters(q="conflict roadmap ")).query
    )


# ------------------------------------------------------------------------------------------ SQLite
@sqlite_only
def test_sqlite_ranks_in_sql(candidate, answers):
    sql = str(answer_list_for_user(user=candidate, filters=AnswerFilters(q="conflict")).query)
    assert "CASE WHEN" in sql
    assert "LIKE" in sql


@sqlite_only
def test_sqlite_matches_substrings_without_stemming(candidate, answers):
    assert search(candidate, "migrations") == []
    assert titles(search(candidate, "igratio")) == ["Database migration"]


# ------------------------------------------------------------------------------------------ parsing (pure)
def test_parse_query_groups_terms():
    assert parse_query('conflict "release train" -manager or kubernetes') == [
        [Term("conflict"), Term("release train"), Term("manager", negated=True)],
        [Term("kubernetes")],
    ]


def test_parse_query_drops_groups_without_a_required_term():
    assert parse_query("-manager") == []
    assert parse_query("or or") == []
    assert parse_query("conflict, (roadmap)") == [[Term("conflict"), Term("roadmap")]]


def test_odd_words_while_typing_are_safe(candidate, answers):
    for query in ["foo_bar", "c++", "node.js", "e-mail", "naïve café", "x:*", "'quoted", "a & b", "ΣΊΣΥΦΟΣ"]:
        search(candidate, query)  # no database error
