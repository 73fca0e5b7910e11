from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import resolve_url


class AccountAdapter(DefaultAccountAdapter):
    def get_email_verification_redirect_url(self, email_address) -> str:
        # allauth expects a URL here, not a URL name: the code-verification view hands the value
        # straight to HttpResponseRedirect, so "account_login" would become a relative path.
        if self.request.user.is_authenticated:
            return resolve_url(settings.LOGIN_REDIRECT_URL)
        return resolve_url(settings.LOGIN_URL)
