"""Coach pages through Django's test client: conversations, the no-JavaScript reply, HTMX fragments,
the STAR drafter and the question generator — with no model, a working fake model and every fault."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.urls import reverse

from copilot import services, views
from copilot.models import ChatMessage, Conversation
from copilot.tests.fake_openai import Step

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
FAULTS = {
    "server_error": [Step(kind="status", status=500)],
    "rate_limited": [Step(kind="status", status=429, headers={"Retry-After": "0"})],
    "hang": [Step(kind="hang", seconds=8)],
    "garbage": [Step(kind="garbage_body")],
}


def start(client, content="How do I negotiate salary?", **extra):
    return client.post(reverse("copilot:conversation_create"), {"content": content, **extra})


def conversation_with_reply(user, reply_text="**Hello** there", *, engine="offline") -> Conversation:
    conversation = services.conversation_start(user=user, title="Salary talk")
    _question, reply = services.chat_message_post(conversation=conversation, content="How do I negotiate?")
    services.chat_reply_claim(reply=reply)
    services.chat_reply_finish(reply=reply, content=reply_text, engine=engine, model="offline-engine")
    return conversation


# ------------------------------------------------------------------------------------------------
# Conversations
# ------------------------------------------------------------------------------------------------
def test_the_coach_page_offers_a_start_form_and_quick_actions(candidate_client, no_llm):
    body = candidate_client.get(reverse("copilot:coach")).content.decode()
    assert 'id="start-form"' in body
    for action in ("Draft a STAR answer", "Generate questions", "Review my weak areas", "Prepare for a job"):
        assert action in body
    assert "/interview/setup/?question=" in body  # practise one question now


def test_without_javascript_a_new_conversation_gets_its_reply_at_once(candidate_client, candidate, no_llm):
    response = start(candidate_client)
    conversation = Conversation.objects.get(user=candidate)
    question, reply = conversation.messages.all()
    assert response.status_code == 302
    assert response.url == f"{conversation.get_absolute_url()}#msg-{reply.pk}"
    assert conversation.title == "How do I negotiate salary?"
    assert (question.role, reply.role, reply.status, reply.engine) == ("user", "assistant", "complete", "offline")
    assert "salary" in reply.content.lower()
    page = candidate_client.get(conversation.get_absolute_url()).content.decode()
    assert "Offline coach" in page
    assert "<strong>Negotiating salary</strong>" in page  # Markdown, rendered


def test_with_htmx_the_reply_is_left_for_the_stream(candidate_client, candidate, no_llm):
    response = candidate_client.post(reverse("copilot:conversation_create"), {"content": "Hi"}, headers=HTMX)
    conversation = Conversation.objects.get(user=candidate)
    assert response.status_code == 200
    assert response["HX-Redirect"] == conversation.get_absolute_url()
    reply = conversation.messages.get(role="assistant")
    assert reply.status == "pending"
    page = candidate_client.get(conversation.get_absolute_url()).content.decode()
    stream_url = reverse("copilot:reply_stream", args=[conversation.pk, reply.pk])
    assert f'data-stream-url="{stream_url}"' in page
    assert "data-cancel" in page


def test_an_empty_message_is_refused_with_the_form(candidate_client, candidate):
    response = start(candidate_client, content="   ")
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    response = candidate_client.post(reverse("copilot:conversation_create"), {"content": ""}, headers=HTMX)
    assert response["HX-Retarget"] == "#start-form"
    assert "<html" not in response.content.decode()
    assert not Conversation.objects.exists()


def test_a_second_message_is_refused_while_the_reply_is_unfinished(candidate_client, candidate):
    conversation = services.conversation_start(user=candidate)
    url = reverse("copilot:message_create", args=[conversation.pk])
    first = candidate_client.post(url, {"content": "Help with conflict questions"}, headers=HTMX)
    body = first.content.decode()
    assert body.count("<article") == 2  # the question and the pending reply
    assert 'hx-swap-oob="true"' in body  # a fresh composer
    second = candidate_client.post(url, {"content": "Help with conflict questions"}, headers=HTMX)
    assert second["HX-Retarget"] == "#composer"
    assert "still answering your last message" in second.content.decode()
    plain = candidate_client.post(url, {"content": "again"})
    assert plain.status_code == 409
    assert conversation.messages.count() == 2


def test_a_stale_unfinished_reply_no_longer_blocks_the_conversation(candidate_client, candidate, settings):
    conversation = services.conversation_start(user=candidate)
    _question, reply = services.chat_message_post(conversation=conversation, content="Hello")
    ChatMessage.objects.filter(pk=reply.pk).update(created_at=reply.created_at.replace(year=2020))
    response = candidate_client.post(reverse("copilot:message_create", args=[conversation.pk]), {"content": "Again"})
    assert response.status_code == 302
    page = candidate_client.get(conversation.get_absolute_url()).content.decode()
    assert "interrupted before it was saved" in page


def test_without_javascript_a_message_in_a_conversation_is_answered(candidate_client, candidate, no_llm):
    conversation = conversation_with_reply(candidate)
    url = reverse("copilot:message_create", args=[conversation.pk])
    response = candidate_client.post(url, {"content": "What is the STAR method?"})
    assert response.status_code == 302
    reply = conversation.messages.last()
    assert reply.status == "complete"
    assert "Situation" in reply.content


def test_a_conversation_is_renamed_inline_and_without_javascript(candidate_client, candidate):
    conversation = conversation_with_reply(candidate)
    url = reverse("copilot:conversation_rename", args=[conversation.pk])
    form = candidate_client.get(url, headers=HTMX).content.decode()
    assert 'name="title"' in form
    assert "<html" not in form
    fragment = candidate_client.post(url, {"title": "Offer at Acme"}, headers=HTMX).content.decode()
    assert 'id="conversation-heading"' in fragment
    assert "Offer at Acme" in fragment
    assert candidate_client.post(url, {"title": "Plain"}).status_code == 302
    conversation.refresh_from_db()
    assert conversation.title == "Plain"
    assert candidate_client.post(url, {"title": ""}).status_code == 400


def test_deleting_asks_first_then_removes_the_messages(candidate_client, candidate):
    conversation = conversation_with_reply(candidate)
    url = reverse("copilot:conversation_delete", args=[conversation.pk])
    assert "Delete this conversation?" in candidate_client.get(url).content.decode()
    response = candidate_client.post(url)
    assert response.status_code == 302
    assert response.url == reverse("copilot:coach")
    assert not Conversation.objects.exists()
    assert not ChatMessage.objects.exists()


def test_another_candidate_gets_404_everywhere(client, candidate, other_candidate):
    conversation = conversation_with_reply(candidate)
    reply = conversation.messages.last()
    client.force_login(other_candidate)
    ids = [conversation.pk]
    assert client.get(reverse("copilot:conversation_detail", args=ids)).status_code == 404
    assert client.post(reverse("copilot:message_create", args=ids), {"content": "x"}).status_code == 404
    assert client.post(reverse("copilot:conversation_rename", args=ids), {"title": "x"}).status_code == 404
    assert client.post(reverse("copilot:conversation_delete", args=ids)).status_code == 404
    assert client.get(reverse("copilot:message_detail", args=[*ids, reply.pk]), headers=HTMX).status_code == 404
    assert client.post(reverse("copilot:reply_stream", args=[*ids, reply.pk])).status_code == 404
    assert Conversation.objects.filter(pk=conversation.pk, title="Salary talk").exists()
    # the other candidate's sidebar does not list it either
    assert "Salary talk" not in client.get(reverse("copilot:coach")).content.decode()


def test_the_message_fragment_is_the_stored_reply(candidate_client, candidate):
    conversation = conversation_with_reply(candidate, "- one\n- **two**")
    reply = conversation.messages.last()
    url = reverse("copilot:message_detail", args=[conversation.pk, reply.pk])
    fragment = candidate_client.get(url, headers=HTMX).content.decode()
    assert fragment.strip().startswith(f'<article id="msg-{reply.pk}"')
    assert "<li><strong>two</strong></li>" in fragment
    assert "Offline coach" in fragment
    assert candidate_client.get(url).url.endswith(f"#msg-{reply.pk}")


def test_a_hostile_reply_is_shown_as_inert_text(candidate_client, candidate):
    hostile = (
        "<script>window.__pwned=1</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
        '![t](http://remote.example/track.png) <div hx-get="/admin/" hx-trigger="load">x</div>'
    )
    conversation = conversation_with_reply(candidate, hostile, engine="model")
    page = candidate_client.get(conversation.get_absolute_url()).content.decode()
    thread = page[page.index('id="messages"') : page.index('id="composer"')]
    for needle in ("<script>window", "<img", 'href="javascript', "<div hx-get", '<a href="javascript'):
        assert needle not in thread
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in thread


def test_the_conversation_page_does_not_query_per_message(candidate_client, candidate, django_assert_max_num_queries):
    conversation = conversation_with_reply(candidate)
    for _ in range(5):
        _q, reply = services.chat_message_post(conversation=conversation, content="More")
        services.chat_reply_finish(reply=reply, content="Sure", engine="offline")
    with django_assert_max_num_queries(14):
        assert candidate_client.get(conversation.get_absolute_url()).status_code == 200


# ------------------------------------------------------------------------------------------------
# Model faults: the no-JavaScript reply (the same gateway stream) never fails the page
# ------------------------------------------------------------------------------------------------
def test_a_model_reply_names_the_model(candidate_client, candidate, fake_llm):
    fake_llm.then(Step(kind="stream", content="**Practise structure** first."))
    start(candidate_client, content="What should I practise?")
    reply = ChatMessage.objects.get(role="assistant")
    assert (reply.engine, reply.model, reply.notice) == ("model", "kimi-k2-test", "")
    page = candidate_client.get(reply.conversation.get_absolute_url()).content.decode()
    assert "AI model (kimi-k2-test)" in page
    assert "<strong>Practise structure</strong>" in page


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_every_model_fault_ends_in_an_offline_reply_with_a_notice(fault, candidate_client, candidate, fake_llm):
    fake_llm.then(*FAULTS[fault])
    response = start(candidate_client, content="How do I negotiate salary?")
    assert response.status_code == 302
    reply = ChatMessage.objects.get(role="assistant")
    assert (reply.status, reply.engine) == ("complete", "offline")
    assert "offline coach answered instead" in reply.notice
    page = candidate_client.get(reply.conversation.get_absolute_url()).content.decode()
    assert reply.notice.replace("'", "&#x27;") in page


def test_a_truncated_model_stream_keeps_what_arrived_and_says_so(candidate_client, candidate, fake_llm):
    fake_llm.then(Step(kind="truncated_stream", content="Start with structure, then numbers, then pace."))
    start(candidate_client, content="Tips?")
    reply = ChatMessage.objects.get(role="assistant")
    assert reply.truncated
    assert reply.engine == "model"
    assert reply.content
    assert "Start with structure, then numbers, then pace.".startswith(reply.content)
    page = candidate_client.get(reply.conversation.get_absolute_url()).content.decode()
    assert "Cut short" in page


# ------------------------------------------------------------------------------------------------
# Job description, STAR drafter, question generator
# ------------------------------------------------------------------------------------------------
JOB = "We are hiring a backend engineer to build Python APIs, own PostgreSQL performance and mentor juniors."


def test_preparing_for_a_job_starts_a_conversation_with_the_job_as_data(candidate_client, candidate, fake_llm):
    fake_llm.then(Step(kind="stream", content="Expect questions on **APIs**."))
    response = candidate_client.post(reverse("copilot:job_prep"), {"role": "Backend engineer", "job_description": JOB})
    conversation = Conversation.objects.get(user=candidate)
    assert response.status_code == 302
    assert conversation.title == "Prepare: Backend engineer"
    sent = fake_llm.requests[0]["messages"][-1]["content"]
    assert sent.startswith("<<<MESSAGE ")  # the job description arrives delimited, as data
    assert JOB in sent


def test_a_too_short_job_description_re_renders_its_form(candidate_client):
    response = candidate_client.post(reverse("copilot:job_prep"), {"job_description": "short"}, headers=HTMX)
    assert 'id="job-form"' in response.content.decode()
    assert "<html" not in response.content.decode()


STAR_NOTES = {
    "question": "Tell me about a time you fixed a slow system.",
    "situation": "checkout API was slow, p95 latency 2 seconds during sales",
    "task": "I owned the latency fix before Black Friday",
    "action": "profiled queries, added an index, cached the price lookup",
    "result": "p95 fell to 300 ms and conversion rose 4%",
}


def test_the_star_drafter_gives_an_editable_answer_ready_for_the_library(candidate_client, no_llm, monkeypatch):
    monkeypatch.setattr(views, "library_create_url", lambda: "/library/new/")
    response = candidate_client.post(reverse("copilot:star_drafter"), STAR_NOTES, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'action="/library/new/"' in body
    for field in ('name="source" value="drafted"', 'name="save" value="1"', 'name="category" value="behavioral"'):
        assert field in body
    assert '<textarea id="draft-text" name="text"' in body
    assert " words · about " in body
    assert "Offline coach" in body
    assert "300 ms" in body


def test_the_star_drafter_wants_two_parts_at_least(candidate_client):
    response = candidate_client.post(reverse("copilot:star_drafter"), {"action": "I did things"})
    assert response.status_code == 400
    assert "at least two parts" in response.content.decode()


def test_the_star_drafter_survives_garbage_from_the_model(candidate_client, fake_llm):
    fake_llm.then(Step(content="not json at all"), Step(content="{still not json"))
    body = candidate_client.post(reverse("copilot:star_drafter"), STAR_NOTES).content.decode()
    assert "Offline coach" in body
    assert "did not have the expected shape" in body or "unusable" in body


def test_the_star_drafter_with_the_model(candidate_client, fake_llm):
    draft = {"title": "Fixing checkout latency", "answer": "At our shop the checkout API was slow. " * 3}
    fake_llm.then(Step(content=json.dumps(draft)))
    body = candidate_client.post(reverse("copilot:star_drafter"), STAR_NOTES).content.decode()
    assert "AI model (kimi-k2-test)" in body
    assert "Fixing checkout latency" in body


def test_the_question_generator_lists_questions_to_save_or_practise(candidate_client, no_llm, monkeypatch):
    monkeypatch.setattr(views, "library_create_url", lambda: "/library/new/")
    data = {"role": "Backend engineer", "company": "Acme", "seniority": "senior", "type": "mixed", "count": 3}
    body = candidate_client.post(reverse("copilot:question_generator"), data, headers=HTMX).content.decode()
    assert "<html" not in body
    assert body.count('class="coach-question"') == 3
    assert body.count('name="source" value="coach"') == 3
    assert body.count("/interview/setup/?question=") == 3
    assert "Offline coach" in body


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_the_question_generator_survives_every_fault(fault, candidate_client, fake_llm):
    fake_llm.then(*FAULTS[fault])
    data = {"role": "Product manager", "seniority": "any", "type": "behavioral", "count": 2}
    response = candidate_client.post(reverse("copilot:question_generator"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="coach-question"') == 2
    assert "offline coach answered instead" in body


def test_the_question_generator_with_the_model(candidate_client, fake_llm):
    questions = {"questions": [{"text": "How would you design a rate limiter for our API?", "type": "technical"}]}
    fake_llm.then(Step(content=json.dumps(questions)))
    data = {"role": "Backend engineer", "seniority": "any", "type": "technical", "count": 1}
    body = candidate_client.post(reverse("copilot:question_generator"), data).content.decode()
    assert "AI model (kimi-k2-test)" in body
    assert "design a rate limiter" in body


def _save_form(body: str) -> dict[str, str]:
    form = body[body.index(f'action="{reverse("library:answer_create")}"') :]
    form = form[: form.index("</form>")]
    data = {name: html.unescape(value) for name, value in re.findall(r'name="(\w+)" value="([^"]*)"', form)}
    text = re.search(r'name="text"[^>]*>([^<]*)</textarea>', form)
    if text:
        data["text"] = html.unescape(text.group(1))
    data.pop("csrfmiddlewaretoken", None)
    return data


def test_save_to_library_is_one_click_from_the_drafter_and_the_generator(candidate_client, candidate, no_llm):
    drafted = candidate_client.post(reverse("copilot:star_drafter"), STAR_NOTES).content.decode()
    response = candidate_client.post(reverse("library:answer_create"), _save_form(drafted))
    assert response.status_code == 302
    data = {"role": "Backend engineer", "seniority": "any", "type": "technical", "count": 1}
    generated = candidate_client.post(reverse("copilot:question_generator"), data).content.decode()
    assert candidate_client.post(reverse("library:answer_create"), _save_form(generated)).status_code == 302
    saved = {answer.source: answer for answer in candidate.saved_answers.all()}
    assert saved["drafted"].question == STAR_NOTES["question"]
    assert "300 ms" in saved["drafted"].text
    assert saved["coach"].category == "technical"
