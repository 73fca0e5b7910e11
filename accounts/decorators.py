"""Access rules for candidate pages."""

from __future__ import annotations

from functools import wraps
from inspect import iscoroutinefunction

from asgiref.sync import sync_to_async
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect

from accounts.selectors import user_has_verified_email


def candidate_required(view_func):
    """Signed in *and* email verified; anything else is sent to log in or to verify first.

    Every private page uses this: an unverified account sees no private page. Works on sync and
    async views alike.
    """
    if iscoroutinefunction(view_func):

        @wraps(view_func)
        async def async_wrapper(request, *args, **kwargs):
            user = await request.auser()
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not await sync_to_async(user_has_verified_email)(user=user):
                return redirect("accounts:verify_first")
            return await view_func(request, *args, **kwargs)

        return async_wrapper

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_has_verified_email(user=request.user):
            return redirect("accounts:verify_first")
        return view_func(request, *args, **kwargs)

    return wrapper
