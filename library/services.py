"""Writes to the Library. Views, admin actions and other apps (the Coach, later the interviews app) call
these; none of them saves a model directly."""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from copilot.ai import features
from copilot.ai.gateway import AIResult
from copilot.ai.schemas import AnswerFeedback
from library.models import TAG_MAX, TAGS_PER_ANSWER, AnswerRehearsal, Category, SavedAnswer, Source, Tag
from library.signals import answer_saved

# A second identical save without a token within this window is a double click, not a new answer.
DOUBLE_SUBMIT_WINDOW = datetime.timedelta(seconds=10)
CONTENT_FIELDS = ("title", "question", "category", "situation", "task", "action", "result", "text")


def normalize_tags(names: Iterable[str] | str) -> list[str]:
    """'Team Work, #conflict, conflict' → ['team-work', 'conflict']: lower case, dashes, no '#', unique."""
    if isinstance(names, str):
        names = names.split(",")
    seen: list[str] = []
    for raw in names:
        name = re.sub(r"\s+", "-", str(raw).strip().lstrip("#").strip().lower())[:TAG_MAX].strip("-")
        if name and name not in seen:
            seen.append(name)
    return seen[:TAGS_PER_ANSWER]


def _tags_set(*, answer: SavedAnswer, names: Iterable[str] | str) -> None:
    names = normalize_tags(names)
    tags = []
    for name in names:
        tag, _ = Tag.objects.get_or_create(user=answer.user, name=name)
        tags.append(tag)
    answer.tags.set(tags)
    tags_text = " ".join(names)
    if answer.tags_text != tags_text:
        answer.tags_text = tags_text
        SavedAnswer.objects.filter(pk=answer.pk).update(tags_text=tags_text)


def _recent_twin(*, user, fields: dict) -> SavedAnswer | None:
    since = timezone.now() - DOUBLE_SUBMIT_WINDOW
    return SavedAnswer.objects.filter(user=user, created_at__gte=since, **fields).order_by("-id").first()


def answer_create(
    *,
    user,
    title: str,
    question: str,
    category: str = Category.BEHAVIORAL,
    tags: Iterable[str] | str = (),
    situation: str = "",
    task: str = "",
    action: str = "",
    result: str = "",
    text: str = "",
    is_favorite: bool = False,
    source: str = Source.WRITTEN,
    idempotency_key: uuid.UUID | None = None,
) -> SavedAnswer:
    """Save a new answer and tell other apps (``answer_saved``, on commit).

    Idempotent per form: with an ``idempotency_key`` already used by this user the existing answer is
    returned unchanged (the unique constraint settles two racing requests). Without a key, an identical
    answer saved by the same user in the last few seconds is returned instead of a copy.
    """
    fields = {
        "title": title.strip(),
        "question": question.strip(),
        "category": category,
        "situation": situation.strip(),
        "task": task.strip(),
        "action": action.strip(),
        "result": result.strip(),
        "text": text.strip(),
    }
    if idempotency_key is not None:
        existing = SavedAnswer.objects.filter(user=user, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    elif (twin := _recent_twin(user=user, fields=fields)) is not None:
        return twin
    try:
        with transaction.atomic():
            answer = SavedAnswer.objects.create(
                user=user, is_favorite=is_favorite, source=source, idempotency_key=idempotency_key, **fields
            )
            _tags_set(answer=answer, names=tags)
    except IntegrityError:
        if idempotency_key is None:
            raise
        return SavedAnswer.objects.get(user=user, idempotency_key=idempotency_key)
    transaction.on_commit(lambda: answer_saved.send(sender=SavedAnswer, user=user, answer_id=answer.pk))
    return answer


@transaction.atomic
def answer_update(
    *,
    answer: SavedAnswer,
    title: str,
    question: str,
    category: str,
    tags: Iterable[str] | str,
    situation: str = "",
    task: str = "",
    action: str = "",
    result: str = "",
    text: str = "",
    is_favorite: bool = False,
) -> SavedAnswer:
    answer.title = title.strip()
    answer.question = question.strip()
    answer.category = category
    answer.situation = situation.strip()
    answer.task = task.strip()
    answer.action = action.strip()
    answer.result = result.strip()
    answer.text = text.strip()
    answer.is_favorite = is_favorite
    answer.save(update_fields=[*CONTENT_FIELDS, "is_favorite", "updated_at"])
    _tags_set(answer=answer, names=tags)
    return answer


def answer_delete(*, answer: SavedAnswer) -> None:
    """Delete the answer and its rehearsals; tags nobody uses any more go too."""
    with transaction.atomic():
        user = answer.user
        answer.delete()
        Tag.objects.filter(user=user, answers__isnull=True).delete()


@transaction.atomic
def answer_duplicate(*, answer: SavedAnswer) -> SavedAnswer:
    """A copy to vary: same content and tags, not a favourite, no rehearsals. Sends no ``answer_saved``
    (a copy is not a new story)."""
    title = f"Copy of {answer.title}"[: SavedAnswer._meta.get_field("title").max_length]
    copy = SavedAnswer.objects.create(
        user=answer.user,
        title=title,
        source=answer.source,
        **{field: getattr(answer, field) for field in CONTENT_FIELDS if field != "title"},
    )
    _tags_set(answer=copy, names=[tag.name for tag in answer.tags.all()])
    return copy


def answer_set_favorite(*, answer: SavedAnswer, is_favorite: bool) -> SavedAnswer:
    """Sets (not toggles) the flag, so a repeated request changes nothing."""
    if answer.is_favorite != is_favorite:
        answer.is_favorite = is_favorite
        answer.save(update_fields=["is_favorite"])
    return answer


def answer_rehearsal_record(
    *, answer: SavedAnswer, session_id: int | None = None, score: int | None = None, note: str = ""
) -> AnswerRehearsal:
    """One rehearsal of the answer. "Rehearse this answer" records it before sending the user to the
    Green Room; the interviews app will call this with its session id and score when it lands."""
    if score is not None and not 0 <= score <= 100:
        raise ValueError("score is a percentage (0–100)")
    return AnswerRehearsal.objects.create(answer=answer, session_id=session_id, score=score, note=note.strip())


def answer_improve(*, user, answer: SavedAnswer) -> AIResult[AnswerFeedback]:
    """Feedback and a rewrite from the AI gateway (model or offline engine). Writes only usage counters."""
    return features.answer_feedback(user=user, question=answer.question, answer=answer.spoken_text)
