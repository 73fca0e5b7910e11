"""The résumé shelf: list, rename inline, delete with its file, private download."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from interviews.models import Resume
from interviews.tests.resume_files import sweep_resume

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_list_shows_only_my_resumes(candidate_client, candidate, other_candidate, django_assert_max_num_queries):
    sweep_resume(candidate)
    theirs = sweep_resume(other_candidate)
    theirs.name = "Their CV"
    theirs.save(update_fields=["name"])
    with django_assert_max_num_queries(8):
        body = candidate_client.get(reverse("interviews:resume_list")).content.decode()
    assert "Sweep CV" in body
    assert "Their CV" not in body


def test_rename_inline_with_htmx(candidate_client, candidate):
    resume = sweep_resume(candidate)
    url = reverse("interviews:resume_rename", args=[resume.pk])
    form = candidate_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'name="name"' in form
    assert "<html" not in form
    row = candidate_client.post(url, {"name": "  Backend 2026 "}, headers={"HX-Request": "true"}).content.decode()
    assert f'id="resume-{resume.pk}"' in row
    assert "Backend 2026" in row
    resume.refresh_from_db()
    assert resume.name == "Backend 2026"


def test_rename_refuses_a_blank_name(candidate_client, candidate):
    resume = sweep_resume(candidate)
    url = reverse("interviews:resume_rename", args=[resume.pk])
    body = candidate_client.post(url, {"name": "   "}, headers={"HX-Request": "true"}).content.decode()
    assert "This field is required." in body or "Give the résumé a name." in body
    resume.refresh_from_db()
    assert resume.name == "Sweep CV"


def test_rename_without_javascript_redirects_to_the_list(candidate_client, candidate):
    resume = sweep_resume(candidate)
    response = candidate_client.post(reverse("interviews:resume_rename", args=[resume.pk]), {"name": "New"})
    assert response.status_code == 302
    assert response.url == reverse("interviews:resume_list")


def test_delete_asks_first_then_removes_the_row_and_the_file(
    candidate_client, candidate, django_capture_on_commit_callbacks
):
    resume = sweep_resume(candidate)
    path = Path(resume.file.path)
    url = reverse("interviews:resume_delete", args=[resume.pk])
    assert "Delete “Sweep CV”?" in candidate_client.get(url).content.decode()
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = candidate_client.post(url)
    assert response.status_code == 302
    assert not Resume.objects.filter(pk=resume.pk).exists()
    assert not path.exists()


def test_download_is_an_attachment_that_is_never_sniffed(candidate_client, candidate):
    resume = sweep_resume(candidate)
    response = candidate_client.get(reverse("interviews:resume_download", args=[resume.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="cv.txt"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].startswith("text/plain")
    assert b"".join(response.streaming_content).startswith(b"Ada Lovelace")


def test_another_user_gets_404_everywhere(client, candidate, other_candidate):
    resume = sweep_resume(candidate)
    client.force_login(other_candidate)
    for name in ("resume_rename", "resume_delete", "resume_download"):
        url = reverse(f"interviews:{name}", args=[resume.pk])
        assert client.get(url).status_code == 404, name
        if name != "resume_download":
            assert client.post(url, {"name": "stolen"}).status_code == 404, name
    resume.refresh_from_db()
    assert resume.name == "Sweep CV"
    assert Path(resume.file.path).exists()


def test_media_is_not_served_from_a_public_url(candidate_client, candidate):
    resume = sweep_resume(candidate)
    assert candidate_client.get(f"/media/{resume.file.name}").status_code == 404
