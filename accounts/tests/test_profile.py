import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_profile_saves_time_zone_role_and_level(candidate_client, candidate):
    response = candidate_client.post(
        reverse("accounts:profile"),
        {
            "display_name": "Olive",
            "time_zone": "Europe/Berlin",
            "target_role": "Data scientist",
            "experience_level": "senior",
        },
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert (candidate.time_zone, candidate.target_role, candidate.experience_level) == (
        "Europe/Berlin",
        "Data scientist",
        "senior",
    )


def test_profile_rejects_unknown_time_zone_and_keeps_the_old_one(candidate_client, candidate):
    response = candidate_client.post(
        reverse("accounts:profile"),
        {"display_name": "", "time_zone": "Mars/Olympus", "target_role": "", "experience_level": "mid"},
    )
    assert response.status_code == 400
    assert b"Mars/Olympus" in response.content or b"valid choice" in response.content
    candidate.refresh_from_db()
    assert candidate.time_zone == "UTC"


def test_invalid_profile_over_htmx_returns_only_the_form_fragment(candidate_client):
    response = candidate_client.post(
        reverse("accounts:profile"),
        {"time_zone": "Nowhere", "experience_level": "mid"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="profile-form"' in body
    assert "<html" not in body


def test_unverified_user_is_sent_to_verify_first(client, unverified_user):
    client.force_login(unverified_user)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:verify_first")


def test_profile_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse('accounts:profile')}"


def test_profile_shows_the_owner_their_own_settings(candidate_client):
    response = candidate_client.get(reverse("accounts:profile"))

    assert response.status_code == 200
    assert response.context["form"].instance.email == "owner@example.com"


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_profile_refuses_other_methods(candidate_client, method):
    assert getattr(candidate_client, method)(reverse("accounts:profile")).status_code == 405


def test_profile_edits_only_the_signed_in_user(candidate_client, candidate, other_candidate):
    candidate_client.post(
        reverse("accounts:profile"),
        {"display_name": "Changed", "time_zone": "Asia/Tokyo", "target_role": "", "experience_level": "mid"},
    )

    other_candidate.refresh_from_db()
    assert (other_candidate.display_name, other_candidate.time_zone) == ("Otto Other", "UTC")
