"""Access rules for candidate pages."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect

from accounts.selectors import user_has_verified_email


def candidate_required(view_func):
    """Signed in *and* email verified; anything else is sent to log in or to verify first.

    Every private page uses this: an unverified account sees no private page.
    """

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_has_verified_email(user=request.user):
            return redirect("accounts:verify_first")
        return view_func(request, *args, **kwargs)

    return wrapper
