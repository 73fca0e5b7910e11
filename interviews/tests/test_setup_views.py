# ruff: noqa: F811 - pytest fixtures imported by name
"""The Green Room: upload, match, start — with what the candidate typed kept through every failure."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from copilot.tests.conftest import fake_llm, no_llm  # noqa: F401 - the AI gateway's test fixtures
from interviews.models import InterviewSession, JobDescription, Resume, SessionStatus
from interviews.tests import resume_files as files

pytestmark = pytest.mark.django_db
URL = reverse("interviews:setup")
TOKEN = "a" * 32


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _offline(no_llm):
    """The offline engine unless a test asks for the fake model server."""


def form_data(**overrides) -> dict:
    data = {
        "token": TOKEN,
        "persona": "friendly",
        "interview_type": "technical",
        "question_count": "6",
        "background": "night_city",
        "media_mode": "audio",
        "job_text": files.JOB_TEXT,
        "job_title": "Backend engineer",
        "job_company": "Acme",
        "starting_question": "",
    }
    data.update(overrides)
    return data


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def make_resume(user, text=files.RESUME_TEXT, name="Backend CV") -> Resume:
    return Resume.objects.create(
        user=user,
        name=name,
        original_filename="cv.txt",
        file=SimpleUploadedFile("cv.txt", text.encode()),
        content_type="text/plain",
        size_bytes=len(text),
        text=text,
    )


def test_the_page_prefills_a_question_from_the_library(candidate_client):
    response = candidate_client.get(URL, {"question": "Tell me about a conflict.", "answer": "12"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tell me about a conflict." in body
    assert 'name="answer" value="12"' in body
    assert 'name="token"' in body
    for label in ("Friendly Mentor", "Professional HR", "Challenging Lead", "Night City", "Tech Lab", "Café"):
        assert label in body


def test_an_upload_is_extracted_and_selected(candidate_client, candidate):
    data = form_data(action="upload", resume_file=upload("cv.pdf", files.pdf_bytes()), resume_name="My CV")
    response = candidate_client.post(URL, data)
    assert response.status_code == 200
    resume = Resume.objects.get(user=candidate)
    assert resume.name == "My CV"
    assert resume.content_type == "application/pdf"
    assert resume.page_count == 1
    assert "Kubernetes" in resume.text
    assert resume.file.name.startswith(f"resumes/{candidate.pk}/")
    assert resume.file.name.endswith(".pdf")
    assert Path(resume.file.path).read_bytes().startswith(b"%PDF-")
    body = response.content.decode()
    assert f'value="{resume.pk}"' in body
    assert "checked" in body
    assert files.JOB_TEXT in body  # the job description is still there


def test_an_htmx_upload_returns_only_the_resume_picker(candidate_client):
    data = form_data(action="upload", resume_file=upload("cv.docx", files.docx_bytes()))
    response = candidate_client.post(URL, data, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="resume-picker"' in body
    assert "<html" not in body
    assert "Upload a résumé" in body


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("scan.pdf", files.scanned_pdf_bytes(), "looks like a scanned document"),
        ("locked.pdf", files.pdf_bytes(encrypt_with="pw"), "is password-protected"),
        ("empty.pdf", b"", "is empty (0 bytes)"),
        ("cv.pdf", files.png_bytes(), "is a PNG image (despite its .pdf name)"),
        ("cv.docx", files.zip_bytes(), "is a ZIP archive (despite its .docx name)"),
        ("cv.docx", files.txt_bytes(), "is named .docx but is really plain text"),
        ("bad.pdf", b"%PDF-1.7\n" + bytes(range(1, 256)) * 40, "is damaged"),
        ("one.txt", b"x", "only 1 character"),
    ],
)
def test_a_bad_file_is_explained_and_nothing_is_lost(candidate_client, candidate, name, data, expected):
    saved = make_resume(candidate)
    response = candidate_client.post(
        URL,
        form_data(action="upload", resume=str(saved.pk), resume_file=upload(name, data), starting_question="Why us?"),
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert expected in body
    assert 'aria-invalid="true"' in body
    assert list(Resume.objects.filter(user=candidate)) == [saved]
    assert Path(saved.file.path).exists()
    # Without htmx the whole form comes back, with everything typed.
    response = candidate_client.post(
        URL, form_data(action="start", resume_file=upload(name, data), starting_question="Why us?")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert expected in body
    assert files.JOB_TEXT in body
    assert "Why us?" in body
    assert 'value="night_city"' in body
    assert 'value="6"' in body
    assert not InterviewSession.objects.exists()


def test_an_oversized_upload_is_refused_and_the_fields_survive(candidate_client, candidate, monkeypatch):
    monkeypatch.setattr("interviews.extract.MAX_UPLOAD_BYTES", 1000)
    response = candidate_client.post(
        URL, form_data(action="upload", resume_file=upload("big.txt", b"word " * 2000)), headers={"HX-Request": "true"}
    )
    assert "larger than the 5 MB limit" in response.content.decode()
    assert not Resume.objects.exists()
    response = candidate_client.post(URL, form_data(action="start", resume_file=upload("big.txt", b"word " * 2000)))
    assert files.JOB_TEXT in response.content.decode()
    assert not InterviewSession.objects.exists()


def test_upload_without_a_file_says_so(candidate_client):
    response = candidate_client.post(URL, form_data(action="upload"), headers={"HX-Request": "true"})
    assert "Choose a file to upload first." in response.content.decode()


def test_the_match_is_computed_offline_and_explained(candidate_client, candidate):
    resume = make_resume(candidate)
    response = candidate_client.post(
        URL, form_data(action="match", resume=str(resume.pk)), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="match-result"' in body
    assert "<html" not in body
    assert "How the score was reached" in body
    assert "Offline coach" in body
    assert "terraform" in body.lower()  # a gap
    assert "kubernetes" in body.lower()  # a match


def test_the_match_asks_for_what_is_missing(candidate_client):
    response = candidate_client.post(URL, form_data(action="match", job_text=""), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Pick or upload a résumé first." in body
    assert "Paste a job description" in body


def test_the_match_with_an_upload_refreshes_the_resume_list_out_of_band(candidate_client):
    response = candidate_client.post(
        URL,
        form_data(action="match", resume_file=upload("cv.txt", files.txt_bytes())),
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert 'id="match-result"' in body
    assert 'hx-swap-oob="true"' in body


def test_the_match_works_without_javascript(candidate_client, candidate):
    resume = make_resume(candidate)
    response = candidate_client.post(URL, form_data(action="match", resume=str(resume.pk)))
    body = response.content.decode()
    assert "<html" in body
    assert "How the score was reached" in body
    assert files.JOB_TEXT in body


def test_the_match_uses_the_model_and_keeps_the_measured_score(candidate_client, candidate, fake_llm):
    import json

    from copilot.ai import offline
    from copilot.tests.fake_openai import Step

    resume = make_resume(candidate)
    fake_llm.then(
        Step(
            content=json.dumps(
                {"score": 100, "talking_points": [{"point": "Lead with the Kubernetes migration."}], "explanation": "x"}
            )
        )
    )
    response = candidate_client.post(
        URL, form_data(action="match", resume=str(resume.pk)), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    measured = offline.match_analysis(resume=resume.text, job=files.JOB_TEXT)
    assert f'<span class="match__number">{measured.score}</span>' in body
    assert "Lead with the Kubernetes migration." in body
    assert "AI model (" in body


@pytest.mark.parametrize("fault", ["status", "garbage_body", "hang"])
def test_a_model_fault_never_breaks_the_match(candidate_client, candidate, fake_llm, fault):
    from copilot.tests.fake_openai import Step

    resume = make_resume(candidate)
    fake_llm.then(Step(kind=fault, status=500, seconds=5))
    response = candidate_client.post(
        URL, form_data(action="match", resume=str(resume.pk)), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "How the score was reached" in body
    assert "Offline coach" in body


def test_start_creates_a_ready_session_with_the_snapshot(candidate_client, candidate):
    resume = make_resume(candidate)
    response = candidate_client.post(
        URL, form_data(action="start", resume=str(resume.pk), starting_question="Why us?", answer="7")
    )
    session = InterviewSession.objects.get(user=candidate)
    assert response.status_code == 302
    assert session.status == SessionStatus.READY
    assert (session.persona, session.interview_type, session.question_count) == ("friendly", "technical", 6)
    assert (session.background, session.media_mode) == ("night_city", "audio")
    assert session.starting_question == "Why us?"
    assert session.resume == resume
    assert session.job.text == files.JOB_TEXT
    assert session.job.company == "Acme"
    assert session.target_role == "Backend engineer"
    assert 0 <= session.match["score"] <= 100
    assert session.match["engine"] == "offline"
    assert session.match["library_answer"] == 7


def test_start_without_resume_or_job_is_allowed(candidate_client, candidate):
    response = candidate_client.post(URL, form_data(action="start", job_text=""))
    assert response.status_code == 302
    session = InterviewSession.objects.get(user=candidate)
    assert session.resume is None
    assert session.job is None
    assert "score" not in session.match


def test_a_double_submitted_start_creates_one_session(candidate_client, candidate):
    first = candidate_client.post(URL, form_data(action="start"))
    second = candidate_client.post(URL, form_data(action="start"))
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert InterviewSession.objects.filter(user=candidate).count() == 1
    assert JobDescription.objects.filter(user=candidate).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_starts_with_one_token_create_one_session(candidate):
    results: list[int] = []

    def start() -> None:
        try:
            client = Client()
            client.force_login(candidate)
            results.append(client.post(URL, form_data(action="start")).status_code)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [302] * 4
    assert InterviewSession.objects.filter(user=candidate).count() == 1
    connection.close()


def test_invalid_choices_are_shown_next_to_their_fields(candidate_client):
    response = candidate_client.post(URL, form_data(action="start", question_count="42", persona="villain"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "less than or equal to 10" in body
    assert "Select a valid choice" in body
    assert not InterviewSession.objects.exists()


def test_a_foreign_resume_cannot_be_chosen(candidate_client, other_candidate):
    foreign = make_resume(other_candidate)
    response = candidate_client.post(URL, form_data(action="start", resume=str(foreign.pk)))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not InterviewSession.objects.exists()


def test_the_csrf_check_still_applies(candidate):
    client = Client(enforce_csrf_checks=True)
    client.force_login(candidate)
    assert client.post(URL, form_data(action="start")).status_code == 403
    assert not InterviewSession.objects.exists()
