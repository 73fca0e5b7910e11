"""Steps and checks shared by the journeys. Pages are being restyled: find things by form field
name, role, accessible name, URL and title — never by CSS class."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

LOCKER_ROOM_TITLE = re.compile(r"Locker Room")
LOG_IN_LINK = re.compile(r"log in|sign in", re.IGNORECASE)


def submit_login(page: Page, *, email: str, password: str) -> None:
    """Fill and send the login form already on the page."""
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(password)
    with page.expect_navigation():
        page.locator('input[name="password"]').press("Enter")


def log_in(page: Page, *, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    submit_login(page, email=email, password=password)


def expect_locker_room(page: Page, *, base_url: str) -> None:
    expect(page).to_have_url(f"{base_url}/")
    expect(page).to_have_title(LOCKER_ROOM_TITLE)
    expect(page.get_by_role("link", name=LOG_IN_LINK)).to_have_count(0)


def expect_not_locker_room(page: Page) -> None:
    expect(page).not_to_have_title(LOCKER_ROOM_TITLE)


LOG_OUT = re.compile(r"log out|sign out", re.IGNORECASE)


def log_out(page: Page) -> None:
    """Press the "Log out" button; open the menu (a ``<details>``) it may sit in first, as a user would."""
    button = page.get_by_role("button", name=LOG_OUT, include_hidden=True).first
    if not button.is_visible():
        page.locator("details").filter(has=button).locator("summary").first.click()
    with page.expect_navigation():
        button.click()
    if "/accounts/logout/" in page.url:  # allauth's confirmation page, if logout ever becomes a link
        with page.expect_navigation():
            page.get_by_role("main").get_by_role("button", name=LOG_OUT).click()
