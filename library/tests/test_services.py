from __future__ import annotations

import uuid

import pytest

from library import services
from library.models import AnswerRehearsal, SavedAnswer, Tag
from library.signals import answer_saved
from library.tests.factories import SavedAnswerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_signals():
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    answer_saved.connect(receiver)
    yield received
    answer_saved.disconnect(receiver)


def test_it_creates_an_answer_with_normalised_tags(candidate):
    answer = services.answer_create(
        user=candidate,
        title="  Led the migration ",
        question="Tell me about leading a project.",
        category="leadership",
        tags="Team Work, #conflict, conflict, ",
        action="I planned it.",
    )
    assert answer.title == "Led the migration"
    assert sorted(tag.name for tag in answer.tags.all()) == ["conflict", "team-work"]
    assert SavedAnswer.objects.get(pk=answer.pk).tags_text == "team-work conflict"


def test_tags_are_per_user(candidate, other_candidate):
    services.answer_create(user=candidate, title="A", question="Q?", tags=["python"])
    services.answer_create(user=other_candidate, title="B", question="Q?", tags=["python"])
    assert Tag.objects.filter(name="python").count() == 2


def test_it_sends_answer_saved_once_after_commit(candidate, saved_signals, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        answer = services.answer_create(user=candidate, title="A", question="Q?")
    assert saved_signals == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert saved_signals == [{"signal": answer_saved, "user": candidate, "answer_id": answer.pk}]


def test_the_same_idempotency_key_returns_the_first_answer(
    candidate, saved_signals, django_capture_on_commit_callbacks
):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.answer_create(user=candidate, title="A", question="Q?", idempotency_key=key)
        second = services.answer_create(user=candidate, title="A changed", question="Q?", idempotency_key=key)
    assert first.pk == second.pk
    assert SavedAnswer.objects.filter(user=candidate).count() == 1
    assert len(saved_signals) == 1


def test_another_users_key_does_not_collide(candidate, other_candidate):
    key = uuid.uuid4()
    services.answer_create(user=candidate, title="A", question="Q?", idempotency_key=key)
    services.answer_create(user=other_candidate, title="A", question="Q?", idempotency_key=key)
    assert SavedAnswer.objects.count() == 2


def test_an_identical_keyless_save_seconds_later_is_a_double_click(candidate):
    first = services.answer_create(user=candidate, title="A", question="Q?", text="Same")
    second = services.answer_create(user=candidate, title="A", question="Q?", text="Same")
    different = services.answer_create(user=candidate, title="A", question="Q?", text="Other")
    assert first.pk == second.pk
    assert different.pk != first.pk


def test_update_replaces_content_and_tags(candidate):
    answer = SavedAnswerFactory(user=candidate, tags=["old"])
    services.answer_update(
        answer=answer, title="New", question="New Q?", category="technical", tags=["fresh", "new"], text="Body"
    )
    answer.refresh_from_db()
    assert (answer.title, answer.category, answer.text, answer.tags_text) == ("New", "technical", "Body", "fresh new")
    assert answer.situation == ""


def test_delete_removes_rehearsals_and_orphan_tags(candidate):
    answer = SavedAnswerFactory(user=candidate, tags=["only-here", "shared"])
    SavedAnswerFactory(user=candidate, tags=["shared"])
    services.answer_rehearsal_record(answer=answer)
    services.answer_delete(answer=answer)
    assert not AnswerRehearsal.objects.exists()
    assert list(Tag.objects.filter(user=candidate).values_list("name", flat=True)) == ["shared"]


def test_duplicate_copies_content_and_tags_but_not_history(
    candidate, saved_signals, django_capture_on_commit_callbacks
):
    answer = SavedAnswerFactory(user=candidate, tags=["conflict"], is_favorite=True, source="coach")
    services.answer_rehearsal_record(answer=answer, score=70)
    with django_capture_on_commit_callbacks(execute=True):
        copy = services.answer_duplicate(answer=answer)
    assert copy.pk != answer.pk
    assert copy.title == f"Copy of {answer.title}"
    assert (copy.question, copy.action, copy.source) == (answer.question, answer.action, "coach")
    assert [tag.name for tag in copy.tags.all()] == ["conflict"]
    assert not copy.is_favorite
    assert copy.rehearsals.count() == 0
    assert saved_signals == []


def test_set_favorite_is_idempotent(candidate):
    answer = SavedAnswerFactory(user=candidate)
    services.answer_set_favorite(answer=answer, is_favorite=True)
    services.answer_set_favorite(answer=answer, is_favorite=True)
    answer.refresh_from_db()
    assert answer.is_favorite


def test_rehearsal_keeps_score_session_and_note(candidate):
    answer = SavedAnswerFactory(user=candidate)
    rehearsal = services.answer_rehearsal_record(answer=answer, session_id=42, score=88, note=" Good pace ")
    assert (rehearsal.session_id, rehearsal.score, rehearsal.note) == (42, 88, "Good pace")
    with pytest.raises(ValueError, match="percentage"):
        services.answer_rehearsal_record(answer=answer, score=101)


def test_improve_goes_through_the_ai_gateway(candidate):
    answer = SavedAnswerFactory(user=candidate, text="")
    result = services.answer_improve(user=candidate, answer=answer)
    assert result.engine == "offline"
    assert result.engine_label == "Offline coach"
    assert 0 <= result.value.score <= 100
    assert result.value.rewrite


def test_normalize_tags_limits():
    assert services.normalize_tags(["  Machine   Learning ", "#ML", "ml"]) == ["machine-learning", "ml"]
    assert len(services.normalize_tags([f"t{i}" for i in range(40)])) == 12
