from unittest import mock

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.urls import reverse
from pytest_django.asserts import assertTemplateUsed

from accounts.tests.factories import DEFAULT_PASSWORD
from accounts.tests.helpers import log_in

pytestmark = pytest.mark.django_db

PRIVATE_PAGES = ["/", "/accounts/profile/", "/coach/"]


def test_it_signs_a_verified_candidate_in_and_shows_the_locker_room(client, candidate):
    response = log_in(client, email="owner@example.com")

    assert response.status_code == 302
    assert response.url == reverse("gamification:locker_room")
    assertTemplateUsed(client.get("/"), "gamification/locker_room.html")


def test_it_refuses_a_wrong_password(client, candidate):
    response = log_in(client, email="owner@example.com", password="not-the-password")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors


@pytest.mark.parametrize("email", ["owner@example.com", "nobody@example.com"])
def test_a_failed_login_costs_one_argon2_run(client, candidate, email):
    # Argon2 takes ~100 MiB per run; a second authentication backend used to double that per attempt.
    verify = mock.patch.object(Argon2PasswordHasher, "verify", autospec=True, side_effect=Argon2PasswordHasher.verify)
    encode = mock.patch.object(Argon2PasswordHasher, "encode", autospec=True, side_effect=Argon2PasswordHasher.encode)
    with verify as verified, encode as encoded:
        log_in(client, email=email, password="not-the-password")

    assert verified.call_count + encoded.call_count == 1


def test_it_refuses_login_for_an_unverified_user(client, unverified_user, mailoutbox):
    response = log_in(client, email="unverified@example.com")

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert [m.to for m in mailoutbox] == [["unverified@example.com"]]  # a fresh confirm link


@pytest.mark.parametrize("page", PRIVATE_PAGES)
def test_it_sends_a_signed_in_unverified_user_to_verify_first(client, unverified_user, page):
    client.force_login(unverified_user)

    response = client.get(page)

    assert response.status_code == 302
    assert response.url == reverse("accounts:verify_first")


@pytest.mark.parametrize("page", PRIVATE_PAGES)
def test_it_sends_anonymous_visitors_of_private_pages_to_login(client, page):
    response = client.get(page)

    if page == "/":
        assertTemplateUsed(response, "gamification/landing.html")
    else:
        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={page}"


def test_verify_first_sends_a_verified_user_on_to_the_locker_room(candidate_client):
    response = candidate_client.get(reverse("accounts:verify_first"))

    assert response.status_code == 302
    assert response.url == reverse("gamification:locker_room")


def test_verify_first_asks_an_unverified_user_to_check_their_mail(client, unverified_user):
    client.force_login(unverified_user)

    response = client.get(reverse("accounts:verify_first"))

    assert response.status_code == 200
    assertTemplateUsed(response, "accounts/verify_first.html")


def test_it_logs_out_on_post(candidate_client):
    response = candidate_client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response.url == reverse("gamification:locker_room")
    assert "_auth_user_id" not in candidate_client.session
    assertTemplateUsed(candidate_client.get("/"), "gamification/landing.html")


def test_a_logout_get_only_asks_for_confirmation(candidate_client, candidate):
    response = candidate_client.get(reverse("account_logout"))

    assert response.status_code == 200
    assert b'method="post"' in response.content
    assert candidate_client.session["_auth_user_id"] == str(candidate.pk)


def test_admin_login_goes_through_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_admin_refuses_a_verified_candidate_who_is_not_staff(candidate_client):
    response = candidate_client.get("/admin/", follow=True)

    assert response.status_code == 403


def test_admin_opens_for_staff(client, staff_user):
    client.force_login(staff_user)

    assert client.get("/admin/").status_code == 200


def test_staff_reach_the_admin_after_signing_in_through_allauth(client, staff_user):
    response = client.post(
        reverse("account_login"), {"login": "staff@example.com", "password": DEFAULT_PASSWORD, "next": "/admin/"}
    )

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
