import pytest
from django.urls import reverse
from pytest_django.asserts import assertTemplateUsed

from accounts.tests.factories import DEFAULT_PASSWORD
from accounts.tests.helpers import link_in, log_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-42"


def request_reset(client, email):
    return client.post(reverse("account_reset_password"), {"email": email})


def test_it_resets_a_forgotten_password_through_the_mailed_link(client, candidate, mailoutbox):
    response = request_reset(client, "Owner@Example.com")

    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    assert [m.to for m in mailoutbox] == [["owner@example.com"]]
    key_page = client.get(link_in(mailoutbox[0], containing="/accounts/password/reset/key/"))
    # allauth moves the key out of the URL (Referer leaks) and shows the form on a keyless URL.
    assert key_page.status_code == 302
    set_page = key_page.url
    assert client.get(set_page).status_code == 200
    done = client.post(set_page, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done.url == reverse("account_reset_password_from_key_done")

    candidate.refresh_from_db()
    assert candidate.password.startswith("argon2")
    assert log_in(client, email="owner@example.com").status_code == 200  # the old one no longer works
    assert log_in(client, email="owner@example.com", password=NEW_PASSWORD).url == reverse("gamification:locker_room")


def test_a_reset_link_works_only_once(client, candidate, mailoutbox):
    request_reset(client, candidate.email)
    link = link_in(mailoutbox[0], containing="/accounts/password/reset/key/")
    set_page = client.get(link).url
    client.post(set_page, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert again.context["token_fail"]


def test_an_unknown_email_gets_the_same_answer_as_a_known_one(client, candidate, mailoutbox):
    known = request_reset(client, candidate.email)
    unknown = request_reset(client, "nobody@example.com")

    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    # The stranger's mailbox gets a notice without a reset link; nothing says "no such user" on screen.
    assert [m.to for m in mailoutbox] == [["owner@example.com"], ["nobody@example.com"]]
    assert "/accounts/password/reset/key/" not in mailoutbox[1].body


def test_it_changes_the_password_only_with_the_old_one(candidate_client, candidate, client):
    url = reverse("account_change_password")

    refused = candidate_client.post(
        url, {"oldpassword": "not-the-password", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert refused.status_code == 200
    assert "oldpassword" in refused.context["form"].errors
    changed = candidate_client.post(
        url, {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert changed.status_code == 302

    candidate.refresh_from_db()
    assert candidate.check_password(NEW_PASSWORD)
    # Still signed in: allauth updates the session hash (ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE=False).
    assertTemplateUsed(candidate_client.get("/"), "gamification/locker_room.html")
    candidate_client.post(reverse("account_logout"))
    assert log_in(client, email=candidate.email).status_code == 200
    assert log_in(client, email=candidate.email, password=NEW_PASSWORD).status_code == 302


def test_it_refuses_a_weak_new_password(candidate_client, candidate):
    response = candidate_client.post(
        reverse("account_change_password"),
        {"oldpassword": DEFAULT_PASSWORD, "password1": "short", "password2": "short"},
    )

    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    candidate.refresh_from_db()
    assert candidate.check_password(DEFAULT_PASSWORD)


def test_password_change_needs_a_signed_in_user(client):
    response = client.get(reverse("account_change_password"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
