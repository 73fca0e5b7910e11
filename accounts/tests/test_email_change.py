import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.tests.factories import DEFAULT_PASSWORD
from accounts.tests.helpers import link_in, log_in

pytestmark = pytest.mark.django_db

EMAIL_PAGE = "/accounts/email/"


@pytest.fixture
def signed_in(client, candidate):
    log_in(client, email=candidate.email)
    return client


def ask_for_new_email(client, email="new@example.com"):
    return client.post(EMAIL_PAGE, {"action_add": "", "email": email})


def reauthenticate(client, password=DEFAULT_PASSWORD):
    return client.post(f"{reverse('account_reauthenticate')}?next={EMAIL_PAGE}", {"password": password})


def test_it_asks_for_the_password_again_before_changing_the_email(signed_in, candidate, mailoutbox):
    response = ask_for_new_email(signed_in)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_reauthenticate')}?next=%2Faccounts%2Femail%2F"
    assert not EmailAddress.objects.filter(email="new@example.com").exists()
    assert mailoutbox == []


def test_a_wrong_password_on_reauthentication_changes_nothing(signed_in, mailoutbox):
    ask_for_new_email(signed_in)

    response = reauthenticate(signed_in, password="not-the-password")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not EmailAddress.objects.filter(email="new@example.com").exists()
    assert mailoutbox == []


def test_after_reauthentication_it_mails_the_new_address_and_keeps_the_old_login(
    client, signed_in, candidate, mailoutbox
):
    ask_for_new_email(signed_in)

    response = reauthenticate(signed_in)

    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["new@example.com"]]
    assert link_in(mailoutbox[0], containing="/accounts/confirm-email/")
    new = EmailAddress.objects.get(email="new@example.com")
    assert (new.user_id, new.verified, new.primary) == (candidate.pk, False, False)
    candidate.refresh_from_db()
    assert candidate.email == "owner@example.com"
    signed_in.post(reverse("account_logout"))
    refused = log_in(client, email="new@example.com")
    assert refused.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert log_in(client, email="owner@example.com").url == reverse("gamification:locker_room")


def test_confirming_the_new_address_makes_it_the_login(client, signed_in, candidate, mailoutbox):
    ask_for_new_email(signed_in, email="New@Example.com")
    reauthenticate(signed_in)
    confirm_path = link_in(mailoutbox[0], containing="/accounts/confirm-email/")

    response = signed_in.post(confirm_path)

    assert response.status_code == 302
    assert response.url == reverse("gamification:locker_room")
    candidate.refresh_from_db()
    assert candidate.email == "new@example.com"
    assert list(EmailAddress.objects.filter(user=candidate).values_list("email", "primary", "verified")) == [
        ("new@example.com", True, True)
    ]
    signed_in.post(reverse("account_logout"))
    assert log_in(client, email="owner@example.com").status_code == 200  # the old address is gone
    assert log_in(client, email="new@example.com").url == reverse("gamification:locker_room")


def test_confirming_while_signed_out_also_switches_the_login(client, signed_in, candidate, mailoutbox):
    ask_for_new_email(signed_in)
    reauthenticate(signed_in)
    signed_in.post(reverse("account_logout"))

    response = client.post(link_in(mailoutbox[0], containing="/accounts/confirm-email/"))

    assert response.url == reverse("account_login")
    candidate.refresh_from_db()
    assert candidate.email == "new@example.com"


def test_an_address_another_account_verified_can_never_become_the_login(
    signed_in, candidate, other_candidate, mailoutbox
):
    ask_for_new_email(signed_in, email="OTHER@example.com")
    response = reauthenticate(signed_in)

    # Enumeration prevention: the form accepts the address and mails it, so nothing leaks here...
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["other@example.com"]]
    # ...but the link cannot verify an address that is already verified elsewhere.
    signed_in.post(link_in(mailoutbox[0], containing="/accounts/confirm-email/"))
    candidate.refresh_from_db()
    other_candidate.refresh_from_db()
    assert (candidate.email, other_candidate.email) == ("owner@example.com", "other@example.com")
    assert EmailAddress.objects.get(user=other_candidate).verified
    assert not EmailAddress.objects.filter(user=candidate, email="other@example.com", verified=True).exists()
