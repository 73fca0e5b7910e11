import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from pytest_django.asserts import assertTemplateNotUsed, assertTemplateUsed

from accounts.models import User
from accounts.tests.helpers import link_in, log_in, sign_up

pytestmark = pytest.mark.django_db

LOCKER_ROOM = "gamification/locker_room.html"
PRIVATE_PAGES = ["/", "/accounts/profile/", "/coach/"]


def test_it_creates_an_email_login_with_an_argon2_hash_and_the_profile_fields(client, mailoutbox):
    response = sign_up(client, email="new@example.com", display_name="  Nora New ", time_zone="Europe/Berlin")

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert user.email == "new@example.com"
    assert not hasattr(user, "username") or user.username is None
    assert user.password.startswith("argon2")
    assert (user.display_name, user.time_zone) == ("Nora New", "Europe/Berlin")
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.primary, address.verified) == ("new@example.com", True, False)


def test_it_falls_back_to_utc_for_an_unknown_time_zone(client):
    sign_up(client, email="new@example.com", time_zone="Mars/Olympus")

    assert User.objects.get().time_zone == "UTC"


def test_it_mails_a_confirm_link_and_keeps_the_new_user_signed_out(client, mailoutbox):
    sign_up(client, email="new@example.com")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new@example.com"]
    assert link_in(mailoutbox[0], containing="/accounts/confirm-email/")
    assert "_auth_user_id" not in client.session
    for page in PRIVATE_PAGES:
        response = client.get(page)
        if page == "/":
            assertTemplateNotUsed(response, LOCKER_ROOM)
        else:
            assert response.status_code == 302
            assert response.url.startswith(reverse("account_login"))


def test_it_refuses_login_until_email_is_verified(client, mailoutbox):
    sign_up(client, email="new@example.com")

    response = log_in(client, email="new@example.com")

    # Mandatory verification: allauth re-sends nothing within its cooldown and says "verify first".
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assertTemplateNotUsed(client.get("/"), LOCKER_ROOM)


def test_it_confirms_the_email_on_post_and_then_lets_the_user_in(client, mailoutbox):
    sign_up(client, email="new@example.com", display_name="Nora")
    confirm_path = link_in(mailoutbox[0], containing="/accounts/confirm-email/")

    page = client.get(confirm_path)
    assert page.status_code == 200
    assert not EmailAddress.objects.get().verified  # a GET (mail scanners) confirms nothing
    confirmed = client.post(confirm_path)

    assert confirmed.status_code == 302
    assert confirmed.url == reverse("account_login")
    assert EmailAddress.objects.get().verified
    logged_in = log_in(client, email="new@example.com")
    assert logged_in.status_code == 302
    assert logged_in.url == reverse("gamification:locker_room")
    home = client.get("/")
    assert home.status_code == 200
    assertTemplateUsed(home, LOCKER_ROOM)
    assert b"Nora" in home.content
    for page in PRIVATE_PAGES:
        assert client.get(page).status_code == 200


def test_it_does_not_create_a_second_account_for_another_casing(client, mailoutbox):
    sign_up(client, email="Case@Example.com")
    response = sign_up(client, email="case@EXAMPLE.COM")

    # With ACCOUNT_PREVENT_ENUMERATION the second sign-up looks like the first one did.
    assert response.status_code == 302
    assert User.objects.count() == 1
    assert User.objects.get().email == "case@example.com"
    assert EmailAddress.objects.count() == 1


def test_it_logs_in_with_the_email_in_another_casing(client, candidate):
    response = log_in(client, email="OWNER@Example.COM")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(candidate.pk)
