"""End-to-end fixtures: a real Chromium (Playwright, sync API) against a real daphne process.

- ``browser``: one headless Debian Chromium per module (never ``playwright install``).
- ``daphne_server``: the running server for this module, usable by the test only after
  ``transactional_db`` — so what the test writes is committed and the server sees it, and
  what the server writes is flushed after the test. One process per module keeps server-side
  memory (local-memory cache, i.e. rate-limit counters) from leaking between modules.
- ``page``: a fresh browser context per test; on failure a screenshot, the HTML and the console
  log land in ``test-artifacts/``; a Content-Security-Policy violation fails the test.
- ``celery_worker``: a real ``celery -A config worker`` on the server's database, broker and queue, not yet
  started — the test calls ``start()`` when it wants background work to run (a finished interview's analysis
  waits in the broker until then). Always stopped at teardown, before the database is flushed; on failure
  its log is printed and saved beside the screenshots.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, sync_playwright

from tests.e2e.server import REPO_ROOT, DaphneServer, database_url
from tests.e2e.worker import CeleryWorker, queue_delete

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"
_CSP_VIOLATION = re.compile(r"Content Security Policy|Refused to")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the item (``rep_setup``, ``rep_call``) for fixture teardowns."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def fake_media_args(audio: Path | None = None) -> list[str]:
    """Chromium's fake devices, granted without a prompt: a test-pattern camera and a microphone that beeps or,
    given ``audio`` (a WAV), loops it; plus autoplay and a software WebGL so the 3D avatar renders headless."""
    args = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]
    if audio is not None:
        args += [
            f"--use-file-for-fake-audio-capture={audio}",
            "--autoplay-policy=no-user-gesture-required",
            "--enable-unsafe-swiftshader",
            "--use-angle=swiftshader",
        ]
    return args


@contextmanager
def launch_chromium(*extra_args: str) -> Iterator[Browser]:
    """Headless Debian Chromium with the harness's flags (and ``extra_args``), for a module-scoped fixture.

    Module-scoped, not session-scoped: Playwright's sync API marks its event loop as running in this thread for
    as long as the driver lives, and Django then refuses ORM calls (its async-unsafe guard). The guard is lifted
    only while the driver lives — the test's own ORM calls and the flush cannot overlap the loop, which runs only
    inside Playwright calls — and every non-e2e test that runs later still has it. Chromium starts in about half
    a second."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (Debian package chromium)")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, *extra_args]
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium per module (see ``launch_chromium`` for why not per session)."""
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def _daphne_process(django_db_setup, tmp_path_factory) -> Iterator[DaphneServer]:
    # After django_db_setup the connection names the *test* database (with any xdist suffix).
    url = database_url(connection.settings_dict)
    for attempt in range(3):  # free_port() can race with another process grabbing the port
        server = DaphneServer(database_url=url, work_dir=tmp_path_factory.mktemp("daphne"))
        try:
            server.start()
            break
        except RuntimeError:
            if attempt == 2 or "Address already in use" not in server.log():
                raise
    yield server
    server.stop()
    queue_delete()  # what the server enqueued and no worker took


@pytest.fixture
def daphne_server(transactional_db, _daphne_process) -> DaphneServer:
    return _daphne_process


@pytest.fixture
def celery_worker(daphne_server: DaphneServer, tmp_path, request) -> Iterator[CeleryWorker]:
    worker = CeleryWorker(database_url=daphne_server.database_url, work_dir=tmp_path / "celery")
    yield worker
    worker.stop()
    if _failed(request.node) and worker.process is not None:
        ARTIFACTS.mkdir(exist_ok=True)
        log = worker.log()
        (ARTIFACTS / (_stem(request.node.nodeid) + ".worker.log")).write_text(log, encoding="utf-8")
        print(f"---- Celery worker log (tail) ----\n{log}")  # shown in pytest's report of the failure


def _failed(node: pytest.Item) -> bool:
    reports = [getattr(node, f"rep_{when}", None) for when in ("setup", "call")]
    return any(report is not None and report.failed for report in reports)


def _stem(nodeid: str) -> str:
    return re.sub(r"[^\w.-]+", "_", nodeid)


@pytest.fixture
def live_server_url(daphne_server) -> str:
    return daphne_server.url


class BrowserConsole:
    """Console errors and uncaught exceptions of one page, in order."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def on_page_error(self, error: Error) -> None:
        self.errors.append(f"pageerror: {error}")

    def csp_violations(self) -> list[str]:
        return [line for line in self.errors if _CSP_VIOLATION.search(line)]


@pytest.fixture
def console() -> BrowserConsole:
    return BrowserConsole()


@pytest.fixture
def page(browser: Browser, daphne_server: DaphneServer, console: BrowserConsole, request) -> Iterator[Page]:
    context = browser.new_context(base_url=daphne_server.url, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("console", console.on_console)
    page.on("pageerror", console.on_page_error)
    yield page
    failed = _failed(request.node)
    violations = console.csp_violations()
    if failed or violations:
        save_artifacts(page, request.node.nodeid, console, daphne_server)
    context.close()
    if violations:
        pytest.fail("Content-Security-Policy violations in the browser:\n" + "\n".join(violations))


def save_artifacts(page: Page, nodeid: str, console: BrowserConsole, server: DaphneServer) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / _stem(nodeid)
    page.screenshot(path=f"{stem}.png", full_page=True)
    Path(f"{stem}.html").write_text(f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8")
    Path(f"{stem}.console.txt").write_text("\n".join(console.errors) + "\n", encoding="utf-8")
    Path(f"{stem}.server.log").write_text(server.log(), encoding="utf-8")
