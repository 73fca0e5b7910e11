"""A candidate who practised on three consecutive days sees it all in the Locker Room (real Chromium, real
daphne). Activity is seeded through the other apps' signals, as the interviews app sends them."""

from __future__ import annotations

import datetime
import re
from unittest import mock

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from gamification.models import ChallengeStatus, DailyChallenge, Progress
from gamification.tests.history import doc_scores
from interviews.models import AnalysisReport, InterviewSession, SessionStatus
from interviews.signals import interview_completed
from tests.e2e import conftest as harness
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.pages import expect_locker_room, log_in

# The harness's fixtures, registered for this module by being module attributes.
browser = harness.browser
_daphne_process = harness._daphne_process
daphne_server = harness.daphne_server
console = harness.console
page = harness.page

EMAIL = "daria.daily@example.com"


def practise(user, when: datetime.datetime, scores: dict) -> None:
    with mock.patch("django.utils.timezone.now", return_value=when):
        session = InterviewSession.objects.create(
            user=user, status=SessionStatus.ANALYZED, started_at=when - datetime.timedelta(minutes=20), finished_at=when
        )
        AnalysisReport.objects.create(
            session=session, analysis_version="1", step="done", progress=100, scores=scores, finished_at=when
        )
        flat = {"overall": scores.get("overall")} | {d: v["score"] for d, v in (scores.get("dimensions") or {}).items()}
        interview_completed.send(sender=InterviewSession, session_id=session.pk, user_id=user.pk, scores=flat)


@pytest.mark.e2e
def test_three_days_of_practice_show_xp_level_streak_on_fire_and_challenges(page: Page, daphne_server):
    user = UserFactory(email=EMAIL, display_name="Daria Daily", time_zone="UTC")
    now = timezone.now()
    for days_ago in (2, 1):
        practise(user, now - datetime.timedelta(days=days_ago), doc_scores(days_ago))

    log_in(page, email=EMAIL, password=DEFAULT_PASSWORD)
    expect_locker_room(page, base_url=daphne_server.url)
    main = page.get_by_role("main")
    expect(main).to_contain_text("Daria Daily")
    expect(main.locator("[data-streak]")).to_have_attribute("data-streak", "2")
    expect(main.locator("[data-challenge]")).to_have_count(3)  # generated on this first visit of the day
    expect(main.locator(".lr-challenge.is-done")).to_have_count(0)

    # Today: a strong interview completes today's interview challenges and makes it three days in a row.
    strong = {"overall": 95, "dimensions": {d: {"score": 95} for d in doc_scores(0)["dimensions"]}}
    practise(user, timezone.now(), strong)
    done = DailyChallenge.objects.filter(user=user, status=ChallengeStatus.COMPLETED).count()
    assert done >= 1
    progress = Progress.objects.get(user=user)
    assert progress.current_streak == 3

    page.reload()
    expect(main.locator("[data-streak]")).to_have_attribute("data-streak", "3")
    expect(main).to_contain_text(f"{progress.xp} XP")
    expect(main).to_contain_text(f"Level {progress.level}")
    expect(main.locator('[data-badge="on_fire"]')).to_have_class(re.compile(r"\bis-earned\b"))
    expect(main.locator('[data-badge="first_steps"]')).to_have_class(re.compile(r"\bis-earned\b"))
    expect(main.locator(".lr-challenge.is-done")).to_have_count(done)
    expect(page.get_by_role("status").filter(has_text="Level up!")).to_be_visible()
    expect(main.get_by_role("img", name=re.compile("Skill tree"))).to_have_count(1)  # one layout at a time
    expect(main.get_by_role("img", name=re.compile("Scores over your last 3"))).to_be_visible()
    recent = main.get_by_role("link", name=re.compile("Behavioral interview"))
    expect(recent).to_have_count(3)

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "locker-room-1280.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    expect(main.locator(".lr-skilltree--tall")).to_be_visible()
    expect(main.locator(".lr-skilltree--wide")).to_be_hidden()
    page.screenshot(path=ARTIFACTS / "locker-room-375.png", full_page=True)

    # The leaderboard toggle shows the chosen handle, never the email.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_label("Show me on the weekly leaderboard").check()
    page.get_by_label("An anonymous handle").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="leaderboard as")).to_contain_text("Candidate #")
    page.goto("/leaderboard/")
    expect(page.get_by_role("table")).to_contain_text("Candidate #")
    expect(page.get_by_role("table")).not_to_contain_text(EMAIL)
