from __future__ import annotations

import json
import uuid
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from library.models import AnswerRehearsal, SavedAnswer
from library.tests.factories import AnswerRehearsalFactory, SavedAnswerFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
LIST = reverse("library:answer_list")
CREATE = reverse("library:answer_create")


def url(name, answer):
    return reverse(f"library:{name}", kwargs={"answer_id": answer.pk})


# ------------------------------------------------------------------------------------------ privacy
GET_VIEWS = ["answer_detail", "answer_edit", "answer_delete", "answer_export"]
POST_VIEWS = ["answer_edit", "answer_delete", "answer_duplicate", "answer_favorite", "answer_rehearse"]
POST_VIEWS += ["answer_improve"]


@pytest.mark.parametrize("name", GET_VIEWS)
def test_another_users_answer_is_404_on_get(client, other_candidate, candidate, name):
    answer = SavedAnswerFactory(user=candidate)
    client.force_login(other_candidate)
    assert client.get(url(name, answer)).status_code == 404


@pytest.mark.parametrize("name", POST_VIEWS)
def test_another_users_answer_is_404_on_post_and_unchanged(client, other_candidate, candidate, name):
    answer = SavedAnswerFactory(user=candidate, title="Mine")
    client.force_login(other_candidate)
    response = client.post(url(name, answer), {"title": "Stolen", "question": "Q?", "category": "other"})
    assert response.status_code == 404
    answer.refresh_from_db()
    assert answer.title == "Mine"
    assert SavedAnswer.objects.count() == 1
    assert not AnswerRehearsal.objects.exists()


def test_the_list_and_export_show_only_my_answers(candidate_client, candidate, other_candidate):
    SavedAnswerFactory(user=candidate, title="My story")
    SavedAnswerFactory(user=other_candidate, title="Their story")
    body = candidate_client.get(LIST).content.decode()
    assert "My story" in body
    assert "Their story" not in body
    export = candidate_client.get(reverse("library:answer_export_all")).content.decode()
    assert "My story" in export
    assert "Their story" not in export


# ------------------------------------------------------------------------------------------ list and search
def test_the_list_page_is_a_full_page_and_htmx_gets_the_results_fragment(candidate_client, candidate):
    SavedAnswerFactory(user=candidate, title="Conflict with a peer")
    full = candidate_client.get(LIST)
    assert full.status_code == 200
    assert b"<html" in full.content
    assert b'hx-trigger="input changed delay:250ms, search"' in full.content
    fragment = candidate_client.get(LIST, {"q": "conflict"}, headers=HTMX)
    body = fragment.content.decode()
    assert '<section id="answer-results"' in body
    assert "<html" not in body
    assert 'id="answer-filters"' not in body
    assert "Conflict with a peer" in body
    assert 'hx-swap-oob="true"' in body  # the screen-reader status
    assert "HX-Request" in fragment["Vary"]


def test_history_restore_gets_the_full_page(candidate_client):
    response = candidate_client.get(LIST, headers=HTMX | {"HX-History-Restore-Request": "true"})
    assert b"<html" in response.content


def test_live_search_filters_as_you_type(candidate_client, candidate):
    SavedAnswerFactory(user=candidate, title="Conflict with a peer")
    SavedAnswerFactory(user=candidate, title="Kubernetes rollout")
    body = candidate_client.get(LIST, {"q": "kuber"}, headers=HTMX).content.decode()
    assert "Kubernetes rollout" in body
    assert "Conflict with a peer" not in body
    assert "1 matching answer for “kuber”" in body


def test_filters_by_category_tag_and_favourite(candidate_client, candidate):
    SavedAnswerFactory(user=candidate, title="Tech one", category="technical", tags=["python"])
    SavedAnswerFactory(user=candidate, title="Fav one", is_favorite=True)
    SavedAnswerFactory(user=candidate, title="Plain one")

    def shown(**params):
        body = candidate_client.get(LIST, params, headers=HTMX).content.decode()
        return {t for t in ("Tech one", "Fav one", "Plain one") if t in body}

    assert shown(category="technical") == {"Tech one"}
    assert shown(tag="python") == {"Tech one"}
    assert shown(favorite="on") == {"Fav one"}
    assert shown(category="nonsense") == {"Tech one", "Fav one", "Plain one"}  # bad values are ignored
    assert shown(tag="not-mine") == {"Tech one", "Fav one", "Plain one"}


def test_sorting_by_title(candidate_client, candidate):
    for title in ("Banana", "Apple", "Cherry"):
        SavedAnswerFactory(user=candidate, title=title)
    body = candidate_client.get(LIST, {"sort": "title"}, headers=HTMX).content.decode()
    assert body.index("Apple") < body.index("Banana") < body.index("Cherry")
    body = candidate_client.get(LIST, {"sort": "created"}, headers=HTMX).content.decode()
    assert body.index("Cherry") < body.index("Apple") < body.index("Banana")  # newest first


def test_pagination_twenty_per_page_keeps_the_filters(candidate_client, candidate):
    for n in range(25):
        SavedAnswerFactory(user=candidate, title=f"Leadership story {n:02d}")
    SavedAnswerFactory(user=candidate, title="Something else")
    page1 = candidate_client.get(LIST, {"q": "leadership", "sort": "title"}, headers=HTMX).content.decode()
    assert page1.count('class="card answer-card"') == 20
    assert "Page 1 of 2" in page1
    assert "?q=leadership&amp;sort=title&amp;page=2" in page1
    page2 = candidate_client.get(LIST, {"q": "leadership", "sort": "title", "page": 2}, headers=HTMX)
    assert page2.content.decode().count('class="card answer-card"') == 5
    assert "Leadership story 24" in page2.content.decode()
    assert candidate_client.get(LIST, {"page": "999"}).status_code == 200  # out of range → last page


def test_the_list_costs_the_same_queries_for_3_or_20_answers(candidate_client, candidate):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert candidate_client.get(LIST).status_code == 200
        return len(queries)

    SavedAnswerFactory.create_batch(3, user=candidate, tags=["a", "b"])
    few = count()
    answers = SavedAnswerFactory.create_batch(17, user=candidate, tags=["c"])
    AnswerRehearsalFactory(answer=answers[0])
    assert count() == few


def test_empty_states(candidate_client, candidate):
    assert "Your library is empty" in candidate_client.get(LIST).content.decode()
    SavedAnswerFactory(user=candidate)
    assert "No answers match" in candidate_client.get(LIST, {"q": "zebra"}).content.decode()


# ------------------------------------------------------------------------------------------ create
def test_a_get_with_query_parameters_opens_the_form_prefilled(candidate_client):
    response = candidate_client.get(
        CREATE,
        {
            "title": "From the Coach",
            "question": "Why us?",
            "category": "culture",
            "action": "I researched.",
            "source": "coach",
            "tags": "motivation",
        },
    )
    form = response.context["form"]
    assert form.initial["title"] == "From the Coach"
    assert form.initial["category"] == "culture"
    assert form.initial["source"] == "coach"
    body = response.content.decode()
    assert 'value="From the Coach"' in body
    assert "I researched." in body
    assert not SavedAnswer.objects.exists()


def test_a_post_without_save_opens_the_form_prefilled(candidate_client):
    response = candidate_client.post(CREATE, {"title": "Long draft", "question": "Q?", "text": "x" * 5000})
    assert response.status_code == 200
    assert response.context["form"].initial["text"] == "x" * 5000
    assert not response.context["form"].errors
    assert not SavedAnswer.objects.exists()


def test_a_post_with_save_saves_directly_and_redirects_to_the_answer(candidate_client, candidate):
    response = candidate_client.post(
        CREATE,
        {
            "save": "1",
            "title": "Drafted",
            "question": "Tell me about a conflict.",
            "category": "behavioral",
            "situation": "S",
            "task": "T",
            "action": "A",
            "result": "R",
            "text": "Full",
            "source": "drafted",
            "tags": "conflict, star",
        },
    )
    answer = SavedAnswer.objects.get(user=candidate)
    assert response.status_code == 302
    assert response.url == answer.get_absolute_url()
    assert (answer.source, answer.result, answer.text, answer.tags_text) == ("drafted", "R", "Full", "conflict star")


def test_a_double_clicked_save_creates_one_answer(candidate_client, candidate):
    data = {
        "save": "1",
        "title": "Once",
        "question": "Q?",
        "category": "other",
        "source": "written",
        "idempotency_key": str(uuid.uuid4()),
    }
    first = candidate_client.post(CREATE, data)
    second = candidate_client.post(CREATE, data | {"title": "Once (again)"})
    assert SavedAnswer.objects.filter(user=candidate).count() == 1
    assert first.url == second.url


def test_the_form_carries_a_fresh_idempotency_key(candidate_client):
    first = candidate_client.get(CREATE).context["form"].initial["idempotency_key"]
    second = candidate_client.get(CREATE).context["form"].initial["idempotency_key"]
    assert first != second


def test_an_invalid_htmx_post_rerenders_the_form_fragment_with_errors(candidate_client):
    response = candidate_client.post(
        CREATE, {"save": "1", "title": "", "question": "x" * 600, "category": "other"}, headers=HTMX
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert body.lstrip().startswith('<form id="answer-form"')
    assert "This field is required." in body
    assert "at most 500 characters" in body
    assert not SavedAnswer.objects.exists()


def test_an_invalid_post_without_js_gets_the_full_page_with_errors(candidate_client):
    response = candidate_client.post(CREATE, {"save": "1", "title": "T", "question": "", "category": "other"})
    assert response.status_code == 422
    assert b"<html" in response.content
    assert b"This field is required." in response.content


def test_too_many_or_too_long_tags_are_refused(candidate_client):
    base = {"save": "1", "title": "T", "question": "Q?", "category": "other"}
    response = candidate_client.post(CREATE, base | {"tags": ",".join(f"t{i}" for i in range(13))})
    assert response.status_code == 422
    response = candidate_client.post(CREATE, base | {"tags": "x" * 31})
    assert response.status_code == 422


def test_a_valid_htmx_post_redirects_the_client(candidate_client, candidate):
    response = candidate_client.post(
        CREATE, {"save": "1", "title": "T", "question": "Q?", "category": "other"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == SavedAnswer.objects.get(user=candidate).get_absolute_url()


def test_starting_from_a_template_prefills_the_form_with_guidance(candidate_client):
    response = candidate_client.get(CREATE, {"template": "conflict"})
    form = response.context["form"]
    assert form.initial["question"].startswith("Tell me about a time you disagreed")
    assert form.initial["tags"] == "conflict, collaboration"
    assert "Say 'I', not 'we'" in form.fields["action"].help_text
    assert 'name="template" value="conflict"' in response.content.decode()


def test_the_template_page_lists_at_least_eight_templates(candidate_client):
    body = candidate_client.get(reverse("library:template_list")).content.decode()
    for key in ("conflict", "failure", "leadership", "deadline", "ambiguity", "persuasion", "customer", "mistake"):
        assert f"?template={key}" in body


# ------------------------------------------------------------------------------------------ detail, edit, delete
def test_detail_shows_the_story_and_rehearsals(candidate_client, candidate):
    answer = SavedAnswerFactory(user=candidate, tags=["conflict"])
    AnswerRehearsalFactory(answer=answer, score=77, note="Too long")
    body = candidate_client.get(answer.get_absolute_url()).content.decode()
    for text in (answer.title, answer.situation, answer.result, "#conflict", "77 / 100", "Too long"):
        assert text in body


def test_edit_updates_and_redirects(candidate_client, candidate):
    answer = SavedAnswerFactory(user=candidate, source="coach")
    response = candidate_client.post(
        url("answer_edit", answer),
        {"title": "Edited", "question": "Q?", "category": "leadership", "tags": "lead", "is_favorite": "on"},
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.title, answer.category, answer.is_favorite, answer.source) == ("Edited", "leadership", True, "coach")


def test_invalid_htmx_edit_rerenders_the_fragment(candidate_client, candidate):
    answer = SavedAnswerFactory(user=candidate, title="Original")
    response = candidate_client.post(url("answer_edit", answer), {"title": "", "question": "Q?"}, headers=HTMX)
    assert response.status_code == 422
    assert 'id="answer-form"' in response.content.decode()
    answer.refresh_from_db()
    assert answer.title == "Original"


def test_delete_asks_first_then_deletes(candidate_client, candidate):
    answer = SavedAnswerFactory(user=candidate, title="Doomed")
    confirm = candidate_client.get(url("answer_delete", answer))
    assert b"Delete \xe2\x80\x9cDoomed\xe2\x80\x9d?" in confirm.content
    assert SavedAnswer.objects.filter(pk=answer.pk).exists()
    response = candidate_client.post(url("answer_delete", answer))
    assert response.status_code == 302
    assert response.url == LIST
    assert not SavedAnswer.objects.filter(pk=answer.pk).exists()


def test_delete_under_htmx_uses_a_panel_and_refreshes_the_list(candidate_client, candidate):
    answer = SavedAnswerFactory(user=candidate, title="Doomed")
    panel = candidate_client.get(url("answer_delete", answer), headers=HTMX).content.decode()
    assert panel.lstrip().startswith('<section id="delete-confirm"')
    assert 'hx-target="closest li"' in panel
    response = candidate_client.post(url("answer_delete", answer), headers=HTMX)
    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"]) == {"answers-changed": {}}
    assert 'hx-swap-oob="beforeend:#toasts"' in response.content.decode()
    assert "Deleted “Doomed”." in response.content.decode()
    assert not SavedAnswer.objects.exists()


def test_duplicate_opens_the_copy_for_editing(candidate_client, candidate):
    answer = SavedAnswerFactory(user=candidate, tags=["x"])
    response = candidate_client.post(url("answer_duplicate", answer))
    copy = SavedAnswer.objects.exclude(pk=answer.pk).get()
    assert response.url == url("answer_edit", copy)


def test_favourite_sets_the_flag_with_htmx_and_without(candidate_client, candidate):
    answer = SavedAnswerFactory(user=candidate)
    response = candidate_client.post(url("answer_favorite", answer), {"is_favorite": "1"}, headers=HTMX)
    assert 'aria-pressed="true"' in response.content.decode()
    assert "<html" not in response.content.decode()
    response = candidate_client.post(url("answer_favorite", answer), {"is_favorite": "0", "next": LIST + "?q=x"})
    assert response.url == LIST + "?q=x"
    response = candidate_client.post(
        url("answer_favorite", answer), {"is_favorite": "1", "next": "https://evil.example/"}
    )
    assert response.url == answer.get_absolute_url()
    answer.refresh_from_db()
    assert answer.is_favorite


# ------------------------------------------------------------------------------------------ export
def test_export_one_answer_as_markdown(candidate_client, candidate):
    answer = SavedAnswerFactory(user=candidate, title="Handling a Conflict!", tags=["conflict"], text="Full text.")
    response = candidate_client.get(url("answer_export", answer))
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="handling-a-conflict.md"'
    body = response.content.decode()
    assert body.startswith("# Handling a Conflict!\n\n**Question:** Tell me about a time")
    for heading in ("## Situation", "## Task", "## Action", "## Result", "## Full answer"):
        assert f"\n{heading}\n\n" in body
    assert "Tags: `conflict`" in body


def test_export_all_respects_the_current_filters(candidate_client, candidate):
    SavedAnswerFactory(user=candidate, title="Tech", category="technical")
    SavedAnswerFactory(user=candidate, title="Behav", category="behavioral")
    response = candidate_client.get(reverse("library:answer_export_all"), {"category": "technical"})
    assert response["Content-Disposition"].startswith('attachment; filename="interview-answers-')
    body = response.content.decode()
    assert body.startswith("# My interview answers\n")
    assert "## Tech" in body
    assert "Behav" not in body
    everything = candidate_client.get(reverse("library:answer_export_all")).content.decode()
    assert "## Tech" in everything
    assert "## Behav" in everything
    assert "\n---\n" in everything


# ------------------------------------------------------------------------------------------ rehearse, improve
def test_rehearse_records_it_and_opens_the_green_room_on_the_question(candidate_client, candidate):
    answer = SavedAnswerFactory(user=candidate, question="Why this company & role?")
    response = candidate_client.post(url("answer_rehearse", answer))
    target = urlparse(response.url)
    assert target.path == reverse("interviews:setup")
    assert parse_qs(target.query) == {"question": ["Why this company & role?"], "answer": [str(answer.pk)]}
    assert answer.rehearsals.count() == 1


def test_improve_shows_score_strengths_gaps_rewrite_and_the_engine(candidate_client, candidate):
    answer = SavedAnswerFactory(user=candidate)
    response = candidate_client.post(url("answer_improve", answer), headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="ai-feedback"')
    assert "Answered by <strong>Offline coach</strong>" in body
    for text in ("Answer score", "Strengths", "Gaps", "Suggested rewrite", "Save the rewrite as a new answer"):
        assert text in body
    full = candidate_client.post(url("answer_improve", answer))
    assert b"<html" in full.content
    assert b"Offline coach" in full.content


def test_improve_shows_the_notice_when_the_offline_engine_stands_in(candidate_client, candidate, monkeypatch):
    from copilot.ai import features
    from copilot.ai.gateway import AIResult
    from copilot.ai.schemas import AnswerFeedback

    def fake(**kwargs):
        value = AnswerFeedback(score=61, strengths=["Clear"], gaps=["No numbers"], rewrite="Better.")
        return AIResult(value, "offline", "offline-engine", "answer_feedback", "v1", 3, notice="The model was busy.")

    monkeypatch.setattr(features, "answer_feedback", fake)
    answer = SavedAnswerFactory(user=candidate)
    body = candidate_client.post(url("answer_improve", answer), headers=HTMX).content.decode()
    assert "The model was busy." in body
    assert "No numbers" in body


def test_improve_without_any_text_asks_for_the_answer_first(candidate_client, candidate):
    answer = SavedAnswerFactory(user=candidate, situation="", task="", action="", result="", text="")
    body = candidate_client.post(url("answer_improve", answer), headers=HTMX).content.decode()
    assert "write the answer or its STAR parts first" in body
