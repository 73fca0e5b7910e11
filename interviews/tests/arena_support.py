"""Helpers for the Arena tests: sessions in a given state, private media roots, EBML-looking bytes."""

from __future__ import annotations

import pytest

from interviews.models import InterviewSession, SessionStatus
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
