# ruff: noqa: F811 — pytest fixtures imported by name
"""Chunked recording upload: ordered, idempotent on seq, bounded, live-only, owner-only, race-free."""

from __future__ import annotations

import hashlib
import threading

import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from interviews.models import RecordingSegment
from interviews.services import media
from interviews.services.arena import session_finish
from interviews.tests.arena_support import EBML, live_session, media_root, ready_session  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

CHUNKS = [EBML + b"header-and-first-cluster", b"second-cluster" * 50, b"third-cluster" * 70]


def open_segment(client, session, mime="audio/webm", started_at_ms=0):
    url = reverse("interviews:arena_segment_open", args=[session.pk])
    return client.post(url, {"mime_type": mime, "started_at_ms": started_at_ms}, content_type="application/json")


def send(client, session, seq, data, *, segment=0, content_type="audio/webm;codecs=opus"):
    url = reverse("interviews:arena_chunk", args=[session.pk, segment, seq])
    return client.post(url, data=data, content_type=content_type)


def test_chunks_are_appended_in_order_to_a_private_file(candidate_client, candidate, media_root):
    session = live_session(candidate)
    opened = open_segment(candidate_client, session)
    assert opened.status_code == 201
    assert opened.json() == {"index": 0, "started_at_ms": 0, "next_seq": 0}
    for seq, chunk in enumerate(CHUNKS):
        response = send(candidate_client, session, seq, chunk)
        assert response.status_code == 200
        assert response.json() == {"next_seq": seq + 1, "stored": True}
    segment = RecordingSegment.objects.get(session=session)
    path = media_root / f"interviews/{session.pk}/segment-0.webm"
    assert segment.path == f"interviews/{session.pk}/segment-0.webm"
    assert path.read_bytes() == b"".join(CHUNKS)
    assert (segment.chunk_count, segment.size_bytes) == (3, len(b"".join(CHUNKS)))


def test_a_resent_chunk_is_acknowledged_not_appended_twice(candidate_client, candidate, media_root):
    session = live_session(candidate)
    open_segment(candidate_client, session)
    send(candidate_client, session, 0, CHUNKS[0])
    send(candidate_client, session, 1, CHUNKS[1])
    again = send(candidate_client, session, 1, CHUNKS[1])  # the first response was lost
    assert again.status_code == 200
    assert again.json() == {"next_seq": 2, "stored": False}
    assert (media_root / f"interviews/{session.pk}/segment-0.webm").read_bytes() == CHUNKS[0] + CHUNKS[1]


def test_a_gap_answers_409_with_the_expected_seq(candidate_client, candidate):
    session = live_session(candidate)
    open_segment(candidate_client, session)
    send(candidate_client, session, 0, CHUNKS[0])
    response = send(candidate_client, session, 2, CHUNKS[2])
    assert response.status_code == 409
    assert response.json()["expected"] == 1
    assert RecordingSegment.objects.get(session=session).chunk_count == 1


def test_a_chunk_over_the_limit_answers_413_with_a_clear_message(candidate_client, candidate, settings):
    settings.ARENA_CHUNK_MAX_BYTES = 1000
    session = live_session(candidate)
    open_segment(candidate_client, session)
    response = send(candidate_client, session, 0, b"x" * 1001)
    assert response.status_code == 413
    assert "at most" in response.json()["error"]
    assert RecordingSegment.objects.get(session=session).size_bytes == 0


def test_the_session_total_is_limited_too(candidate_client, candidate, settings):
    settings.ARENA_SESSION_MAX_BYTES = 2500
    session = live_session(candidate)
    open_segment(candidate_client, session)
    assert send(candidate_client, session, 0, b"a" * 1500).status_code == 200
    open_segment(candidate_client, session)  # a reload: the limit counts every segment
    response = send(candidate_client, session, 0, b"b" * 1500, segment=1)
    assert response.status_code == 413
    assert "limit" in response.json()["error"]


def test_the_content_type_must_match_the_segment(candidate_client, candidate):
    session = live_session(candidate)
    open_segment(candidate_client, session, mime="video/webm")
    assert send(candidate_client, session, 0, CHUNKS[0], content_type="text/plain").status_code == 415
    assert send(candidate_client, session, 0, CHUNKS[0], content_type="audio/webm").status_code == 415
    assert send(candidate_client, session, 0, CHUNKS[0], content_type="video/webm;codecs=vp8,opus").status_code == 200
    assert open_segment(candidate_client, session, mime="application/pdf").status_code == 415


def test_only_a_live_session_takes_recording(candidate_client, candidate):
    session = ready_session(candidate)
    response = open_segment(candidate_client, session)
    assert response.status_code == 409
    assert response.json()["status"] == "ready"

    session = live_session(candidate)
    open_segment(candidate_client, session)
    send(candidate_client, session, 0, CHUNKS[0])
    session_finish(session=session)
    response = send(candidate_client, session, 1, CHUNKS[1])
    assert response.status_code == 409
    assert response.json()["status"] == "uploaded"


def test_an_unknown_segment_is_404(candidate_client, candidate):
    session = live_session(candidate)
    assert send(candidate_client, session, 0, CHUNKS[0], segment=3).status_code == 404


def test_another_user_gets_404_and_anonymous_goes_to_login(client, candidate, other_candidate, media_root):
    session = live_session(candidate)
    client.force_login(candidate)
    open_segment(client, session)
    client.force_login(other_candidate)
    assert open_segment(client, session).status_code == 404
    assert send(client, session, 0, CHUNKS[0]).status_code == 404
    client.logout()
    response = send(client, session, 0, CHUNKS[0])
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert RecordingSegment.objects.get(session=session).size_bytes == 0
    assert (media_root / f"interviews/{session.pk}/segment-0.webm").read_bytes() == b""


def test_a_reload_opens_a_new_segment_on_the_session_clock(candidate_client, candidate):
    session = live_session(candidate)
    open_segment(candidate_client, session)
    send(candidate_client, session, 0, CHUNKS[0])
    second = open_segment(candidate_client, session, started_at_ms=999_999_999).json()
    assert second["index"] == 1
    assert 0 <= second["started_at_ms"] < 60_000  # clamped to the server's clock, never in the future
    assert send(candidate_client, session, 0, EBML + b"new-recorder-run", segment=1).status_code == 200


def test_bytes_of_a_request_that_died_before_its_commit_are_dropped(candidate, media_root):
    session = live_session(candidate)
    segment = media.segment_open(session=session, mime_type="audio/webm", started_at_ms=0)
    media.chunk_append(session=session, segment_index=0, seq=0, data=b"committed", content_type="audio/webm")
    with media.segment_file(segment).open("ab") as handle:
        handle.write(b"half-written-then-crashed")
    media.chunk_append(session=session, segment_index=0, seq=1, data=b"-next", content_type="audio/webm")
    assert media.segment_file(segment).read_bytes() == b"committed-next"


def test_finishing_seals_each_segment_with_its_sha256(candidate, media_root):
    session = live_session(candidate)
    for run in range(2):
        media.segment_open(session=session, mime_type="audio/webm", started_at_ms=run * 1000)
        for seq, chunk in enumerate(CHUNKS):
            media.chunk_append(session=session, segment_index=run, seq=seq, data=chunk, content_type="audio/webm")
    session_finish(session=session)
    for segment in RecordingSegment.objects.filter(session=session):
        assert segment.complete
        assert segment.sha256 == hashlib.sha256(b"".join(CHUNKS)).hexdigest()


def test_media_is_never_served_from_a_public_url(candidate_client, candidate, media_root):
    session = live_session(candidate)
    open_segment(candidate_client, session)
    send(candidate_client, session, 0, CHUNKS[0])
    assert candidate_client.get(f"/media/interviews/{session.pk}/segment-0.webm").status_code == 404


def test_session_media_delete_removes_the_files(candidate, media_root):
    session = live_session(candidate)
    media.segment_open(session=session, mime_type="audio/webm", started_at_ms=0)
    assert (media_root / f"interviews/{session.pk}").exists()
    media.session_media_delete(session=session)
    assert not (media_root / f"interviews/{session.pk}").exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_uploads_never_interleave_bytes(candidate, media_root):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE); the row lock is exercised on PostgreSQL")
    session = live_session(candidate)
    media.segment_open(session=session, mime_type="audio/webm", started_at_ms=0)
    chunks = [bytes([65 + seq]) * (50_000 + seq) for seq in range(8)]
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def upload_everything():
        try:
            barrier.wait()
            for seq, chunk in enumerate(chunks):
                media.chunk_append(session=session, segment_index=0, seq=seq, data=chunk, content_type="audio/webm")
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=upload_everything) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    segment = RecordingSegment.objects.get(session=session)
    assert segment.chunk_count == len(chunks)
    assert media.segment_file(segment).read_bytes() == b"".join(chunks)
