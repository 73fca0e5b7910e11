"""Issue 5's journey: a candidate sits an interview in the Arena, finishes, opens the Game Tape while the analysis
is still pending, and the page fills in by itself — the analysis done by a real Celery worker process on the same
database and broker as the live daphne (filesystem broker and SQLite by default, Redis and PostgreSQL at scale).

The microphone is Chromium's fake device playing espeak-ng speech at a known rate (``interviews.tests.audio``:
texts the syllable counter was never calibrated on); the camera is Chromium's test pattern. The worker is started
only once the candidate is looking at "Pending analysis", so the pending state is seen every time, and the
report must replace it without a reload. What is asserted is what a person sees: progress, then the tape (a
player with a source, markers that seek), the transcript, the metric tiles — the pace within ±15 % of the
synthesized truth — and, after calibrating, the radar.

A second journey: an analysis that fails (the recording file is missing on the worker) shows its reason and a
retry button; the file is put back, Retry queues the analysis (progress shown, "waiting for a worker", while the
worker is restarted) and the report fills in.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from interviews.models import AnalysisReport, InterviewSession, SessionStatus
from interviews.tasks import analyze_session_task
from interviews.tests.audio import HELD_OUT_TEXTS, AudioFactory, Speech, missing_tools
from interviews.tests.review_support import add_segment, add_turns, session_in
from tests.e2e.conftest import ARTIFACTS, fake_media_args, launch_chromium
from tests.e2e.pages import log_in
from tests.e2e.worker import CeleryWorker

ESPEAK_SPEED = 165
WPM_TOLERANCE = 0.15  # issue 5: "WPM within ±15 %"
TYPED_ANSWER = (
    "Um, when our releases kept slipping, I set up a weekly risk review with the product lead. "
    "I listed every outside dependency, and we shipped the next three releases on the promised day."
)
# Bounds on every wait: a broken product fails the test with a message, it never hangs it.
QUESTION_TIMEOUT_MS = 30_000
FINISH_TIMEOUT_MS = 90_000
ANALYSIS_TIMEOUT_MS = 180_000
SEEN_RUNNING_AFTER_S = 6.0  # the pending card polls every 3 s, the progress card every 1.5 s

# Everything the Game Tape page showed while it filled in, in order, recorded in the page itself so that a
# state shorter than Playwright's polling is not missed; ``loads`` counts documents (a reload resets it to 1).
WATCH_REVIEW = """() => {
  const seen = (window.__tape = window.__tape || {states: [], loads: 0});
  seen.loads += 1;
  const record = () => {
    const body = document.querySelector("#review-body");
    const bar = document.querySelector("#progress [role=progressbar]");
    let state = "gone";
    if (document.querySelector("[data-review]")) state = "report";
    else if (bar) state = "analyzing:" + bar.getAttribute("aria-valuenow");
    else if (document.querySelector("#progress")) state = "pending";
    else if (body) state = "other:" + body.innerText.slice(0, 80);
    if (seen.states[seen.states.length - 1] !== state) seen.states.push(state);
  };
  record();
  new MutationObserver(record).observe(document.body, {childList: true, subtree: true, attributes: true});
}"""


@pytest.fixture(scope="module")
def speech(tmp_path_factory) -> Speech:
    """Two held-out texts spoken back to back: every answer window is full of speech at one known rate."""
    if missing := missing_tools():
        pytest.fail(f"{', '.join(missing)} needed: run `make system-deps`")
    factory = AudioFactory(tmp_path_factory.mktemp("speech"))
    return factory.speech(" ".join(HELD_OUT_TEXTS[:2]), ESPEAK_SPEED)


@pytest.fixture(scope="module")
def browser(speech: Speech) -> Iterator[Browser]:
    """The harness's Chromium with fake camera and microphone (the microphone loops ``speech``). Module-scoped
    for the reason given in tests/e2e/conftest.py."""
    with launch_chromium(*fake_media_args(speech.path)) as browser:
        yield browser


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    # caret="initial": hiding the caret leaves style="" on inputs, which htmx's settle copies (a CSP report).
    page.screenshot(path=ARTIFACTS / f"game-tape-{name}.png", full_page=True, caret="initial")


def drop_media(session_id: int) -> None:
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "interviews" / str(session_id), ignore_errors=True)


# ------------------------------------------------------------------------------------------------ steps
def start_interview(page: Page) -> None:
    page.goto("/interview/setup/")
    page.locator('textarea[name="job_text"]').fill(
        "Backend engineer: Python and Django services, Celery workers, PostgreSQL; you will mentor others."
    )
    page.locator('input[name="persona"][value="friendly"]').check(force=True)
    page.locator('input[name="interview_type"][value="behavioral"]').check(force=True)
    page.locator('[name="question_count"]').fill("3")
    page.locator('input[name="media_mode"][value="video"]').check(force=True)
    page.get_by_role("button", name="Start mirror check").click()
    expect(page.get_by_label("Your camera preview")).to_be_visible()
    page.get_by_role("button", name="Start the interview").click()
    expect(page).to_have_url(re.compile(r"/interview/\d+/$"), timeout=QUESTION_TIMEOUT_MS)
    page.get_by_role("button", name="Begin interview").click()


def answer_by_voice(page: Page, seconds: float) -> None:
    page.get_by_role("button", name="Start answer").press("Enter")
    expect(page.get_by_role("timer", name="Answer time")).not_to_have_text("0:00", timeout=5_000)
    page.wait_for_timeout(seconds * 1000)  # the fake microphone speaks all along
    page.get_by_role("button", name="Done").click()


def answer_by_typing(page: Page, text: str) -> None:
    page.get_by_label(re.compile("Type your answer")).fill(text)
    page.get_by_role("button", name="Done").click()


def sit_the_interview(page: Page) -> None:
    """Answer until the Arena says it is over: the first answer typed, the others spoken (a follow-up may come
    after the typed one; it is answered by voice too)."""
    finished = page.get_by_role("heading", name="Interview finished")
    start = page.get_by_role("button", name="Start answer")
    for turn in range(6):
        expect(start.or_(finished)).to_be_visible(timeout=FINISH_TIMEOUT_MS if turn else QUESTION_TIMEOUT_MS)
        if finished.is_visible():
            return
        turn_id = page.locator("#arena-turn").get_attribute("data-turn-id")
        if turn == 0:
            answer_by_typing(page, TYPED_ANSWER)
        else:
            answer_by_voice(page, seconds=9)
        # The answer went in once the Arena shows another turn (or has left for the summary).
        expect(page.locator(f'#arena-turn[data-turn-id="{turn_id}"]')).to_have_count(0, timeout=QUESTION_TIMEOUT_MS)
    expect(finished).to_be_visible(timeout=FINISH_TIMEOUT_MS)


def tile_value(page: Page, label: str) -> str:
    """The value a metric tile shows under its label ("—" when not measured)."""
    tile = page.get_by_role("listitem").filter(has=page.get_by_text(label, exact=True))
    expect(tile).to_have_count(1)
    match = re.search(rf"{re.escape(label)}\s*(\S+)", tile.inner_text())
    return match.group(1) if match else ""


def tape_time(page: Page) -> float:
    """Where the player is on the session's timeline: the current part's start plus the media time."""
    return float(
        page.evaluate("""() => {
            const part = document.querySelector("[data-segment][aria-current=true]");
            const media = document.querySelector("[data-tape-media]");
            return (part ? parseFloat(part.dataset.start) : 0) + media.currentTime;
        }""")
    )


def wait_for_report(page: Page) -> list[str]:
    """Wait (bounded) until the report has replaced the progress card in this same document."""
    expect(page.get_by_role("heading", name="The tape")).to_be_visible(timeout=ANALYSIS_TIMEOUT_MS)
    seen = page.evaluate("() => window.__tape")
    assert seen["loads"] == 1, f"the page was reloaded while it filled in: {seen}"
    return seen["states"]


# ------------------------------------------------------------------------------------------------ journeys
@pytest.mark.e2e
@pytest.mark.slow
def test_an_interview_ends_on_a_game_tape_that_fills_in_by_itself(
    page: Page, daphne_server, celery_worker: CeleryWorker, speech: Speech
):
    user = UserFactory(email="gale.tape@example.com", display_name="Gale Tape")
    log_in(page, email=user.email, password=DEFAULT_PASSWORD)
    start_interview(page)
    sit_the_interview(page)
    session = InterviewSession.objects.get(user=user)
    try:
        expect(page.get_by_text("Pending analysis")).to_be_visible()
        shot(page, "finished")

        # The Game Tape, opened while the analysis waits in the broker for a worker.
        page.get_by_role("link", name="Open the Game Tape").click()
        expect(page).to_have_url(re.compile(rf"/interview/review/{session.pk}/$"))
        page.evaluate(WATCH_REVIEW)
        expect(page.get_by_text("This page fills in by itself")).to_be_visible()
        shot(page, "pending")
        session.refresh_from_db()
        assert session.status == SessionStatus.UPLOADED

        started = time.monotonic()
        celery_worker.start()
        states = wait_for_report(page)
        took = time.monotonic() - started
        shot(page, "filled-in")
        # The page head's actions came with the report (out of band): no reload needed to export or share.
        expect(page.get_by_role("link", name="Export PDF")).to_be_visible()
        expect(page.get_by_role("link", name="Share with a mentor")).to_be_visible()
        assert (states[0], states[-1]) == ("pending", "report"), states
        unexpected = [s for s in states[1:-1] if not s.startswith("analyzing:")]
        assert not unexpected, f"between pending and the report the page showed {states}"
        running = [float(s.split(":")[1]) for s in states if s.startswith("analyzing:")]
        assert all(0 <= value <= 100 for value in running), states

        # What the worker wrote is what the page shows.
        session.refresh_from_db()
        report = AnalysisReport.objects.get(session=session)
        assert session.status == SessionStatus.ANALYZED, session.failure_reason
        # A run longer than a pending poll plus an analysing one (with slack for a loaded server) must have been
        # seen with its progress bar; a faster one may legitimately go from "pending" straight to the report.
        ran_s = (report.finished_at - report.started_at).total_seconds()
        if ran_s > SEEN_RUNNING_AFTER_S:
            assert running, f"the analysis ran {ran_s:.1f} s and no progress was shown: {states}"
        metrics = report.metrics

        # The tape: a player with the recording, markers placed on the timeline, a marker click seeks.
        media = page.locator("[data-tape-media]")
        expect(media).to_have_attribute("src", re.compile(rf"/interview/review/{session.pk}/media/\d+"))
        page.wait_for_function("() => document.querySelector('[data-tape-media]').readyState >= 1")
        markers = page.locator("[data-timeline] button[data-at]")
        assert markers.count() >= 3, "at least the three questions are marked"
        for index in range(markers.count()):
            assert markers.nth(index).evaluate("m => m.style.left").endswith("%"), "a marker was not placed"
        target = markers.last
        at = float(target.get_attribute("data-at"))
        assert at > 5, f"the last marker should sit well into the recording, not at {at}"
        target.click()
        page.wait_for_function(
            f"""() => {{
                const part = document.querySelector("[data-segment][aria-current=true]");
                const media = document.querySelector("[data-tape-media]");
                return Math.abs((part ? parseFloat(part.dataset.start) : 0) + media.currentTime - {at}) < 1;
            }}""",
            timeout=10_000,
        )
        assert abs(tape_time(page) - at) < 1

        # The transcript: the typed answer word for word, its filler highlighted.
        transcript = page.get_by_label("Transcript")
        expect(transcript).to_contain_text("weekly risk review with the product lead")
        expect(transcript.locator("mark").first).to_have_text(re.compile(r"^um,?$", re.IGNORECASE))
        # The spoken answers have no transcript headless: the page says so instead of "no answer".
        expect(transcript.get_by_text("Answered out loud; no transcript was captured")).to_have_count(2)

        # The tiles: the pace a person reads is near the synthesized truth.
        truth = speech.true_wpm()
        shown = tile_value(page, "Speaking pace")
        assert shown.isdigit(), (
            f"the pace tile shows {shown!r} (wpm={metrics.get('wpm')!r}, source={metrics.get('wpm_source')!r}, "
            f"syllables={metrics.get('wpm_syllables')!r}, transcript={metrics.get('wpm_transcript')!r})"
        )
        wpm = float(shown)
        assert abs(wpm - truth) <= WPM_TOLERANCE * truth, f"pace shown {wpm} wpm, synthesized {truth:.1f} wpm"
        assert metrics["wpm_source"] == "syllables"  # headless Chromium has no live transcript
        for label in ("Filler words", "Long pauses", "Pitch variation", "In frame"):
            expect(page.get_by_text(label, exact=True)).to_be_visible()

        # Scores stay hidden until the candidate has rated themself; then the radar.
        expect(page.get_by_role("img", name=re.compile("Scores for interview"))).to_have_count(0)
        form = page.locator("#calibration-form")
        for dimension in ("Confidence", "Clarity", "Structure", "Engagement", "Pace", "Presence"):
            form.get_by_role("group", name=dimension).get_by_role("radio", name="3").check()
        form.get_by_role("button", name="Show my scores").click()
        expect(page.get_by_role("img", name=re.compile("Scores for interview"))).to_be_visible()
        expect(page.locator("[data-overall]")).to_have_text(str(report.scores["overall"]))
        shot(page, "scores")
        print(  # the figures, for the report of a run (pytest -s)
            f"\nGame Tape journey: report {took:.1f} s after the worker was started, analysis ran {ran_s:.1f} s; "
            f"states {states}; "
            f"pace {wpm:.0f} wpm shown vs {truth:.1f} synthesized ({(wpm - truth) / truth:+.1%})"
        )
    finally:
        drop_media(session.pk)


@pytest.mark.e2e
@pytest.mark.slow
def test_a_failed_analysis_shows_why_and_retry_runs_it_again(
    page: Page, daphne_server, celery_worker: CeleryWorker, tmp_path
):
    from interviews.tests.media import make_video, read_wav_mono16k

    user = UserFactory(email="fay.failed@example.com", display_name="Fay Failed")
    session = session_in(user, SessionStatus.UPLOADED, media_mode="video", finished_at=timezone.now())
    add_turns(session)
    # Spoken fast (about 230 wpm) while the live transcript of the seeded turns holds far fewer words: the two
    # rates disagree, and the pace tile must say "low confidence" rather than show either number.
    factory = AudioFactory(tmp_path / "speech")
    voice = factory.padded(factory.speech(HELD_OUT_TEXTS[2], 200), 2.0, 1.0)
    recording = make_video(tmp_path / "take.webm", seconds=36, audio=read_wav_mono16k(voice.path))
    segment = add_segment(session, recording.read_bytes())
    stored = Path(settings.MEDIA_ROOT) / segment.path
    stored.unlink()  # the worker finds no file: its media volume was not mounted, say
    try:
        celery_worker.start()
        # Queued as ``session_finish`` queues it, on the run's own queue.
        analyze_session_task.apply_async((session.pk,), queue=celery_worker.queue)

        log_in(page, email=user.email, password=DEFAULT_PASSWORD)
        page.goto(f"/interview/review/{session.pk}/")
        failed = page.get_by_text("The analysis failed")
        expect(failed).to_be_visible(timeout=ANALYSIS_TIMEOUT_MS)
        expect(page.get_by_text(re.compile(r"decode: a recording file is missing \(segment-0\.webm\)"))).to_be_visible()
        shot(page, "failed")

        # The worker is stopped while the volume is mounted again; the candidate retries meanwhile, so the
        # page shows the analysis queued with its progress bar for as long as no worker runs, every time.
        celery_worker.stop()
        stored.write_bytes(recording.read_bytes())
        with page.expect_navigation():  # htmx follows the server's HX-Redirect back to this page
            page.get_by_role("button", name="Retry the analysis").click()
        page.evaluate(WATCH_REVIEW)
        expect(failed).to_be_hidden()
        expect(page.get_by_role("progressbar", name="Analysis progress")).to_be_visible()
        expect(page.get_by_text("Current step: waiting for a worker")).to_be_visible()
        page.wait_for_timeout(3500)  # more than one poll: still in place, still saying the same
        expect(page.get_by_text("Current step: waiting for a worker")).to_be_visible()
        shot(page, "retry-queued")

        celery_worker.start()
        states = wait_for_report(page)
        assert (states[0], states[-1]) == ("analyzing:0", "report"), states
        assert not [s for s in states[:-1] if not s.startswith("analyzing:")], states
        report = AnalysisReport.objects.get(session=session)
        assert report.metrics["wpm_confidence"] == "low", report.metrics
        assert tile_value(page, "Speaking pace") == "—"
        expect(page.get_by_text("low confidence: the transcript and the voice disagree")).to_be_visible()
        expect(page.locator("[data-tape-media]")).to_have_attribute("src", re.compile(r"/media/0"))
        session.refresh_from_db()
        assert session.status == SessionStatus.ANALYZED
        assert session.failure_reason == ""
        shot(page, "retried")
    finally:
        drop_media(session.pk)
