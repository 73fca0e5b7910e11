"""The harness itself: the live server shares the test database, and the CSP guard sees violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.e2e.pages import expect_locker_room, log_in


@pytest.mark.e2e
def test_the_server_sees_a_user_the_test_created(page: Page, daphne_server):
    user = UserFactory(email="seen@example.com", display_name="Sam Seen")
    log_in(page, email=user.email, password=DEFAULT_PASSWORD)
    expect_locker_room(page, base_url=daphne_server.url)
    expect(page.get_by_role("main")).to_contain_text("Sam Seen")


@pytest.mark.e2e
def test_the_console_guard_records_a_csp_violation(page: Page, console):
    page.goto("/")
    with page.expect_console_message(lambda message: message.type == "error"):
        # An inline script without the nonce, as a template mistake would add it.
        page.evaluate("""() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
        }""")
    assert page.evaluate("() => window.injected") is None
    assert console.csp_violations(), console.errors
    console.errors.clear()  # expected here; the page fixture would fail the test on it
