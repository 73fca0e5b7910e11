import threading

import pytest
from django.db import close_old_connections, connection

from interviews.models import InterviewSession, SessionStatus
from interviews.services.sessions import TRANSITIONS, InvalidTransition, session_transition

pytestmark = pytest.mark.django_db
S = SessionStatus


def make_session(user, status=S.DRAFT) -> InterviewSession:
    return InterviewSession.objects.create(user=user, status=status)


def test_the_happy_path_sets_timestamps(candidate):
    session = make_session(candidate)
    for status in (S.READY, S.LIVE, S.UPLOADED, S.ANALYZING, S.ANALYZED):
        session_transition(session=session, to=status)
    session.refresh_from_db()
    assert session.status == S.ANALYZED
    assert session.started_at is not None
    assert session.finished_at >= session.started_at


def test_failure_keeps_its_reason_until_a_retry(candidate):
    session = make_session(candidate, S.UPLOADED)
    session_transition(session=session, to=S.ANALYZING)
    session_transition(session=session, to=S.FAILED, failure_reason="decode: no audio track")
    session.refresh_from_db()
    assert session.failure_reason == "decode: no audio track"
    session_transition(session=session, to=S.ANALYZING)
    session.refresh_from_db()
    assert session.failure_reason == ""


@pytest.mark.parametrize("start", list(S))
def test_every_transition_not_in_the_table_is_refused(candidate, start):
    for target in S:
        session = make_session(candidate, start)
        if target in TRANSITIONS[start]:
            session_transition(session=session, to=target)
        else:
            with pytest.raises(InvalidTransition):
                session_transition(session=session, to=target)
            session.refresh_from_db()
            assert session.status == start


def test_a_double_click_on_finish_is_decided_by_the_database_not_the_stale_object(candidate):
    session = make_session(candidate, S.LIVE)
    stale = InterviewSession.objects.get(pk=session.pk)
    session_transition(session=session, to=S.UPLOADED)
    with pytest.raises(InvalidTransition) as refused:
        session_transition(session=stale, to=S.UPLOADED)  # the stale copy still says "live"
    assert refused.value.current == S.UPLOADED


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_finishes_move_the_session_once(candidate):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is exercised on PostgreSQL")
    session = make_session(candidate, S.LIVE)
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def finish():
        try:
            barrier.wait()
            session_transition(session=InterviewSession.objects.get(pk=session.pk), to=S.UPLOADED)
            outcomes.append("won")
        except InvalidTransition:
            outcomes.append("lost")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=finish) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["lost", "lost", "lost", "won"]
