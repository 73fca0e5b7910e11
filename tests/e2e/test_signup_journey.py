"""A visitor becomes a candidate: sign up, verify the email from the mail file, log in, log out."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.mail import confirmation_path, messages_to
from tests.e2e.pages import LOG_IN_LINK, expect_locker_room, expect_not_locker_room, log_in, log_out

EMAIL = "nora.newcomer@example.com"
PASSWORD = "velvet-harbour-1987"
VERIFY_HEADING = re.compile("verify your email", re.IGNORECASE)


@pytest.mark.e2e
def test_a_visitor_signs_up_verifies_the_email_and_logs_in_and_out(page: Page, daphne_server):
    page.goto("/")
    expect_not_locker_room(page)
    page.get_by_role("link", name=re.compile(r"sign up", re.IGNORECASE)).first.click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))

    page.locator('input[name="email"]').fill(EMAIL)
    page.locator('input[name="password1"]').fill(PASSWORD)
    page.locator('input[name="password2"]').fill(PASSWORD)
    page.locator('input[name="display_name"]').fill("Nora Newcomer")
    with page.expect_navigation():
        page.locator('input[name="password2"]').press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", name=VERIFY_HEADING)).to_be_visible()

    # The right password is not enough before the address is verified.
    log_in(page, email=EMAIL, password=PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", name=VERIFY_HEADING)).to_be_visible()
    expect_not_locker_room(page)

    messages = messages_to(daphne_server.mail_dir, EMAIL)
    assert messages, f"no mail to {EMAIL} in {daphne_server.mail_dir}"
    page.goto(confirmation_path(messages[0]))
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("confirm", re.IGNORECASE)).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    # What the server committed is visible to the test process: it is the same database.
    assert EmailAddress.objects.get(email=EMAIL).verified

    log_in(page, email=EMAIL, password=PASSWORD)
    expect_locker_room(page, base_url=daphne_server.url)
    expect(page.get_by_role("main")).to_contain_text("Nora Newcomer")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "locker-room.png", full_page=True)

    log_out(page)
    expect(page).to_have_url(f"{daphne_server.url}/")
    expect_not_locker_room(page)
    expect(page.get_by_role("link", name=LOG_IN_LINK).first).to_be_visible()

    page.goto("/coach/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/coach/$"))
