"""The live interview: begin, questions and follow-ups, answers, finish.

Offsets (``*_ms``) are milliseconds on the session clock: time since ``InterviewSession.started_at``. Recording
segments are placed on the same clock (``RecordingSegment.started_at_ms``), so an answer's offsets point into the
recording even across a reload.

Language-model calls happen outside any transaction and never raise into a view: the gateway has a deadline and
falls back to the offline engine; anything else unexpected falls back here too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from copilot.ai import features, offline
from copilot.models import Question
from interviews.models import (
    AnswerMode,
    EventKind,
    InterviewSession,
    RecordingSegment,
    SessionStatus,
    SessionTurn,
    TimelineEvent,
    TurnKind,
)
from interviews.services.media import segments_seal
from interviews.services.sessions import InvalidTransition, session_transition

logger = logging.getLogger(__name__)

ANSWER_MAX_CHARS = 20_000
BANK_FIELDS = ("key", "text", "role_family", "competency", "type", "difficulty", "seniority")
# The bank's levels for the profile's experience levels.
SENIORITY = {
    "student": "junior",
    "entry": "junior",
    "mid": "mid",
    "senior": "senior",
    "lead": "lead",
    "manager": "lead",
}


class NotLive(Exception):
    """The session is not live (finished elsewhere, or never started)."""


@dataclass(frozen=True)
class Chosen:
    text: str
    source: str  # starting, bank, model, offline
    key: str = ""
    engine: str = ""
    reason: str = ""


def session_clock_ms(session: InterviewSession) -> int:
    if session.started_at is None:
        return 0
    return max(0, int((timezone.now() - session.started_at).total_seconds() * 1000))


def session_begin(*, session: InterviewSession) -> SessionTurn | None:
    """``ready`` → ``live`` and the first question; on a live session (a reload) nothing moves and the
    question waiting for an answer is returned again. ``None`` when every question has been answered."""
    if session.status == SessionStatus.READY:
        try:
            session_transition(session=session, to=SessionStatus.LIVE)
        except InvalidTransition:
            session.refresh_from_db()  # another tab began it first: carry on with that
    if session.status != SessionStatus.LIVE:
        raise NotLive(f"Interview {session.pk} is {session.status}.")
    last = session.turns.order_by("-index").first()
    if last is not None and not last.answer_mode:
        return last
    return turn_next(session=session, after=last)


def turn_answer(
    *,
    session: InterviewSession,
    turn: SessionTurn,
    text: str,
    mode: str,
    started_ms: int | None,
    ended_ms: int | None,
) -> SessionTurn | None:
    """Store the answer to ``turn`` once and return the next turn (``None``: no more questions).

    Idempotent: a repeated submit (double click, retried request) stores nothing and returns the turn that
    already follows. The conditional UPDATE on an empty ``answer_mode`` decides which request stores it.
    """
    if InterviewSession.objects.filter(pk=session.pk).values_list("status", flat=True).first() != SessionStatus.LIVE:
        raise NotLive(f"Interview {session.pk} is not live.")
    now = session_clock_ms(session)
    ended = _clamp(ended_ms, now, upper=now + 5_000)
    started = min(_clamp(started_ms, turn.asked_at_ms or ended, upper=ended), ended)
    mode = mode if mode in AnswerMode.values else AnswerMode.TYPED
    text = (text or "").strip()[:ANSWER_MAX_CHARS]
    with transaction.atomic():
        stored = SessionTurn.objects.filter(pk=turn.pk, answer_mode="").update(
            answer_text=text, answer_mode=mode, answer_started_ms=started, answer_ended_ms=ended
        )
        if stored:
            TimelineEvent.objects.bulk_create(
                [
                    TimelineEvent(session=session, kind=EventKind.ANSWER_START, offset_ms=started, payload=_ref(turn)),
                    TimelineEvent(
                        session=session,
                        kind=EventKind.ANSWER_END,
                        offset_ms=ended,
                        payload={**_ref(turn), "mode": mode, "chars": len(text)},
                    ),
                ]
            )
    turn.refresh_from_db()
    following = session.turns.filter(index=turn.index + 1).first()
    if following is not None:
        return following
    return turn_next(session=session, after=turn)


def turn_next(*, session: InterviewSession, after: SessionTurn | None) -> SessionTurn | None:
    """The turn that follows ``after``: at most one follow-up to a main question, else the next main
    question, else ``None``. Two requests racing here create one turn (the unique (session, index))."""
    chosen, kind = None, TurnKind.MAIN
    if after is not None and after.kind == TurnKind.MAIN and after.answer_text:
        chosen = _follow_up(session=session, turn=after)
        kind = TurnKind.FOLLOW_UP
    if chosen is None:
        kind = TurnKind.MAIN
        asked_main = session.turns.filter(kind=TurnKind.MAIN).count()
        if asked_main >= session.question_count:
            return None
        chosen = _main_question(session=session, first=after is None)
    index = 0 if after is None else after.index + 1
    at = session_clock_ms(session)
    try:
        with transaction.atomic():
            turn = SessionTurn.objects.create(
                session=session,
                index=index,
                kind=kind,
                parent=after if kind == TurnKind.FOLLOW_UP else None,
                question=chosen.text,
                question_source=chosen.source,
                question_key=chosen.key,
                engine=chosen.engine,
                follow_up_reason=chosen.reason[:200],
                asked_at_ms=at,
            )
            TimelineEvent.objects.create(
                session=session,
                kind=EventKind.FOLLOW_UP if kind == TurnKind.FOLLOW_UP else EventKind.QUESTION,
                offset_ms=at,
                payload={**_ref(turn), "source": chosen.source, "engine": chosen.engine},
            )
    except IntegrityError:  # the other request won; show its turn
        return session.turns.get(index=index)
    return turn


def session_finish(*, session: InterviewSession) -> InterviewSession:
    """``live`` → ``uploaded``, segments sealed with their sha256, the analysis queued once.

    The segment rows are locked first, so a chunk being appended right now is committed before the session
    leaves ``live``, and any later chunk is refused. A second Finish loses the conditional transition and
    raises ``InvalidTransition``: nothing is queued twice.
    """
    from interviews.tasks import analyze_session_task  # noqa: PLC0415 — tasks import services

    with transaction.atomic():
        list(RecordingSegment.objects.select_for_update().filter(session=session).values_list("pk", flat=True))
        session_transition(session=session, to=SessionStatus.UPLOADED)
    segments_seal(session=session)
    session_id = session.pk
    transaction.on_commit(lambda: analyze_session_task.delay(session_id))
    return session


# ------------------------------------------------------------------------------------------------
def _follow_up(*, session: InterviewSession, turn: SessionTurn) -> Chosen | None:
    try:
        result = features.follow_up(
            user=session.user, question=turn.question, answer=turn.answer_text, persona_key=session.persona
        )
        decision, engine = result.value, result.engine
    except Exception:  # the interview goes on whatever happens to the model
        logger.exception("follow-up decision failed for interview %s; the offline engine decides", session.pk)
        decision = offline.choose_follow_up(
            question=turn.question, answer=turn.answer_text, persona_key=session.persona
        )
        engine = "offline"
    if not decision.ask or len(decision.question.strip()) < 5:
        return None
    return Chosen(text=decision.question.strip()[:1000], source=engine, engine=engine, reason=decision.reason)


def _main_question(*, session: InterviewSession, first: bool) -> Chosen:
    if first and session.starting_question.strip():
        return Chosen(text=session.starting_question.strip(), source="starting")
    asked = list(session.turns.values_list("question_key", "question"))
    asked_keys = {key for key, _ in asked if key}
    asked_texts = {text.strip().lower() for _, text in asked}
    bank = [
        {**row, "is_active": True}
        for row in Question.objects.filter(is_active=True).exclude(key__in=asked_keys).values(*BANK_FIELDS)
    ]
    job = session.job
    kwargs = {
        "role": session.target_role or (job.title if job else "") or session.user.target_role,
        "company": job.company if job else "",
        "seniority": SENIORITY.get(session.user.experience_level, ""),
        "type": session.interview_type,
        "seed": f"{session.pk}:{len(asked)}",
    }
    try:
        result = features.generate_questions(user=session.user, bank=bank, count=1, **kwargs)
        candidates, engine = result.value.questions, result.engine
    except Exception:
        logger.exception("question choice failed for interview %s; the offline engine chooses", session.pk)
        candidates, engine = [], "offline"
    fresh = [q for q in candidates if q.text.strip().lower() not in asked_texts]
    if not fresh:  # a model that repeats itself, or a failure: the bank decides
        fresh = offline.select_questions(bank, count=1, exclude_keys=asked_keys, **kwargs).questions
        engine = "offline"
    question = fresh[0]
    source = "bank" if question.key else engine
    return Chosen(text=question.text, source=source, key=question.key[:80], engine=engine)


def _clamp(value: int | None, default: int, *, upper: int) -> int:
    if value is None:
        return max(0, min(default, upper))
    return max(0, min(int(value), upper))


def _ref(turn: SessionTurn) -> dict:
    return {"turn": turn.pk, "index": turn.index, "kind": turn.kind}
