import pytest
from allauth.core.context import request_context
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from accounts.adapters import AccountAdapter

pytestmark = pytest.mark.django_db


def verification_redirect_for(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    with request_context(request):
        return AccountAdapter().get_email_verification_redirect_url(None)


def test_after_verification_a_signed_out_user_is_sent_to_the_login_url():
    # A URL, not the URL name "account_login": some allauth views redirect to it verbatim.
    assert verification_redirect_for(AnonymousUser()) == "/accounts/login/"


def test_after_verification_a_signed_in_user_is_sent_to_the_locker_room(candidate):
    assert verification_redirect_for(candidate) == "/"
