"""Reads for the Arena, each scoped to the session's owner (a foreign id is a 404)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from interviews.models import InterviewSession, PersonaAvatar, RecordingSegment, SessionTurn


def turn_get_for_user(*, user, session_id: int, turn_id: int) -> SessionTurn:
    return get_object_or_404(
        SessionTurn.objects.select_related("session"), pk=turn_id, session_id=session_id, session__user=user
    )


def turn_current(*, session: InterviewSession) -> SessionTurn | None:
    """The turn waiting for an answer, if any."""
    last = session.turns.order_by("-index").first()
    return last if last is not None and not last.answer_mode else None


def turns_answered(*, session: InterviewSession) -> list[SessionTurn]:
    return list(session.turns.exclude(answer_mode="").order_by("index"))


def main_questions_asked(*, session: InterviewSession) -> int:
    return session.turns.filter(kind="main").count()


def segments_for_session(*, session: InterviewSession) -> list[RecordingSegment]:
    return list(RecordingSegment.objects.filter(session=session).order_by("index"))


def persona_avatar(*, persona: str) -> PersonaAvatar | None:
    return PersonaAvatar.objects.filter(persona=persona).exclude(model_file="").first()
