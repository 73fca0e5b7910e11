"""Helpers for the Arena tests: sessions in a given state, private media roots, EBML-looking bytes."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from interviews.models import InterviewSession, PersonaAvatar, SessionStatus
from interviews.services.arena import session_begin
from interviews.services.sessions import session_transition

# The first bytes of any WebM/Matroska file: the EBML header's ID.
EBML = bytes.fromhex("1A45DFA3")


def ready_session(user, **fields) -> InterviewSession:
    fields = {"question_count": 2, "persona": "professional", "media_mode": "audio", **fields}
    session = InterviewSession.objects.create(user=user, **fields)
    return session_transition(session=session, to=SessionStatus.READY)


def live_session(user, **fields) -> InterviewSession:
    return session_transition(session=ready_session(user, **fields), to=SessionStatus.LIVE)


@pytest.fixture
def media_root(settings, tmp_path):
    """Every test writes its recordings under its own temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


# ------------------------------------------------------------------------------------------------
# The permission sweep's objects (tests/test_permission_sweep.py)
def sweep_arena(owner) -> dict:
    return {"session_id": ready_session(owner).pk}


def sweep_arena_turn(owner) -> dict:
    session = ready_session(owner, starting_question="Why this role?")
    turn = session_begin(session=session)
    return {"session_id": session.pk, "turn_id": turn.pk}


def sweep_arena_chunk(owner) -> dict:
    return {"session_id": ready_session(owner).pk, "segment_index": 0, "seq": 0}


def sweep_avatar(owner=None):
    glb = b"glTF" + (2).to_bytes(4, "little") + (20).to_bytes(4, "little") + b"\0" * 8
    avatar = PersonaAvatar.objects.filter(persona="professional").first()
    return avatar or PersonaAvatar.objects.create(persona="professional", model_file=ContentFile(glb, name="a.glb"))


def sweep_arena_avatar(owner) -> dict:
    sweep_avatar(owner)
    return sweep_arena(owner)
