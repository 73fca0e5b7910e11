"""The streamed reply: an async view over an async generator, read as Server-Sent Events, against no
model and a live fake Chat Completions server (faults included); Cancel keeps what arrived."""

from __future__ import annotations

import asyncio
import contextlib
import json

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from django.db import connections
from django.urls import reverse

from copilot import selectors, services, views
from copilot.models import ChatMessage
from copilot.tests.fake_openai import Step

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest_asyncio.fixture(autouse=True)
async def _close_thread_connections():
    """sync_to_async calls made by the test run in asgiref's one shared thread, whose connection
    nobody closes; on PostgreSQL it would keep the test database from being dropped."""
    yield
    await sync_to_async(connections.close_all)()


def _pending(user, content="How do I negotiate salary?"):
    conversation = services.conversation_start(user=user)
    _question, reply = services.chat_message_post(conversation=conversation, content=content)
    return reply


async def pending(user, content="How do I negotiate salary?") -> ChatMessage:
    return await sync_to_async(_pending)(user, content)


def parse(body: bytes) -> list[tuple[str, dict]]:
    events = []
    for block in body.decode().strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


async def stream(async_client, reply) -> tuple[int, list[tuple[str, dict]]]:
    url = reverse("copilot:reply_stream", args=[reply.conversation_id, reply.pk])
    response = await async_client.post(url)
    if not response.streaming:
        return response.status_code, []
    assert response["Content-Type"] == "text/event-stream"
    body = b"".join([chunk async for chunk in response.streaming_content])
    return response.status_code, parse(body)


async def stored(reply) -> ChatMessage:
    return await ChatMessage.objects.aget(pk=reply.pk)


async def test_the_offline_reply_streams_word_by_word_and_is_stored(async_client, candidate, no_llm):
    await async_client.aforce_login(candidate)
    reply = await pending(candidate)
    status, events = await stream(async_client, reply)
    kinds = [kind for kind, _ in events]
    assert status == 200
    assert kinds[0] == "start"
    assert kinds[-1] == "done"
    assert kinds.count("delta") > 10
    text = "".join(data["text"] for kind, data in events if kind == "delta")
    saved = await stored(reply)
    assert saved.content == text
    assert (saved.status, saved.engine, saved.cancelled, saved.truncated) == ("complete", "offline", False, False)
    assert events[-1][1] == {
        "url": reverse("copilot:message_detail", args=[reply.conversation_id, reply.pk]),
        "engine": "Offline coach",
        "truncated": False,
    }


async def test_the_model_reply_streams_and_the_prompt_carries_the_profile(async_client, candidate, fake_llm):
    await sync_to_async(type(candidate).objects.filter(pk=candidate.pk).update)(target_role="Data analyst")
    fake_llm.then(Step(kind="stream", content="Focus on **SQL** and storytelling with data."))
    await async_client.aforce_login(candidate)
    reply = await pending(candidate, "What should I study?")
    _status, events = await stream(async_client, reply)
    saved = await stored(reply)
    assert saved.content == "Focus on **SQL** and storytelling with data."
    assert (saved.engine, saved.model) == ("model", "kimi-k2-test")
    assert events[-1][1]["engine"] == "AI model (kimi-k2-test)"
    request = fake_llm.requests[0]
    assert request["stream"] is True
    assert "Data analyst" in request["messages"][0]["content"]
    assert "What should I study?" in request["messages"][-1]["content"]


async def test_history_is_sent_with_the_next_message(async_client, candidate, fake_llm):
    fake_llm.then(Step(kind="stream", content="First answer."))
    await async_client.aforce_login(candidate)
    first = await pending(candidate, "First question")
    await stream(async_client, first)
    conversation = await sync_to_async(lambda: first.conversation)()
    _q, second = await sync_to_async(services.chat_message_post)(conversation=conversation, content="Second question")
    await stream(async_client, second)
    messages = fake_llm.requests[1]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[2]["content"] == "First answer."
    assert "Second question" in messages[-1]["content"]


@pytest.mark.parametrize(
    "steps",
    [
        [Step(kind="status", status=500)],
        [Step(kind="status", status=429, headers={"Retry-After": "0"})],
        [Step(kind="hang", seconds=8)],
        [Step(kind="garbage_body")],
    ],
    ids=["500", "429", "hang", "garbage"],
)
async def test_a_failing_model_falls_back_to_the_offline_stream_with_a_notice(async_client, candidate, fake_llm, steps):
    fake_llm.then(*steps)
    await async_client.aforce_login(candidate)
    reply = await pending(candidate)
    status, events = await stream(async_client, reply)
    saved = await stored(reply)
    assert status == 200
    assert [kind for kind, _ in events].count("delta") > 5
    assert (saved.engine, saved.status) == ("offline", "complete")
    assert "offline coach answered instead" in saved.notice


async def test_a_truncated_model_stream_is_stored_flagged(async_client, candidate, fake_llm):
    fake_llm.then(Step(kind="truncated_stream", content="Lead with the result, then explain how you got there."))
    await async_client.aforce_login(candidate)
    reply = await pending(candidate)
    _status, events = await stream(async_client, reply)
    saved = await stored(reply)
    assert saved.truncated
    assert saved.engine == "model"
    assert "broke off" in saved.notice
    assert events[-1][1]["truncated"] is True


async def test_a_reply_streams_once(async_client, candidate, no_llm):
    await async_client.aforce_login(candidate)
    reply = await pending(candidate)
    assert (await stream(async_client, reply))[0] == 200
    status, events = await stream(async_client, reply)
    assert (status, events) == (409, [])


async def test_a_user_message_cannot_be_streamed_into(async_client, candidate, no_llm):
    await async_client.aforce_login(candidate)
    reply = await pending(candidate)
    question = await ChatMessage.objects.aget(conversation_id=reply.conversation_id, role="user")
    assert (await stream(async_client, question))[0] == 409


async def test_another_candidate_cannot_stream_the_reply(async_client, candidate, other_candidate, no_llm):
    reply = await pending(candidate)
    await async_client.aforce_login(other_candidate)
    assert (await stream(async_client, reply))[0] == 404
    assert (await stored(reply)).status == "pending"


async def test_anonymous_and_wrong_method(async_client, candidate):
    reply = await pending(candidate)
    url = reverse("copilot:reply_stream", args=[reply.conversation_id, reply.pk])
    response = await async_client.post(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    await async_client.aforce_login(candidate)
    assert (await async_client.get(url)).status_code == 405


async def test_cancelling_keeps_what_arrived_flagged(candidate, fake_llm):
    """The browser aborts the fetch: Django cancels the task consuming the generator; the reply keeps
    the text that had arrived and is marked cancelled."""
    chunks = ["Start ", "with ", "the ", "result. ", "Then ", "the ", "steps."]
    fake_llm.then(Step(kind="slow_stream", chunks=chunks, seconds=0.4))
    reply = await pending(candidate)
    await sync_to_async(services.chat_reply_claim)(reply=reply)
    prompt = await sync_to_async(selectors.coach_prompt_for_reply)(user=candidate, reply=reply)
    received: list[str] = []
    two_deltas = asyncio.Event()

    async def consume():
        async for chunk in views._reply_events(candidate, reply, prompt):
            if chunk.startswith(b"event: delta"):
                received.append(json.loads(chunk.decode().split("data: ", 1)[1])["text"])
                if len(received) == 2:
                    two_deltas.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(two_deltas.wait(), timeout=10)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    saved = await stored(reply)
    assert saved.cancelled
    assert saved.status == "complete"
    assert saved.content == "Start with "
    assert saved.notice == services.STOPPED_NOTICE
    await asyncio.sleep(0.6)  # the model stream is closed in the background once its chunk lands
