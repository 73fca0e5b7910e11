# ruff: noqa: F811 - pytest fixtures imported by name from the e2e harness
"""Game Tape in a real Chromium: a seeded analysed interview with a real WebM. Scores stay hidden until the
candidate calibrates; a timeline marker seeks the player; the transcript follows; it fits a 375 px phone."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from interviews.models import AnalysisReport
from interviews.tests.review_support import analyzed_session, scores_doc
from tests.e2e.conftest import (  # noqa: F401 - fixtures
    ARTIFACTS,
    _daphne_process,
    browser,
    console,
    daphne_server,
    live_server_url,
    page,
)
from tests.e2e.pages import log_in


def webm_bytes(seconds: int = 36, fps: int = 10) -> bytes:
    """A real VP8 WebM (PyAV's bundled FFmpeg), 160×120, brightness ramping so frames differ."""
    av = pytest.importorskip("av")
    np = pytest.importorskip("numpy")
    out = io.BytesIO()
    with av.open(out, "w", format="webm") as container:
        stream = container.add_stream("libvpx", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 160, 120, "yuv420p"
        stream.options = {"deadline": "realtime", "cpu-used": "8"}
        for index in range(seconds * fps):
            image = np.full((120, 160, 3), (index * 7) % 255, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"review-{name}.png", full_page=True)


def media_time(page: Page) -> float:
    return float(page.locator("[data-tape-media]").evaluate("m => m.currentTime"))


@pytest.mark.e2e
def test_game_tape_hides_scores_until_calibrated_and_markers_seek_the_player(page: Page, daphne_server):
    user = UserFactory(email="tess.tape@example.com", display_name="Tess Tape")
    analyzed_session(user, scores=scores_doc(overall=61, structure=50), self_rating={"skipped": True})
    session = analyzed_session(user, media=webm_bytes())
    try:
        log_in(page, email=user.email, password=DEFAULT_PASSWORD)
        page.goto(f"/interview/review/{session.pk}/")
        expect(page.get_by_role("heading", name="Your interview, replayed")).to_be_visible()

        # Scores are hidden behind the calibration form.
        expect(page.get_by_text("Before you see your scores")).to_be_visible()
        expect(page.get_by_role("img", name=re.compile("Scores for interview"))).to_have_count(0)
        expect(page.locator("[data-overall]")).to_have_count(0)

        # The player has the recording (served with Range support) and the markers are placed.
        page.wait_for_function("() => document.querySelector('[data-tape-media]').readyState >= 1")
        left = page.locator(".timeline__marker--strength").evaluate("m => m.style.left")
        assert left.endswith("%")
        assert 45 < float(left[:-1]) < 55  # 18 s of 36 s

        # Clicking a marker seeks; the transcript follows.
        assert media_time(page) < 1
        page.get_by_role("button", name=re.compile(r"Clear result with a number at 0:18")).click()
        page.wait_for_function("() => Math.abs(document.querySelector('[data-tape-media]').currentTime - 18) < 1")
        expect(page.locator("#turn-0")).to_have_attribute("aria-current", "true")
        expect(page.locator("#turn-0 .w.is-current")).to_have_count(1)

        # Click-to-seek from a word of the second answer; fillers are highlighted.
        expect(page.locator("#turn-1 mark.w--filler")).to_have_count(3)  # like, you, know
        page.locator("#turn-1 [data-t]").nth(4).click()
        page.wait_for_function(
            "() => { const t = document.querySelector('[data-tape-media]').currentTime; return t > 22 && t < 34; }"
        )
        expect(page.locator("#turn-1")).to_have_attribute("aria-current", "true")
        expect(page.locator("#turn-0")).not_to_have_attribute("aria-current", "true")
        shot(page, "calibrate-1280")

        # Calibrate: the scores appear with the gap per dimension.
        form = page.locator("#calibration-form")
        for dimension in ("Confidence", "Clarity", "Structure", "Engagement", "Pace", "Presence"):
            form.get_by_role("group", name=dimension).get_by_role("radio", name="4").check()
        form.get_by_role("button", name="Show my scores").click()
        radar = page.get_by_role("img", name=re.compile("Scores for interview"))
        expect(radar).to_be_visible()
        expect(page.locator("[data-overall]")).to_have_text("68")
        expect(page.get_by_text(re.compile(r"You rated 4/5 \(≈70\) · gap \+8"))).to_be_visible()  # confidence 62
        expect(page.get_by_role("img", name=re.compile("Overall score over your last interviews"))).to_be_visible()
        assert AnalysisReport.objects.get(session=session).self_rating["ratings"]["pace"] == 4

        # An evidence link seeks too (the scores came in by htmx: the handler still works).
        page.locator("#dim-confidence a[data-seek]").first.click()
        page.wait_for_function("() => Math.abs(document.querySelector('[data-tape-media]').currentTime - 2) < 1")
        shot(page, "scores-1280")

        page.set_viewport_size({"width": 375, "height": 800})
        page.reload()
        expect(radar).to_be_visible()
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 375 px"
        shot(page, "scores-375")
    finally:
        shutil.rmtree(Path(settings.MEDIA_ROOT) / "interviews" / str(session.pk), ignore_errors=True)
