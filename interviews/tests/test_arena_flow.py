# ruff: noqa: F811 — pytest fixtures imported by name
"""The Arena's turn flow: questions, at most one follow-up each, answers with offsets, finish and resume."""

from __future__ import annotations

import html
import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from copilot.tests.conftest import fake_llm, no_llm  # noqa: F401 — fixtures
from copilot.tests.fake_openai import Step
from interviews.models import EventKind, InterviewSession, SessionStatus, SessionTurn, TimelineEvent, TurnKind
from interviews.services import arena
from interviews.services.sessions import InvalidTransition
from interviews.tests.arena_support import live_session, media_root, ready_session  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

VAGUE = "We did some stuff and it went fine."
STRONG = (
    "Last year our checkout API timed out at peak, and I owned the fix. I profiled the slow queries, added an "
    "index and a Redis cache, and rolled it out behind a flag. Latency fell from 900 ms to 120 ms and "
    "conversion rose 4 percent; I learned to load-test before launches."
)
HX = {"HX-Request": "true"}


def answer(client, turn, text="", *, mode="typed", started=1000, ended=5000, transcript=""):
    url = reverse("interviews:arena_answer", args=[turn.session_id, turn.pk])
    data = {"text": text, "mode": mode, "started_ms": started, "ended_ms": ended, "transcript": transcript}
    return client.post(url, data, headers=HX)


def begin(client, session):
    return client.post(reverse("interviews:arena_begin", args=[session.pk]), headers=HX)


@pytest.fixture
def queued(monkeypatch):
    """The analysis task's ``delay`` calls, recorded instead of sent to a broker."""
    from interviews.tasks import analyze_session_task

    calls: list[int] = []
    monkeypatch.setattr(analyze_session_task, "delay", calls.append)
    return calls


def test_beginning_makes_the_session_live_and_asks_the_starting_question(
    no_llm, candidate_client, candidate, django_capture_on_commit_callbacks
):
    session = ready_session(candidate, starting_question="Walk me through your most recent project.")
    response = begin(candidate_client, session)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="arena-turn"' in body
    assert "<html" not in body.lower()
    assert "Walk me through your most recent project." in body
    assert "your starting question" in body
    session.refresh_from_db()
    assert session.status == SessionStatus.LIVE
    assert session.started_at is not None
    turn = session.turns.get()
    assert (turn.index, turn.kind, turn.question_source) == (0, TurnKind.MAIN, "starting")
    assert TimelineEvent.objects.filter(session=session, kind=EventKind.QUESTION).count() == 1


def test_without_a_starting_question_the_bank_chooses_by_role_and_type(no_llm, candidate_client, candidate):
    session = ready_session(candidate, interview_type="behavioral", target_role="Backend engineer")
    begin(candidate_client, session)
    turn = session.turns.get()
    assert turn.question_source == "bank"
    assert turn.engine == "offline"
    assert turn.question_key
    assert (
        "chosen by the offline engine"
        in candidate_client.get(reverse("interviews:arena", args=[session.pk]), headers=HX).content.decode()
    )


def test_a_vague_answer_gets_one_follow_up_then_the_next_question_then_the_end(no_llm, candidate_client, candidate):
    session = ready_session(candidate, persona="challenging", question_count=2)
    begin(candidate_client, session)
    first = session.turns.get()

    response = answer(candidate_client, first, VAGUE, started=1200, ended=4400)
    assert response.status_code == 200
    follow_up = session.turns.get(index=1)
    assert follow_up.kind == TurnKind.FOLLOW_UP
    assert follow_up.parent == first
    assert follow_up.engine == "offline"
    assert follow_up.follow_up_reason
    assert escape(follow_up.question) in response.content.decode()
    first.refresh_from_db()
    assert (first.answer_text, first.answer_mode) == (VAGUE, "typed")
    assert (first.answer_started_ms, first.answer_ended_ms) == (1200, 4400)

    # A follow-up never gets a follow-up of its own, however vague the answer.
    answer(candidate_client, follow_up, VAGUE)
    second = session.turns.get(index=2)
    assert second.kind == TurnKind.MAIN
    assert second.question_key != first.question_key

    answer(candidate_client, second, STRONG)
    last = session.turns.order_by("-index").first()
    if last.kind == TurnKind.FOLLOW_UP:
        response = answer(candidate_client, last, STRONG)
    body = response.content.decode()
    assert 'data-state="complete"' in body
    assert "Finish interview" in body
    assert session.turns.filter(kind=TurnKind.MAIN).count() == 2
    kinds = list(TimelineEvent.objects.filter(session=session).values_list("kind", flat=True))
    assert kinds.count(EventKind.FOLLOW_UP) >= 1
    assert kinds.count(EventKind.ANSWER_START) == kinds.count(EventKind.ANSWER_END) == session.turns.count()


def test_a_voice_answer_keeps_its_transcript_and_typing_wins_when_used(no_llm, candidate_client, candidate):
    session = ready_session(candidate, persona="friendly", question_count=3)
    begin(candidate_client, session)
    turn = session.turns.get()
    answer(candidate_client, turn, "", mode="voice", transcript=STRONG)
    turn.refresh_from_db()
    assert (turn.answer_mode, turn.answer_text) == ("voice", STRONG)
    following = session.turns.order_by("-index").first()
    answer(candidate_client, following, "I typed this instead.", mode="voice", transcript="spoken words")
    following.refresh_from_db()
    assert (following.answer_mode, following.answer_text) == ("typed", "I typed this instead.")


def test_offsets_from_the_page_are_clamped_to_the_session_clock(no_llm, candidate_client, candidate):
    session = ready_session(candidate)
    begin(candidate_client, session)
    turn = session.turns.get()
    answer(candidate_client, turn, STRONG, started=-50, ended=10**9)
    turn.refresh_from_db()
    assert turn.answer_started_ms == 0
    assert turn.answer_ended_ms < 60_000


def test_a_double_submitted_answer_is_stored_once(no_llm, candidate_client, candidate):
    session = ready_session(candidate, persona="challenging", question_count=3)
    begin(candidate_client, session)
    turn = session.turns.get()
    first = answer(candidate_client, turn, VAGUE, started=100, ended=900)
    again = answer(candidate_client, turn, "a different second submit", started=200, ended=950)
    assert first.status_code == again.status_code == 200
    turn.refresh_from_db()
    assert turn.answer_text == VAGUE
    assert session.turns.count() == 2
    assert TimelineEvent.objects.filter(session=session, kind=EventKind.ANSWER_END).count() == 1


def test_a_reload_resumes_at_the_current_question(no_llm, candidate_client, candidate):
    session = ready_session(candidate, question_count=3)
    begin(candidate_client, session)
    answer(candidate_client, session.turns.get(), STRONG)
    current = session.turns.order_by("-index").first()
    page = candidate_client.get(reverse("interviews:arena", args=[session.pk]))
    assert page.status_code == 200
    assert "Resume interview" in page.content.decode()
    response = begin(candidate_client, session)  # the Resume button
    assert current.question in html.unescape(response.content.decode())  # questions may hold apostrophes
    assert session.turns.count() == 2


def test_a_model_follow_up_is_persona_flavoured_and_marked_as_the_models(fake_llm, candidate_client, candidate):
    fake_llm.then(
        Step(content=json.dumps({"questions": [{"text": "Tell me about a hard bug you fixed.", "type": "technical"}]})),
        Step(content=json.dumps({"ask": True, "question": "Be specific: what did you change?", "reason": "vague"})),
        Step(content=json.dumps({"questions": [{"text": "How do you review code?", "type": "technical"}]})),
    )
    session = ready_session(candidate, persona="challenging", question_count=2)
    begin(candidate_client, session)
    first = session.turns.get()
    assert (first.question, first.engine, first.question_source) == (
        "Tell me about a hard bug you fixed.",
        "model",
        "model",
    )
    response = answer(candidate_client, first, VAGUE)
    assert "Be specific: what did you change?" in response.content.decode()
    assert "chosen by the AI model" in response.content.decode()
    follow_up = session.turns.get(index=1)
    assert (follow_up.kind, follow_up.engine) == (TurnKind.FOLLOW_UP, "model")
    system = fake_llm.requests[1]["messages"][0]["content"]
    assert "Challenging Lead" in system


def test_a_hanging_model_falls_back_offline_without_an_error_page(fake_llm, settings, candidate_client, candidate):
    settings.LLM_TIMEOUT_SECONDS = 1
    fake_llm.then(Step(kind="hang", seconds=5))
    session = ready_session(candidate, persona="challenging", question_count=1)
    response = begin(candidate_client, session)
    assert response.status_code == 200
    first = session.turns.get()
    assert first.engine == "offline"
    response = answer(candidate_client, first, VAGUE)
    assert response.status_code == 200
    follow_up = session.turns.get(index=1)
    assert (follow_up.kind, follow_up.engine) == (TurnKind.FOLLOW_UP, "offline")


def test_an_unexpected_failure_in_the_gateway_still_gives_a_question(no_llm, monkeypatch, candidate_client, candidate):
    def explode(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(arena.features, "generate_questions", explode)
    monkeypatch.setattr(arena.features, "follow_up", explode)
    session = ready_session(candidate, persona="challenging", question_count=2)
    assert begin(candidate_client, session).status_code == 200
    assert answer(candidate_client, session.turns.get(), VAGUE).status_code == 200
    assert session.turns.count() == 2


def test_finish_is_idempotent_and_queues_the_analysis_once(
    no_llm, candidate_client, candidate, queued, django_capture_on_commit_callbacks
):
    session = ready_session(candidate)
    begin(candidate_client, session)
    url = reverse("interviews:arena_finish", args=[session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = candidate_client.post(url)
        second = candidate_client.post(url)
    assert first.status_code == second.status_code == 302
    assert first.url == reverse("interviews:arena", args=[session.pk])
    assert queued == [session.pk]
    session.refresh_from_db()
    assert session.status == SessionStatus.UPLOADED
    assert session.finished_at is not None
    page = candidate_client.get(first.url).content.decode()
    assert "Pending analysis" in page
    with pytest.raises(InvalidTransition):
        arena.session_finish(session=InterviewSession.objects.get(pk=session.pk))


def test_finish_through_htmx_redirects_the_page(no_llm, candidate_client, candidate, queued):
    session = ready_session(candidate)
    begin(candidate_client, session)
    response = candidate_client.post(reverse("interviews:arena_finish", args=[session.pk]), headers=HX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("interviews:arena", args=[session.pk])


def test_answering_a_finished_interview_sends_the_page_back_not_an_error(no_llm, candidate_client, candidate, queued):
    session = ready_session(candidate)
    begin(candidate_client, session)
    arena.session_finish(session=session)
    response = answer(candidate_client, session.turns.get(), STRONG)
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("interviews:arena", args=[session.pk])
    assert session.turns.get().answer_mode == ""


def test_the_analysis_task_returns_quietly_for_a_session_not_ready_or_gone(candidate):
    from interviews.tasks import analyze_session_task

    session = live_session(candidate)
    assert analyze_session_task.run(session.pk) == "skipped"  # still live: nothing to analyse yet
    assert analyze_session_task.run(999_999) == "gone"  # a deleted session: nothing to do


def test_a_draft_session_goes_back_to_the_green_room(candidate_client, candidate):
    session = InterviewSession.objects.create(user=candidate)
    response = candidate_client.get(reverse("interviews:arena", args=[session.pk]))
    assert response.status_code == 302
    assert response.url == reverse("interviews:setup")


def test_a_follow_up_turn_belongs_to_its_main_question_only(no_llm, candidate):
    session = live_session(candidate, persona="challenging", question_count=1)
    first = arena.session_begin(session=session)
    follow_up = arena.turn_answer(session=session, turn=first, text=VAGUE, mode="typed", started_ms=0, ended_ms=10)
    assert follow_up.kind == TurnKind.FOLLOW_UP
    end = arena.turn_answer(session=session, turn=follow_up, text=VAGUE, mode="typed", started_ms=20, ended_ms=30)
    assert end is None
    assert SessionTurn.objects.filter(session=session, kind=TurnKind.FOLLOW_UP).count() == 1
