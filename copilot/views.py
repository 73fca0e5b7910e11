"""The Coach: conversations with streamed replies, the STAR drafter and the question generator.

Streaming: sending a message stores it with an empty ``pending`` reply; the page then POSTs to
``reply_stream``, an async view whose async generator pulls the sync ``features.coach_stream`` iterator one
item at a time in a worker thread and writes Server-Sent Events (``start``, ``delta``, ``done``). The reply
is stored when the stream ends, or — when the browser goes away (Cancel) — with what arrived, flagged.
Without JavaScript the same post runs the reply to its end and redirects.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.db import close_old_connections
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from accounts.decorators import candidate_required
from copilot import selectors, services
from copilot.ai import features, offline
from copilot.ai.offline.text import words
from copilot.forms import (
    ConversationStartForm,
    JobPrepForm,
    MessageForm,
    QuestionGeneratorForm,
    RenameForm,
    StarForm,
)
from copilot.models import ChatMessage, Conversation

logger = logging.getLogger(__name__)

WEAK_AREAS_MESSAGE = "What should I work on? Review my weak areas."
SUGGESTIONS = (
    "How do I answer “Tell me about yourself”?",
    "Give me practice questions for my target role",
    "How should I answer a question about conflict?",
    "How do I negotiate salary?",
)
# The user's experience level → the question bank's seniority.
LEVEL_TO_SENIORITY = {"student": "junior", "entry": "junior", "mid": "mid", "senior": "senior", "lead": "lead"}


# ------------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------------
def library_create_url() -> str:
    """The Library's "new answer" URL, or "" while the Library has not shipped it."""
    try:
        return reverse("library:answer_create")
    except NoReverseMatch:
        return ""


def _detail_url(conversation: Conversation, message: ChatMessage | None = None) -> str:
    url = reverse("copilot:conversation_detail", args=[conversation.pk])
    return f"{url}#msg-{message.pk}" if message else url


def _practise_question(user) -> str:
    """One bank question for the user's target role, different each day (the "practise now" link)."""
    picked = offline.select_questions(
        selectors.question_bank_as_dicts(),
        role=user.target_role or "",
        count=1,
        seed=f"{user.pk}-{timezone.now().date()}",
    )
    return picked.questions[0].text if picked.questions else ""


def _draft_stats(answer: str) -> dict:
    seconds = offline.estimate_speaking_seconds(answer)
    return {"words": len(words(answer)), "seconds": seconds, "spoken": f"{seconds // 60}:{seconds % 60:02d}"}


def _sidebar(request, conversation: Conversation | None = None) -> dict:
    return {
        "conversations": selectors.conversation_list_for_user(user=request.user),
        "current": conversation,
        "job_form": JobPrepForm(),
        "practise_question": _practise_question(request.user),
        "weak_areas_message": WEAK_AREAS_MESSAGE,
    }


def _conversation_page(request, conversation: Conversation, form: MessageForm, *, status: int = 200):
    context = {
        **_sidebar(request, conversation),
        "conversation": conversation,
        "thread": selectors.conversation_messages(conversation=conversation),
        "form": form,
    }
    return render(request, "copilot/conversation.html", context, status=status)


def _start(request, *, title: str, content: str, persona: str = ""):
    """A new conversation with its first message: the page streams the reply (HTMX), or it is written now."""
    conversation = services.conversation_start(user=request.user, title=title or content, persona=persona)
    _question, reply = services.chat_message_post(conversation=conversation, content=content)
    if request.htmx:
        return HttpResponseClientRedirect(_detail_url(conversation))
    services.chat_reply_generate(user=request.user, reply=reply)
    return redirect(_detail_url(conversation, reply))


# ------------------------------------------------------------------------------------------------
# Conversations
# ------------------------------------------------------------------------------------------------
@candidate_required
@require_safe
def coach(request):
    context = {**_sidebar(request), "form": ConversationStartForm(), "suggestions": SUGGESTIONS}
    return render(request, "copilot/coach.html", context)


@candidate_required
@require_POST
def conversation_create(request):
    form = ConversationStartForm(request.POST)
    if form.is_valid():
        return _start(request, title="", content=form.cleaned_data["content"], persona=form.cleaned_data["persona"])
    if request.htmx:
        response = render(request, "copilot/coach.html#start_form", {"form": form})
        return reswap(retarget(response, "#start-form"), "outerHTML")
    context = {**_sidebar(request), "form": form, "suggestions": SUGGESTIONS}
    return render(request, "copilot/coach.html", context, status=400)


@candidate_required
@require_http_methods(["GET", "POST"])
def job_prep(request):
    form = JobPrepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        title = f"Prepare: {form.cleaned_data['role'] or 'job description'}"
        return _start(request, title=title, content=form.message(default_role=request.user.target_role or ""))
    template = "copilot/job_prep.html#job_form" if request.htmx else "copilot/job_prep.html"
    return render(request, template, {"job_form": form}, status=400 if form.errors else 200)


@candidate_required
@require_safe
def conversation_detail(request, conversation_id: int):
    conversation = selectors.conversation_get_for_user(user=request.user, conversation_id=conversation_id)
    if request.htmx:
        thread = selectors.conversation_messages(conversation=conversation)
        return render(request, "copilot/conversation.html#thread", {"conversation": conversation, "thread": thread})
    return _conversation_page(request, conversation, MessageForm())


@candidate_required
@require_POST
def message_create(request, conversation_id: int):
    conversation = selectors.conversation_get_for_user(user=request.user, conversation_id=conversation_id)
    form = MessageForm(request.POST)
    busy = False
    if form.is_valid():
        try:
            content = form.cleaned_data["content"]
            question, reply = services.chat_message_post(conversation=conversation, content=content)
        except services.CoachBusy as refusal:
            busy = True
            form.add_error(None, refusal.message)
        else:
            if request.htmx:
                context = {"conversation": conversation, "sent": [question, reply], "form": MessageForm()}
                return render(request, "copilot/conversation.html#sent", context)
            services.chat_reply_generate(user=request.user, reply=reply)
            return redirect(_detail_url(conversation, reply))
    if request.htmx:
        response = render(request, "copilot/conversation.html#composer", {"conversation": conversation, "form": form})
        return reswap(retarget(response, "#composer"), "outerHTML")
    return _conversation_page(request, conversation, form, status=409 if busy else 400)


@candidate_required
@require_safe
def message_detail(request, conversation_id: int, message_id: int):
    msg = selectors.chat_message_get_for_user(user=request.user, conversation_id=conversation_id, message_id=message_id)
    if not request.htmx:
        return redirect(_detail_url(msg.conversation, msg))
    return render(request, "copilot/conversation.html#message", {"msg": msg, "conversation": msg.conversation})


@candidate_required
@require_http_methods(["GET", "POST"])
def conversation_rename(request, conversation_id: int):
    conversation = selectors.conversation_get_for_user(user=request.user, conversation_id=conversation_id)
    form = RenameForm(request.POST or None, initial={"title": conversation.title})
    if request.method == "POST" and form.is_valid():
        services.conversation_rename(conversation=conversation, title=form.cleaned_data["title"])
        if request.htmx:
            return render(request, "copilot/conversation.html#heading", {"conversation": conversation})
        return redirect(_detail_url(conversation))
    template = "copilot/rename.html#rename_form" if request.htmx else "copilot/rename.html"
    return render(request, template, {"conversation": conversation, "form": form}, status=400 if form.errors else 200)


@candidate_required
@require_http_methods(["GET", "POST"])
def conversation_delete(request, conversation_id: int):
    conversation = selectors.conversation_get_for_user(user=request.user, conversation_id=conversation_id)
    if request.method == "POST":
        services.conversation_delete(conversation=conversation)
        messages.success(request, "Conversation deleted.")
        return redirect("copilot:coach")
    return render(request, "copilot/delete.html", {"conversation": conversation})


# ------------------------------------------------------------------------------------------------
# Streaming
# ------------------------------------------------------------------------------------------------
class _Pull:
    """Pull a sync iterator one item per call from worker threads; ``close`` waits for an in-flight
    ``next`` (a generator cannot be closed while it runs)."""

    def __init__(self, iterator: Iterator) -> None:
        self.iterator = iterator
        self.lock = threading.Lock()

    def next(self):
        with self.lock:
            try:
                return next(self.iterator, None)
            finally:
                close_old_connections()  # worker threads get no request_finished to close theirs

    def close(self) -> None:
        with self.lock:
            try:
                self.iterator.close()
            finally:
                close_old_connections()


def _sse(event: str, data: dict) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


async def _reply_events(user, reply: ChatMessage, prompt: selectors.CoachPrompt) -> AsyncIterator[bytes]:
    url = reverse("copilot:message_detail", args=[reply.conversation_id, reply.pk])
    pull = _Pull(features.coach_stream(user=user, **asdict(prompt)))
    parts: list[str] = []
    done = None
    stored = False
    try:
        yield _sse("start", {"url": url})
        # thread_sensitive=False: a slow model must not hold the request's sync thread.
        while (event := await sync_to_async(pull.next, thread_sensitive=False)()) is not None:
            if event.kind == "delta":
                parts.append(event.text)
                yield _sse("delta", {"text": event.text})
            else:
                done = event
        saved = await sync_to_async(services.chat_reply_finish_from_event)(
            reply=reply, event=done, received="".join(parts)
        )
        stored = True
        yield _sse("done", {"url": url, "engine": saved.engine_label, "truncated": saved.truncated})
    except Exception:  # never a broken page: store what arrived and say so
        logger.exception("Coach stream for reply %s failed", reply.pk)
        if not stored:
            await sync_to_async(services.chat_reply_finish_from_event)(reply=reply, event=None, received="".join(parts))
            stored = True
            yield _sse("done", {"url": url, "engine": "", "truncated": True})
    finally:
        if not stored:  # the browser went away (Cancel, a closed tab): keep what arrived, flagged
            await asyncio.shield(
                sync_to_async(services.chat_reply_finish)(
                    reply=reply, content="".join(parts), cancelled=True, notice=services.STOPPED_NOTICE
                )
            )
            asyncio.get_running_loop().run_in_executor(None, pull.close)


@candidate_required
@require_POST
async def reply_stream(request, conversation_id: int, message_id: int):
    user = await request.auser()
    reply = await sync_to_async(selectors.chat_message_get_for_user)(
        user=user, conversation_id=conversation_id, message_id=message_id
    )
    claimed = reply.role == ChatMessage.Role.ASSISTANT and await sync_to_async(services.chat_reply_claim)(reply=reply)
    if not claimed:
        return HttpResponse("This reply is already written or being written.", status=409, content_type="text/plain")
    prompt = await sync_to_async(selectors.coach_prompt_for_reply)(user=user, reply=reply)
    response = StreamingHttpResponse(_reply_events(user, reply, prompt), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx and friends: pass each event through at once
    return response


# ------------------------------------------------------------------------------------------------
# STAR drafter and question generator
# ------------------------------------------------------------------------------------------------
@candidate_required
@require_http_methods(["GET", "POST"])
def star_drafter(request):
    form = StarForm(request.POST or None, initial={"question": request.GET.get("question", "")[:400]})
    result = stats = None
    if request.method == "POST" and form.is_valid():
        result = features.draft_star(user=request.user, role=request.user.target_role or "", **form.cleaned_data)
        stats = _draft_stats(result.value.answer)
    context = {"form": form, "result": result, "stats": stats, "library_url": library_create_url()}
    template = "copilot/star.html#drafter" if request.htmx else "copilot/star.html"
    return render(request, template, context, status=400 if form.errors else 200)


@candidate_required
@require_http_methods(["GET", "POST"])
def question_generator(request):
    level = request.user.experience_level
    seniority = LEVEL_TO_SENIORITY.get(level, "lead" if level else "any")
    initial = {"role": request.user.target_role or "", "seniority": seniority}
    form = QuestionGeneratorForm(request.POST or None, initial=initial)
    result = None
    if request.method == "POST" and form.is_valid():
        result = features.generate_questions(
            user=request.user, bank=selectors.question_bank_as_dicts(), **form.cleaned_data
        )
    context = {"form": form, "result": result, "library_url": library_create_url()}
    template = "copilot/questions.html#generator" if request.htmx else "copilot/questions.html"
    return render(request, template, context, status=400 if form.errors else 200)
