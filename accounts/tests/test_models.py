import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from accounts.models import User
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_create_user_lower_cases_and_trims_the_email():
    user = User.objects.create_user("  Mixed.Case@Example.COM ", "a-long-passphrase-1")

    assert user.email == "mixed.case@example.com"
    assert user.password.startswith("argon2")
    assert user.check_password("a-long-passphrase-1")
    assert (user.is_staff, user.is_superuser, user.time_zone) == (False, False, "UTC")


def test_create_user_requires_an_email():
    with pytest.raises(ValueError, match="email"):
        User.objects.create_user("", "a-long-passphrase-1")


def test_create_superuser_makes_staff_and_superuser():
    user = User.objects.create_superuser("Boss@Example.com", "a-long-passphrase-1")

    assert (user.email, user.is_staff, user.is_superuser) == ("boss@example.com", True, True)


def test_createsuperuser_noinput_reads_email_and_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "Root@Example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-passphrase-1")

    call_command("createsuperuser", interactive=False, verbosity=0)

    user = User.objects.get()
    assert (user.email, user.is_staff, user.is_superuser) == ("root@example.com", True, True)
    assert user.check_password("a-long-passphrase-1")


def test_createsuperuser_refuses_an_email_taken_in_another_casing(monkeypatch, candidate):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "OWNER@example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-passphrase-1")

    with pytest.raises(CommandError, match="already taken"):
        call_command("createsuperuser", interactive=False, verbosity=0)
    assert User.objects.count() == 1


def test_get_by_natural_key_ignores_casing(candidate):
    assert User.objects.get_by_natural_key("Owner@EXAMPLE.com") == candidate


def test_the_database_refuses_two_emails_that_differ_only_in_case(candidate):
    # Bypasses the manager's normalisation on purpose: the constraint is the last line of defence.
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="OWNER@example.com")


def test_public_name_prefers_the_display_name_and_falls_back_to_the_local_part():
    user = User(email="jane.doe@example.com", display_name="")
    assert user.public_name == "jane.doe"
    assert user.get_full_name() == user.get_short_name() == "jane.doe"
    user.display_name = "Jane"
    assert user.public_name == "Jane"
    assert str(user) == "jane.doe@example.com"


def test_full_clean_lower_cases_the_email_as_the_admin_forms_do():
    user = User(email="Admin.Typed@Example.com")
    user.set_unusable_password()

    user.full_clean()

    assert user.email == "admin.typed@example.com"


def test_deleting_a_user_removes_their_email_addresses():
    user = UserFactory(email="leaving@example.com")
    EmailAddress.objects.create(user=user, email="second@example.com", verified=False, primary=False)
    keeper = UserFactory(email="staying@example.com")

    user.delete()

    assert list(EmailAddress.objects.values_list("email", flat=True)) == [keeper.email]
