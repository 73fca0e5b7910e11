"""The Library in a real browser: log in, start an answer from a template, live search, export."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from library.tests.factories import SavedAnswerFactory
from tests.e2e.pages import log_in

SHOTS = os.environ.get("LIBRARY_SCREENSHOTS", "")  # a directory: save page screenshots for a visual check


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.e2e
def test_template_to_live_search_to_export(page: Page, daphne_server, tmp_path):
    user = UserFactory(email="lib@example.com", display_name="Lena Library")
    SavedAnswerFactory(user=user, title="Kubernetes rollout", tags=["platform"])
    SavedAnswerFactory(user=user, title="Quarterly planning", is_favorite=True)
    log_in(page, email=user.email, password=DEFAULT_PASSWORD)

    # Start from the "conflict" template: the form opens prefilled with guidance.
    page.goto("/library/templates/")
    shot(page, "templates")
    page.get_by_role("link", name=re.compile("Use this template.*Conflict with a colleague")).click()
    expect(page.get_by_label("Question")).to_have_value(re.compile("disagreed with a colleague"))
    expect(page.get_by_label("Tags")).to_have_value("conflict, collaboration")
    expect(page.get_by_text("Say 'I', not 'we'")).to_be_visible()
    page.get_by_label("Situation").fill("Our designer and I disagreed about the onboarding flow.")
    page.get_by_label("Action").fill("I proposed an A/B test and set up the metrics myself.")
    page.get_by_label("Result").fill("Activation rose 12% and we kept the better flow.")
    shot(page, "form")
    page.get_by_role("button", name="Save answer").click()
    expect(page).to_have_url(re.compile(r"/library/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Resolving a disagreement with a colleague")
    expect(page.get_by_text("Answer saved to your Library.")).to_be_visible()

    page.get_by_role("button", name="Improve with AI").click()
    expect(page.get_by_text("Answered by")).to_contain_text("Offline coach")
    shot(page, "detail")

    # Live search: results change as the user types, and the URL follows.
    page.goto("/library/")
    expect(page.locator("#answer-results li")).to_have_count(3)
    search = page.get_by_role("searchbox", name="Search your answers")
    search.press_sequentially("onboard", delay=30)
    expect(page.locator("#answer-results li")).to_have_count(1)
    expect(page.locator("#answer-results")).to_contain_text("Resolving a disagreement with a colleague")
    expect(page).to_have_url(re.compile(r"/library/\?q=onboard"))
    shot(page, "list-search")

    # Export what is shown as Markdown.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Export these 1 as Markdown")).click()
    download = download_info.value
    assert re.fullmatch(r"interview-answers-\d{4}-\d{2}-\d{2}\.md", download.suggested_filename)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    markdown = path.read_text(encoding="utf-8")
    assert "## Resolving a disagreement with a colleague" in markdown
    assert "### Result\n\nActivation rose 12%" in markdown
    assert "Kubernetes" not in markdown

    # Clearing the search brings everything back; a phone-sized screen still works.
    search.fill("")
    expect(page.locator("#answer-results li")).to_have_count(3)
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    expect(page.locator("#answer-results li")).to_have_count(3)
    shot(page, "list-phone")
