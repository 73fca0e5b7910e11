from __future__ import annotations

import logging
from dataclasses import asdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from copilot.ai import features
from copilot.ai.gateway import StreamEvent
from copilot.models import AIUsageDaily, ChatMessage, Conversation, Question
from copilot.selectors import coach_prompt_for_reply, unfinished_reply
from copilot.signals import coach_message_sent

logger = logging.getLogger(__name__)


def ai_usage_limit_reason(*, user) -> str:
    """Empty when the user may call the model now; otherwise the message they see.

    Limits are per subscription tier and per UTC day (settings.AI_DAILY_LIMITS)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    tier = getattr(user, "tier", "free")
    limits = settings.AI_DAILY_LIMITS.get(tier) or settings.AI_DAILY_LIMITS["free"]
    usage = AIUsageDaily.objects.filter(user=user, day=timezone.now().date()).first()
    if usage is None:
        return ""
    plan = tier.capitalize()
    if usage.calls >= limits["calls"]:
        return (
            f"You've used today's {limits['calls']} AI model calls on the {plan} plan, so the offline coach "
            "answers until midnight UTC."
        )
    if usage.total_tokens >= limits["tokens"]:
        return (
            f"You've used today's {limits['tokens']:,} AI tokens on the {plan} plan, so the offline coach "
            "answers until midnight UTC."
        )
    return ""


def ai_usage_record(
    *,
    user,
    engine: str,
    prompt_tokens: int = 0,
    completion_tokens: int = 0,
    fallback: bool = False,
    limited: bool = False,
) -> None:
    """Add one call to the user's row for today; concurrent calls never lose an update (F())."""
    if user is None or not getattr(user, "is_authenticated", False):
        return
    day = timezone.now().date()
    changes = {
        "calls": F("calls") + (1 if engine == "model" else 0),
        "offline_calls": F("offline_calls") + (1 if engine == "offline" else 0),
        "prompt_tokens": F("prompt_tokens") + prompt_tokens,
        "completion_tokens": F("completion_tokens") + completion_tokens,
        "fallbacks": F("fallbacks") + (1 if fallback else 0),
        "limited": F("limited") + (1 if limited else 0),
    }
    if AIUsageDaily.objects.filter(user=user, day=day).update(**changes):
        return
    try:
        with transaction.atomic():
            AIUsageDaily.objects.create(user=user, day=day)
    except IntegrityError:
        pass  # another request created today's row first
    AIUsageDaily.objects.filter(user=user, day=day).update(**changes)


SYNCED_FIELDS = ("text", "role_family", "competency", "type", "difficulty", "seniority", "guidance")


def question_bank_sync(*, rows: list[dict[str, str]], prune: bool = False) -> dict[str, int]:
    """Upsert ``rows`` into Question by ``key`` in one transaction. Rows staff edited in admin
    (``edited_by_staff``) are skipped; unchanged rows are not written. ``prune`` deactivates questions
    whose key is no longer in the files (staff-edited ones too: their source is gone). Idempotent."""
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0, "deactivated": 0}
    with transaction.atomic():
        existing = {q.key: q for q in Question.objects.select_for_update().filter(key__in=[r["key"] for r in rows])}
        for row in rows:
            question = existing.get(row["key"])
            if question is None:
                Question.objects.create(**row)
                counts["created"] += 1
            elif question.edited_by_staff:
                counts["skipped"] += 1
            else:
                changed = [f for f in SYNCED_FIELDS if getattr(question, f) != row[f]]
                for field in changed:
                    setattr(question, field, row[field])
                if not question.is_active:  # back in the files: reactivate what --prune retired
                    question.is_active = True
                    changed.append("is_active")
                if changed:
                    question.save(update_fields=[*changed, "updated_at"])
                    counts["updated"] += 1
                else:
                    counts["unchanged"] += 1
        if prune:
            keys = [r["key"] for r in rows]
            counts["deactivated"] = (
                Question.objects.filter(is_active=True).exclude(key__in=keys).update(is_active=False)
            )
    return counts


# ------------------------------------------------------------------------------------------------
# Coach conversations
# ------------------------------------------------------------------------------------------------
DEFAULT_TITLE = "New conversation"
STOPPED_NOTICE = "You stopped this reply; what arrived is kept."
FAILED_NOTICE = "The Coach could not finish this reply. Please send your message again."


class CoachBusy(Exception):
    """A reply is still being written in this conversation: the new message is refused."""

    message = "The Coach is still answering your last message. Wait for it to finish (or stop it), then send."


def _title_from(text: str) -> str:
    text = " ".join((text or "").split())
    return (text[:77] + "…") if len(text) > 80 else (text or DEFAULT_TITLE)


def conversation_start(*, user, title: str = "", persona: str = "") -> Conversation:
    return Conversation.objects.create(user=user, title=_title_from(title), persona=persona or "")


def conversation_rename(*, conversation: Conversation, title: str) -> Conversation:
    conversation.title = _title_from(title)
    conversation.save(update_fields=["title", "updated_at"])
    return conversation


def conversation_delete(*, conversation: Conversation) -> None:
    conversation.delete()  # messages go with it (CASCADE)


def chat_message_post(*, conversation: Conversation, content: str) -> tuple[ChatMessage, ChatMessage]:
    """Store the user's message and an empty ``pending`` reply for the stream to claim.

    The conversation row is locked (``select_for_update``) while the guard runs, so two concurrent
    posts (a double-clicked Send) cannot both pass it: the second raises ``CoachBusy``."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if unfinished_reply(conversation=locked) is not None:
            raise CoachBusy(CoachBusy.message)
        question = ChatMessage.objects.create(conversation=locked, role=ChatMessage.Role.USER, content=content)
        reply = ChatMessage.objects.create(
            conversation=locked, role=ChatMessage.Role.ASSISTANT, status=ChatMessage.Status.PENDING
        )
        if locked.title == DEFAULT_TITLE:
            locked.title = _title_from(content)
        locked.save(update_fields=["title", "updated_at"])
        transaction.on_commit(
            lambda: coach_message_sent.send(
                sender=ChatMessage, user_id=locked.user_id, message_id=question.pk, conversation_id=locked.pk
            )
        )
    conversation.title = locked.title
    return question, reply


def chat_reply_claim(*, reply: ChatMessage) -> bool:
    """True for exactly one caller: a conditional update moves the reply from pending to streaming."""
    claimed = ChatMessage.objects.filter(pk=reply.pk, status=ChatMessage.Status.PENDING).update(
        status=ChatMessage.Status.STREAMING
    )
    return claimed == 1


def chat_reply_finish(
    *,
    reply: ChatMessage,
    content: str,
    engine: str = "",
    model: str = "",
    notice: str = "",
    truncated: bool = False,
    cancelled: bool = False,
) -> ChatMessage:
    """Fill in a claimed reply once (later calls change nothing) and return it as stored."""
    ChatMessage.objects.filter(pk=reply.pk).exclude(status=ChatMessage.Status.COMPLETE).update(
        status=ChatMessage.Status.COMPLETE,
        content=content,
        engine=engine,
        model=model[:120],
        notice=notice[:300],
        truncated=truncated,
        cancelled=cancelled,
    )
    Conversation.objects.filter(pk=reply.conversation_id).update(updated_at=timezone.now())
    return ChatMessage.objects.get(pk=reply.pk)


def chat_reply_finish_from_event(*, reply: ChatMessage, event: StreamEvent | None, received: str) -> ChatMessage:
    """Store the reply from the stream's ``done`` event, or what arrived when there was none."""
    if event is None or event.result is None:
        return chat_reply_finish(reply=reply, content=received, truncated=bool(received), notice=FAILED_NOTICE)
    result = event.result
    return chat_reply_finish(
        reply=reply,
        content=result.value,
        engine=result.engine,
        model=result.model,
        notice=result.notice,
        truncated=event.truncated,
    )


def chat_reply_generate(*, user, reply: ChatMessage) -> ChatMessage:
    """The whole reply at once (the no-JavaScript path): claim, run the stream to its end, store."""
    if not chat_reply_claim(reply=reply):
        return ChatMessage.objects.get(pk=reply.pk)
    prompt = coach_prompt_for_reply(user=user, reply=reply)
    parts: list[str] = []
    done: StreamEvent | None = None
    try:
        for event in features.coach_stream(user=user, **asdict(prompt)):
            if event.kind == "delta":
                parts.append(event.text)
            else:
                done = event
    except Exception:  # the gateway falls back by itself; this is the last line of defence
        logger.exception("Coach reply %s failed", reply.pk)
    return chat_reply_finish_from_event(reply=reply, event=done, received="".join(parts))
