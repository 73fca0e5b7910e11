"""allauth's login rate limit (settings.ACCOUNT_RATE_LIMITS["login_failed"]) as the browser sees it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.e2e.pages import expect_not_locker_room, submit_login

TOO_MANY = re.compile("too many failed login attempts", re.IGNORECASE)


@pytest.mark.e2e
def test_eleven_wrong_passwords_end_in_the_too_many_attempts_message(page: Page, daphne_server):
    # Committed by transactional_db, so the daphne process sees this account.
    user = UserFactory(email="target@example.com")
    page.goto("/accounts/login/")
    submit_login(page, email=user.email, password="wrong-password-1")
    expect(page.get_by_role("main")).to_contain_text(re.compile("not correct", re.IGNORECASE))
    expect(page.get_by_role("main")).not_to_contain_text(TOO_MANY)

    for attempt in range(2, 12):
        submit_login(page, email=user.email, password=f"wrong-password-{attempt}")

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("main")).to_contain_text(TOO_MANY)
    # The limit is checked before the password: now even the right one is turned away.
    submit_login(page, email=user.email, password=DEFAULT_PASSWORD)
    expect(page.get_by_role("main")).to_contain_text(TOO_MANY)
    expect_not_locker_room(page)
