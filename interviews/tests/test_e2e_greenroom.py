# ruff: noqa: F811 - pytest fixtures imported by name from the e2e harness
"""The Green Room in a real Chromium: upload a résumé, paste a job, see the match, run the mirror check (fake
camera and microphone), pick a background, start."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from interviews.models import InterviewSession, Resume, SessionStatus
from interviews.tests import resume_files as files
from tests.e2e.conftest import (  # noqa: F401 - fixtures
    ARTIFACTS,
    _daphne_process,
    console,
    daphne_server,
    fake_media_args,
    launch_chromium,
    live_server_url,
    page,
)
from tests.e2e.pages import log_in


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """The harness's browser plus fake media devices (test-pattern camera, beeping microphone) for the mirror check."""
    with launch_chromium(*fake_media_args()) as browser:
        yield browser


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"greenroom-{name}.png", full_page=True)


@pytest.mark.e2e
def test_a_candidate_gets_ready_in_the_green_room_and_starts(page: Page, daphne_server):
    user = UserFactory(email="gina.green@example.com", display_name="Gina Green")
    log_in(page, email=user.email, password=DEFAULT_PASSWORD)
    page.goto("/interview/setup/?question=Tell%20me%20about%20a%20migration%20you%20led.")
    expect(page.get_by_role("heading", name="Get ready for your interview")).to_be_visible()
    expect(page.locator('textarea[name="starting_question"]')).to_have_value("Tell me about a migration you led.")

    # A bad file first: explained, and what was typed stays.
    page.locator('textarea[name="job_text"]').fill(files.JOB_TEXT)
    page.locator('input[name="resume_file"]').set_input_files(
        {"name": "scan.pdf", "mimeType": "application/pdf", "buffer": files.scanned_pdf_bytes()}
    )
    page.get_by_role("button", name="Upload résumé").click()
    expect(page.get_by_text("looks like a scanned document")).to_be_visible()
    expect(page.locator('textarea[name="job_text"]')).to_have_value(files.JOB_TEXT)

    # Then the real résumé.
    page.locator('input[name="resume_file"]').set_input_files(
        {"name": "ada.pdf", "mimeType": "application/pdf", "buffer": files.pdf_bytes()}
    )
    page.locator('input[name="resume_name"]').fill("Backend CV")
    page.get_by_role("button", name="Upload résumé").click()
    expect(page.get_by_role("radio", name=re.compile("Backend CV"))).to_be_checked()
    assert Resume.objects.get(user=user).page_count == 1

    # The match analysis, explained.
    page.get_by_role("button", name="Analyse the match").click()
    match = page.locator("#match-result")
    expect(match.get_by_text("How the score was reached")).to_be_visible()
    expect(match.get_by_text(re.compile(r"Gaps to prepare for \(\d+\)"))).to_be_visible()
    score = int(match.locator(".match__number").inner_text())
    assert 0 < score < 100
    shot(page, "match")

    # The mirror check: the fake camera plays, the fake microphone's beep moves the meter.
    page.get_by_role("button", name="Start mirror check").click()
    video = page.get_by_label("Your camera preview")
    expect(video).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-mirror-video]').videoWidth > 0")
    meter = page.locator("#mic-level")
    levels = set()
    for _ in range(20):
        levels.add(float(meter.evaluate("m => m.value")))
        page.wait_for_timeout(100)
    assert len(levels) > 2, levels  # it moves
    assert max(levels) > 0
    expect(page.get_by_role("radio", name="Camera and microphone")).to_be_checked()
    expect(page.get_by_role("status").filter(has_text="Camera and microphone are working")).to_be_visible()

    # The background preview follows the choice.
    preview = page.locator("[data-background-preview]")
    expect(preview).to_have_attribute("src", re.compile(r"office\.svg$"))
    page.get_by_role("radio", name="Night City").check()
    expect(preview).to_have_attribute("src", re.compile(r"night_city\.svg$"))
    page.get_by_role("radio", name="Challenging Lead").check()
    shot(page, "ready")

    # The Arena's page is another journey (its own e2e test): here only where Start leads matters, so its
    # scripts are stubbed out and cannot fail this test.
    page.route(
        re.compile(r"/static/interviews/(arena|live)[^/]*\.js$"),
        lambda route: route.fulfill(status=200, body="", content_type="text/javascript"),
    )
    start = page.get_by_role("button", name="Start the interview")
    with page.expect_navigation():
        start.dblclick()
    sessions = InterviewSession.objects.filter(user=user)
    assert sessions.count() == 1
    session = sessions.get()
    expect(page).to_have_url(re.compile(rf"/interview/{session.pk}/$"))
    assert session.status in {SessionStatus.READY, SessionStatus.LIVE}
    assert (session.background, session.persona, session.media_mode) == ("night_city", "challenging", "video")
    assert session.match["score"] == score
    assert session.starting_question == "Tell me about a migration you led."


@pytest.mark.e2e
def test_the_green_room_fits_a_phone(page: Page, daphne_server):
    user = UserFactory(email="phil.phone@example.com")
    log_in(page, email=user.email, password=DEFAULT_PASSWORD)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/interview/setup/")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    shot(page, "phone")
