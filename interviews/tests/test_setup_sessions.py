"""Sessions list, delete with recordings, and deleting a user removes their media."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from interviews.models import InterviewSession, RecordingSegment, Resume, SessionStatus
from interviews.services.setup import session_delete
from interviews.tests.resume_files import sweep_resume, sweep_session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def recorded_session(user, media_root: Path, status=SessionStatus.LIVE) -> InterviewSession:
    session = InterviewSession.objects.create(user=user, status=status)
    folder = media_root / "interviews" / str(session.pk)
    folder.mkdir(parents=True)
    for index in range(2):
        path = f"interviews/{session.pk}/segment-{index}.webm"
        (media_root / path).write_bytes(b"\x1a\x45\xdf\xa3" + b"x" * 100)
        RecordingSegment.objects.create(session=session, index=index, mime_type="video/webm", path=path)
    (folder / "partial.tmp").write_bytes(b"leftover")
    return session


def test_the_list_shows_my_sessions_with_resume_links(
    candidate_client, candidate, other_candidate, django_assert_max_num_queries
):
    ready = sweep_session(candidate)
    done = InterviewSession.objects.create(user=candidate, status=SessionStatus.ANALYZED, persona="challenging")
    theirs = sweep_session(other_candidate)
    with django_assert_max_num_queries(8):
        body = candidate_client.get(reverse("interviews:session_list")).content.decode()
    assert f"Interview #{ready.pk}" in body
    assert f"Interview #{done.pk}" in body
    assert f"Interview #{theirs.pk}" not in body
    assert "Challenging Lead" in body
    assert f'href="/interview/{ready.pk}/"' in body  # the Arena, to start it
    assert f'href="/interview/{done.pk}/"' not in body


def test_the_list_is_empty_at_first(candidate_client):
    assert "No interviews yet." in candidate_client.get(reverse("interviews:session_list")).content.decode()


def test_deleting_a_session_removes_its_recordings_and_folder(
    candidate_client, candidate, media, django_capture_on_commit_callbacks
):
    session = recorded_session(candidate, media)
    keep = recorded_session(candidate, media)
    url = reverse("interviews:session_delete", args=[session.pk])
    assert "every recording of it" in candidate_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = candidate_client.post(url)
    assert response.status_code == 302
    assert not InterviewSession.objects.filter(pk=session.pk).exists()
    assert not RecordingSegment.objects.filter(session_id=session.pk).exists()
    assert not (media / "interviews" / str(session.pk)).exists()
    assert (media / "interviews" / str(keep.pk) / "segment-0.webm").exists()


def test_a_rolled_back_delete_keeps_the_files(candidate, media, django_capture_on_commit_callbacks):
    from django.db import transaction

    session = recorded_session(candidate, media)
    pk = session.pk
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        session_delete(session=session)
        transaction.set_rollback(True)
    assert InterviewSession.objects.filter(pk=pk).exists()
    assert (media / "interviews" / str(pk) / "segment-1.webm").exists()


def test_a_segment_path_outsidemedia_root_is_never_followed(
    candidate, media, tmp_path, django_capture_on_commit_callbacks
):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    session = InterviewSession.objects.create(user=candidate, status=SessionStatus.LIVE)
    RecordingSegment.objects.create(session=session, index=0, mime_type="audio/webm", path="../outside/keep.txt")
    with django_capture_on_commit_callbacks(execute=True):
        session_delete(session=session)
    assert not InterviewSession.objects.filter(pk=session.pk).exists()
    assert (outside / "keep.txt").exists()


def test_another_user_cannot_delete_my_session(client, candidate, other_candidate, media):
    session = recorded_session(candidate, media)
    client.force_login(other_candidate)
    url = reverse("interviews:session_delete", args=[session.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert InterviewSession.objects.filter(pk=session.pk).exists()


def test_htmx_delete_confirmation_is_a_fragment(candidate_client, candidate):
    session = sweep_session(candidate)
    url = reverse("interviews:session_delete", args=[session.pk])
    body = candidate_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="delete-confirm"' in body
    assert "<html" not in body
    response = candidate_client.post(url, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("interviews:session_list")


def test_deleting_a_user_deletes_theirmedia(candidate, other_candidate, media, django_capture_on_commit_callbacks):
    resume = sweep_resume(candidate)
    resume_path = Path(resume.file.path)
    session = recorded_session(candidate, media)
    theirs = sweep_resume(other_candidate)
    their_session = recorded_session(other_candidate, media)
    with django_capture_on_commit_callbacks(execute=True):
        candidate.delete()
    assert not Resume.objects.filter(pk=resume.pk).exists()
    assert not resume_path.exists()
    assert not (media / "interviews" / str(session.pk)).exists()
    assert Path(theirs.file.path).exists()
    assert (media / "interviews" / str(their_session.pk) / "segment-0.webm").exists()


def test_the_admin_deletes_through_the_services(
    client, staff_user, candidate, media, django_capture_on_commit_callbacks
):
    session = recorded_session(candidate, media)
    resume = sweep_resume(candidate)
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:interviews_interviewsession_delete", args=[session.pk]), {"post": "yes"})
        client.post(reverse("admin:interviews_resume_delete", args=[resume.pk]), {"post": "yes"})
    assert not (media / "interviews" / str(session.pk)).exists()
    assert not Path(resume.file.path).exists()
