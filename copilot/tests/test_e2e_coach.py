"""The Coach in a real Chromium against a live daphne: a reply streams in and names its engine; Cancel
keeps what arrived; a model reply full of hostile markup runs nothing and fetches nothing remote.

The harness's fixtures live in ``tests/e2e/conftest.py``; importing them here registers them for this
module (a conftest only serves its own directory). The happy path uses the harness's daphne (no model:
the offline engine). The model tests need a daphne whose environment points at a fake Chat Completions
server started here, so they start a second one (``model_daphne``) with ``LLM_BASE_URL`` set.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.db import connection
from playwright.sync_api import Browser, Page, expect

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from copilot.models import ChatMessage
from copilot.tests.fake_openai import FakeOpenAI, Step
from tests.e2e import conftest as harness
from tests.e2e.conftest import BrowserConsole, save_artifacts
from tests.e2e.pages import submit_login
from tests.e2e.server import DaphneServer, database_url

pytestmark = pytest.mark.e2e

# The harness's fixtures, registered for this module by being module attributes.
browser = harness.browser
_daphne_process = harness._daphne_process
daphne_server = harness.daphne_server
live_server_url = harness.live_server_url
console = harness.console
page = harness.page

ENGINE_OFFLINE = re.compile(r"Offline coach")
HOSTILE_REPLY = (
    "## Plan\n\nHere is **your plan**.\n\n"
    "<script>window.__pwned=1</script>\n\n"
    '<img src=x onerror="window.__pwned=2">\n\n'
    "[click me](javascript:window.__pwned=3)\n\n"
    "![tracker](http://remote.example/track.png)\n\n"
    '<div hx-get="/admin/" hx-trigger="load">boo</div>\n\n'
    '<a href="#" onclick="window.__pwned=4">x</a>\n\n'
    '<iframe src="http://remote.example/frame"></iframe>\n\n'
    '<svg onload="window.__pwned=5"></svg>\n\n'
    "<style>body{display:none}</style>\n\nThe end."
)


def log_in_at(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    submit_login(page, email=email, password=DEFAULT_PASSWORD)


def send_first_message(page: Page, base_url: str, text: str) -> None:
    page.goto(f"{base_url}/coach/")
    page.get_by_label("Message").fill(text)
    with page.expect_navigation(url=re.compile(r"/coach/c/\d+/$")):
        page.get_by_role("button", name="Ask the Coach").click()


def record_streaming(page: Page) -> None:
    """Note whether streamed text ever appeared (DevTools init scripts are not subject to the CSP)."""
    page.add_init_script(
        """window.__streamed = 0;
        new MutationObserver(() => {
            if (document.querySelector(".msg__stream")) window.__streamed += 1;
        }).observe(document, {subtree: true, childList: true, characterData: true});"""
    )


# ------------------------------------------------------------------------------------------------
# Happy path: the offline engine through the harness's daphne
# ------------------------------------------------------------------------------------------------
def test_a_reply_streams_in_and_names_its_engine(page: Page, live_server_url):
    user = UserFactory(email="coachee@example.com")
    record_streaming(page)
    log_in_at(page, live_server_url, user.email)
    send_first_message(page, live_server_url, "How do I negotiate salary?")

    reply = page.locator("article.msg--assistant").last
    expect(reply).to_have_attribute("data-status", "complete")
    expect(reply.get_by_text(ENGINE_OFFLINE)).to_be_visible()
    expect(reply.locator("strong", has_text="Negotiating salary")).to_be_visible()
    assert page.evaluate("window.__streamed") > 0, "the reply never streamed into the page"
    expect(page.get_by_role("link", name="How do I negotiate salary?")).to_be_visible()  # in the sidebar

    # A follow-up in the same conversation streams too, and Send comes back afterwards.
    page.get_by_label("Message").fill("What is the STAR method?")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("article.msg--assistant")).to_have_count(2)
    last = page.locator("article.msg--assistant").last
    expect(last).to_have_attribute("data-status", "complete")
    expect(last.get_by_text("Situation").first).to_be_visible()
    expect(page.get_by_role("button", name="Send")).to_be_enabled()
    assert ChatMessage.objects.filter(role="assistant", engine="offline", status="complete").count() == 2
    page.screenshot(path="/tmp/coach-conversation.png", full_page=True)


# ------------------------------------------------------------------------------------------------
# A model behind a second daphne
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def fake_model() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def model_daphne(django_db_setup, tmp_path_factory, fake_model) -> Iterator[DaphneServer]:
    server = DaphneServer(database_url=database_url(connection.settings_dict), work_dir=tmp_path_factory.mktemp("m"))
    with pytest.MonkeyPatch.context() as patch:  # the subprocess copies os.environ when it starts
        patch.setenv("LLM_BASE_URL", fake_model.base_url)
        patch.setenv("LLM_API_KEY", "e2e-key")
        patch.setenv("LLM_MODEL", "kimi-k2-e2e")
        server.start()
    yield server
    server.stop()


@pytest.fixture
def model_page(browser: Browser, transactional_db, model_daphne, console: BrowserConsole, request):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    model_page = context.new_page()
    model_page.on("console", console.on_console)
    model_page.on("pageerror", console.on_page_error)
    yield model_page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed or console.csp_violations():
        save_artifacts(model_page, request.node.nodeid, console, model_daphne)
    context.close()


def test_hostile_model_markup_runs_nothing_and_fetches_nothing(model_page: Page, model_daphne, fake_model, console):
    base = model_daphne.url
    fake_model.then(
        Step(
            kind="slow_stream",
            chunks=[HOSTILE_REPLY[i : i + 24] for i in range(0, 480, 24)] + [HOSTILE_REPLY[480:]],
            seconds=0.02,
        )
    )
    user = UserFactory(email="target@example.com")
    requests: list[str] = []
    dialogs: list[str] = []
    model_page.on("request", lambda req: requests.append(req.url))
    model_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    log_in_at(model_page, base, user.email)
    send_first_message(model_page, base, "Give me a plan")
    reply = model_page.locator("article.msg--assistant").last
    expect(reply).to_have_attribute("data-status", "complete")
    expect(reply.get_by_text("AI model (kimi-k2-e2e)")).to_be_visible()
    expect(reply.locator("strong", has_text="your plan")).to_be_visible()
    expect(reply.get_by_text("The end.")).to_be_visible()
    # the markup is shown as text, never as elements
    expect(reply.get_by_text("<script>window.__pwned=1</script>")).to_be_visible()
    for selector in ("script", "img", "iframe", "svg:not(.icon)", "style", "[onclick]", "[onerror]", "[hx-get]"):
        expect(reply.locator(f".msg__body {selector}")).to_have_count(0)
    expect(reply.locator('a[href^="javascript"]')).to_have_count(0)
    tracker = reply.get_by_role("link", name="tracker")
    expect(tracker).to_have_attribute("rel", "nofollow noopener noreferrer")

    model_page.wait_for_timeout(500)  # give anything that might fire (hx-trigger="load", onerror) a chance
    assert model_page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    foreign = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert foreign == [], foreign
    assert not [url for url in requests if "/admin" in url]
    assert console.csp_violations() == []
    assert ChatMessage.objects.get(role="assistant").engine == "model"


def test_cancel_stops_the_reply_and_keeps_what_arrived(model_page: Page, model_daphne, fake_model):
    base = model_daphne.url
    words = [f"word{i} " for i in range(60)]
    fake_model.then(Step(kind="slow_stream", chunks=words, seconds=0.15))
    user = UserFactory(email="impatient@example.com")
    log_in_at(model_page, base, user.email)
    send_first_message(model_page, base, "Tell me everything")

    reply = model_page.locator("article.msg--assistant").last
    expect(reply.get_by_text("word3")).to_be_visible()
    expect(model_page.get_by_role("button", name="Send")).to_be_disabled()  # no second post while streaming
    reply.get_by_role("button", name="Cancel").click()

    expect(reply).to_have_attribute("data-status", "complete")
    expect(reply.get_by_text("Stopped", exact=True)).to_be_visible()
    expect(reply.get_by_text("You stopped this reply")).to_be_visible()
    expect(model_page.get_by_role("button", name="Send")).to_be_enabled()
    stored = ChatMessage.objects.get(role="assistant")
    assert stored.cancelled
    assert stored.content.startswith("word0 word1 word2 word3")
    assert "word59" not in stored.content
    model_page.screenshot(path="/tmp/coach-cancelled.png", full_page=True)
