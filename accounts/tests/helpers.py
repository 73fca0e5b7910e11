"""Small helpers shared by the account flow tests (mail links, form posts)."""

from __future__ import annotations

import re

from django.core.mail import EmailMessage
from django.urls import reverse

from accounts.tests.factories import DEFAULT_PASSWORD

_LINK = re.compile(r"https?://testserver(/\S+)")


def link_in(message: EmailMessage, *, containing: str) -> str:
    """The path of the one link in ``message`` whose path contains ``containing``."""
    paths = [path for path in _LINK.findall(message.body) if containing in path]
    assert len(paths) == 1, f"expected one {containing!r} link in:\n{message.body}"
    return paths[0]


def log_in(client, *, email: str, password: str = DEFAULT_PASSWORD, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, headers=headers)


def sign_up(client, *, email: str, password: str = DEFAULT_PASSWORD, **fields):
    data = {"email": email, "password1": password, "password2": password, "display_name": "", "time_zone": "UTC"}
    data.update(fields)
    return client.post(reverse("account_signup"), data)
