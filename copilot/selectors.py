"""Reads for the Coach. Every read of a conversation is scoped to its owner: a foreign id is a 404."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.selectors import user_profile_summary
from copilot.models import ChatMessage, Conversation, Question
from copilot.weak_areas import weak_areas_for_user

HISTORY_TURNS = 24  # the gateway keeps the last 12 of these; older turns only cost tokens
QUESTION_FIELDS = ("key", "text", "role_family", "competency", "type", "difficulty", "seniority", "guidance")


def conversation_list_for_user(*, user, limit: int = 50) -> QuerySet[Conversation]:
    return Conversation.objects.filter(user=user, archived=False).only("id", "title", "updated_at")[:limit]


def conversation_get_for_user(*, user, conversation_id: int) -> Conversation:
    return get_object_or_404(Conversation, pk=conversation_id, user=user)


def chat_message_get_for_user(*, user, conversation_id: int, message_id: int) -> ChatMessage:
    return get_object_or_404(
        ChatMessage.objects.select_related("conversation"),
        pk=message_id,
        conversation_id=conversation_id,
        conversation__user=user,
    )


def conversation_messages(*, conversation: Conversation) -> list[ChatMessage]:
    return list(conversation.messages.all())


def unfinished_reply(*, conversation: Conversation) -> ChatMessage | None:
    """The conversation's reply that is waiting or being written right now, if any."""
    last = conversation.messages.order_by("-id").first()
    if last is None or last.role != ChatMessage.Role.ASSISTANT or last.status == ChatMessage.Status.COMPLETE:
        return None
    return None if last.is_stale else last


@dataclass(frozen=True)
class CoachPrompt:
    """Everything ``features.coach_stream`` needs, read before the stream starts."""

    message: str
    history: list[dict[str, str]]
    profile: dict[str, str]
    weak_areas: list[dict]
    persona_key: str | None


def coach_prompt_for_reply(*, user, reply: ChatMessage) -> CoachPrompt:
    """The prompt for ``reply``: the user message just before it and the finished turns before that."""
    earlier = list(
        reply.conversation.messages.filter(id__lt=reply.id)
        .exclude(content="")
        .order_by("-id")
        .values("role", "content", "status")[: HISTORY_TURNS + 1]
    )
    earlier.reverse()
    question = earlier.pop()["content"] if earlier and earlier[-1]["role"] == ChatMessage.Role.USER else ""
    return CoachPrompt(
        message=question,
        history=[{"role": turn["role"], "content": turn["content"]} for turn in earlier],
        profile=user_profile_summary(user=user),
        weak_areas=weak_areas_for_user(user),
        persona_key=reply.conversation.persona or None,
    )


def question_bank_as_dicts() -> list[dict]:
    """Active questions of the bank as plain dicts (what the offline engine takes)."""
    return [{**row, "is_active": True} for row in Question.objects.filter(is_active=True).values(*QUESTION_FIELDS)]
