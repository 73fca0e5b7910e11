"""A candidate solves a problem in each language in Chromium and sees it accepted (live daphne + a real Celery
worker + the real sandbox); a wrong answer shows the example's expected output beside theirs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from coding.models import Draft, Submission
from coding.tests.arena_factories import SUM_SOLUTIONS, make_problem
from tests.e2e import conftest as harness
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.pages import log_in
from tests.e2e.server import REPO_ROOT, child_environment, database_url

# The harness's fixtures, registered for this module by being module attributes.
browser = harness.browser
_daphne_process = harness._daphne_process
daphne_server = harness.daphne_server
console = harness.console
page = harness.page

LANGUAGES = [("python", "Python"), ("javascript", "JavaScript"), ("java", "Java"), ("cpp", "C++")]


@pytest.fixture(scope="module")
def celery_worker(django_db_setup, tmp_path_factory) -> Iterator[subprocess.Popen]:
    """A real worker on the live daphne's broker and queue and the same test database."""
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo", "--loglevel", "WARNING",
                "--hostname", f"e2e-coding-{os.getpid()}@%h", "--without-mingle", "--without-gossip",
            ],
            cwd=REPO_ROOT,
            # The live daphne's settings and Celery queue (the run's own), and the same test database.
            env=child_environment(database_url(connection.settings_dict)),
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def open_problem(page: Page, slug: str) -> None:
    page.goto(f"/interview/coding/{slug}/")
    page.wait_for_function("() => window.monaco && window.monaco.editor.getModels().length === 1")


def set_code(page: Page, code: str) -> None:
    page.evaluate("(code) => window.monaco.editor.getModels()[0].setValue(code)", code)


@pytest.mark.e2e
@pytest.mark.slow
def test_a_candidate_solves_a_problem_in_each_language_and_sees_it_accepted(
    page: Page, daphne_server, celery_worker, console
):
    user = UserFactory(email="coder@example.com")
    make_problem()
    log_in(page, email=user.email, password=DEFAULT_PASSWORD)
    open_problem(page, "add-two")
    expect(page.get_by_role("heading", name="Add Two Numbers")).to_be_visible()
    result = page.locator("#result")

    for language, label in LANGUAGES:
        page.get_by_role("link", name=label, exact=True).click()
        page.wait_for_function("(lang) => window.monaco.editor.getModels()[0].getLanguageId() === lang", arg=language)
        set_code(page, SUM_SOLUTIONS[language])
        page.get_by_role("button", name="Submit").click()
        # The summary names the language, so the previous language's result never satisfies this.
        expect(result).to_contain_text(f"{label} · 4/4 tests passed", timeout=90_000)
        expect(result.get_by_role("heading", name="Accepted", exact=True)).to_be_visible()
        if language == "python":
            page.screenshot(path=ARTIFACTS / "coding-accepted.png", full_page=True)

    verdicts = list(Submission.objects.order_by("pk").values_list("language", "verdict"))
    assert verdicts == [(language, "AC") for language, _ in LANGUAGES]
    # Autosave kept one draft per language with the code typed in each.
    expect(page.locator("[data-save-status]")).to_have_text("Draft saved")
    drafts = dict(Draft.objects.filter(user=user).values_list("language", "code"))
    assert drafts == {language: SUM_SOLUTIONS[language] for language, _ in LANGUAGES}

    # Switching back shows that language's own draft.
    page.get_by_role("link", name="Python", exact=True).click()
    assert page.evaluate("() => window.monaco.editor.getModels()[0].getValue()") == SUM_SOLUTIONS["python"]
    assert not console.errors, console.errors


@pytest.mark.e2e
def test_a_wrong_answer_shows_expected_and_got_and_the_phone_layout(page: Page, daphne_server, celery_worker):
    user = UserFactory(email="wrong@example.com")
    make_problem(slug="add-again", title="Add Again")
    log_in(page, email=user.email, password=DEFAULT_PASSWORD)
    open_problem(page, "add-again")
    set_code(page, "def add(a, b):\n    return a - b\n")
    page.locator(".monaco-editor textarea").focus()
    page.keyboard.press("Control+Enter")  # the Run shortcut
    result = page.locator("#result")
    expect(result).to_contain_text("Wrong Answer", timeout=60_000)
    first = result.get_by_role("listitem").first
    expect(first).to_contain_text("Example 1")
    expect(first).to_contain_text("Expected")
    expect(first.locator("pre").nth(1)).to_have_text("3")
    expect(first.locator("pre").nth(2)).to_have_text(re.compile(r"^-1\s*$"))
    assert Submission.objects.get(user=user).kind == "run"
    page.screenshot(path=ARTIFACTS / "coding-wrong-answer.png", full_page=True)

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    page.wait_for_function("() => window.monaco && window.monaco.editor.getModels().length === 1")
    page.screenshot(path=ARTIFACTS / "coding-phone.png", full_page=True)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, json.dumps({"scrollWidth": width})
