"""The Locker Room page: what it shows, the level-up toast, and a flat query count."""

import datetime
import re
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from conftest import clear_cache_namespace
from gamification.models import ChallengeStatus, DailyChallenge, EarnedBadge, Progress
from gamification.tests.history import build_history, doc_scores
from interviews.models import AnalysisReport, InterviewSession, SessionStatus
from interviews.signals import interview_completed

pytestmark = pytest.mark.django_db

# session, user, email verified, progress with the history's fingerprint, today's challenges: the sections
# that depend on the history come from the cache.
CACHED_QUERIES = 5
# When the fingerprint changed (or the cache was emptied): report aggregate, coding aggregate, answers count,
# badges, trend slice, recent sessions.
FRESH_QUERIES = CACHED_QUERIES + 6
# The first visit of a day also generates the challenges (weak areas, languages, count, insert, count,
# re-read) when the cron has not yet run.
FIRST_VISIT_QUERIES = FRESH_QUERIES + 6


def at(day: int, hour: int = 15) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=datetime.UTC)


def body(response) -> str:
    return response.content.decode()


def analysed(user, scores=None, metrics=None, when=None) -> InterviewSession:
    when = when or timezone.now()
    session = InterviewSession.objects.create(
        user=user, status=SessionStatus.ANALYZED, started_at=when - datetime.timedelta(minutes=20), finished_at=when
    )
    AnalysisReport.objects.create(
        session=session, analysis_version="1", scores=scores or {}, metrics=metrics or {}, finished_at=when
    )
    return session


@pytest.mark.parametrize("size", [3, 300])
def test_the_query_count_is_flat_however_long_the_history(size, candidate_client, candidate, django_assert_num_queries):
    build_history(candidate, sessions=size, submissions=size, answers=size, xp_events=size)
    with django_assert_num_queries(FIRST_VISIT_QUERIES):
        response = candidate_client.get("/")
    assert response.status_code == 200
    with django_assert_num_queries(CACHED_QUERIES):
        cached = candidate_client.get("/")
    clear_cache_namespace()  # this run's keys only: cache.clear() would flush a shared Redis
    with django_assert_num_queries(FRESH_QUERIES):
        fresh = candidate_client.get("/")
    assert 'data-next-step="drill"' in body(fresh)  # clarity is this history's weakest dimension
    assert without_tokens(body(cached)) == without_tokens(body(fresh))


def without_tokens(html: str) -> str:
    """The page without what differs on every request (CSRF token, CSP nonce)."""
    html = re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", html)
    return re.sub(r'nonce="[^"]+"', "nonce", html)


def test_a_new_candidate_is_sent_to_the_green_room_and_gets_three_challenges(candidate_client, candidate):
    response = candidate_client.get("/")
    html = body(response)
    assert 'data-next-step="first_interview"' in html
    assert reverse("interviews:setup") in html
    assert DailyChallenge.objects.filter(user=candidate).count() == 3
    assert html.count("data-challenge=") == 3
    assert html.count('data-badge="') == 14
    assert "is-earned" not in html
    assert 'id="leaderboard-optin"' in html
    candidate_client.get("/")
    assert DailyChallenge.objects.filter(user=candidate).count() == 3  # idempotent


def test_a_streak_that_breaks_tonight_asks_for_something_quick(candidate_client, candidate):
    analysed(candidate, scores={"overall": 90})
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Progress.objects.create(user=candidate, xp=120, level=2, level_seen=2, current_streak=4, longest_streak=4,
                            last_practice_day=yesterday)  # fmt: skip
    html = body(candidate_client.get("/"))
    assert 'data-next-step="streak"' in html
    assert "Keep your 4-day streak alive" in html
    assert 'data-streak="4"' in html


def test_strong_scores_and_an_unsolved_topic_suggest_a_problem(candidate_client, candidate):
    from coding.models import Problem

    analysed(candidate, scores={"overall": 92, **dict.fromkeys(("clarity", "pace", "structure"), 90)})
    Problem.objects.create(slug="two-sum", title="Two Sum", difficulty="easy", topics=["hashing"], statement="s")
    html = body(candidate_client.get("/"))
    assert 'data-next-step="problem"' in html
    assert reverse("coding:problem_detail", kwargs={"slug": "two-sum"}) in html


def test_recent_interviews_link_to_their_review(candidate_client, candidate):
    session = analysed(candidate, scores=doc_scores(1))
    html = body(candidate_client.get("/"))
    try:
        expected = reverse("interviews:review", kwargs={"session_id": session.pk})
    except Exception:  # the review page ships with the interviews app; until then, the sessions list
        expected = reverse("interviews:session_list")
    assert f'href="{expected}"' in html
    assert '<svg class="chart chart--line"' in html
    assert "skilltree skilltree--wide" in html
    assert "skilltree skilltree--tall" in html


def test_a_level_up_shows_a_toast_once(candidate_client, candidate):
    Progress.objects.create(user=candidate, xp=260, level=3, level_seen=1)
    assert "Level up! You reached level 3." in body(candidate_client.get("/"))
    assert Progress.objects.get(user=candidate).level_seen == 3
    assert "Level up!" not in body(candidate_client.get("/"))


def test_the_skill_tree_says_what_unlocks_the_next_level(candidate_client, candidate):
    analysed(candidate, scores={"clarity": 70, "pace": 70, "confidence": 70, "structure": 40, "presence": 80})
    html = body(candidate_client.get("/"))
    assert "Communication level 1 of 5" in html
    assert "Next: Average 55+ in clarity, pace and confidence over 2+ interviews." in html
    assert "Technical level 0 of 5" in html


def test_earned_badges_show_date_and_reason_locked_ones_their_progress(candidate_client, candidate):
    EarnedBadge.objects.create(
        user=candidate, code="first_steps", earned_at=at(2), reason="Finish your first interview. (1/1)"
    )
    analysed(candidate)
    html = body(candidate_client.get("/"))
    earned = re.search(r'<li class="lr-badge is-earned" data-badge="first_steps">.*?</li>', html, re.S).group(0)
    assert "Earned Mar 2, 2026" in earned
    assert "(1/1)" in earned
    locked = re.search(r'<li class="lr-badge is-locked" data-badge="ten_interviews">.*?</li>', html, re.S).group(0)
    assert 'aria-valuenow="1"' in locked
    assert "1 / 10" in locked


def test_three_consecutive_days_of_practice_show_up_in_the_locker_room(client):
    """The issue's done-when: XP, level, streak 3, On Fire and today's challenges completing as they act."""
    user = UserFactory(email="daily@example.com")
    client.force_login(user)
    for day in (1, 2, 3):
        with mock.patch("django.utils.timezone.now", return_value=at(day, 9)):
            html = body(client.get("/"))
            assert html.count("data-challenge=") == 3  # generated on the first visit of the day
            challenge = DailyChallenge.objects.get(user=user, day=at(day).date(), kind="complete_interview") \
                if day == 1 else None  # fmt: skip
        with mock.patch("django.utils.timezone.now", return_value=at(day, 18)):
            session = analysed(user, scores=doc_scores(day), when=at(day, 18))
            interview_completed.send(sender=InterviewSession, session_id=session.pk, user_id=user.pk, scores={})
            html = body(client.get("/"))
        progress = Progress.objects.get(user=user)
        assert f'data-streak="{day}"' in html
        assert f"Level {progress.level} " in html
        assert f"{progress.xp} XP" in html
        if challenge is not None:
            challenge.refresh_from_db()
            assert challenge.status == ChallengeStatus.COMPLETED
            assert re.search(r'class="lr-challenge is-done" data-challenge="complete_interview"', html)
            assert "Level up! You reached level 2." in html  # 50 XP + 75 for the challenge
    assert progress.current_streak == 3
    assert re.search(r'<li class="lr-badge is-earned" data-badge="on_fire">', html)


def test_badge_stats_read_json_numbers_on_this_database(candidate):
    """JSON key lookups (fillers per minute, eye contact) work on SQLite and PostgreSQL alike; a JSON null
    is not "fewer than 2"."""
    from gamification.selectors import full_star_count, report_counts, stats_for

    analysed(candidate, metrics={"fillers": {"per_minute": 1.2}, "video": {"eye_contact_pct": 85}})
    analysed(candidate, metrics={"fillers": {"per_minute": None}, "eye_contact_pct": 81.5})
    analysed(candidate, metrics={"fillers": {"per_minute": 2.5}, "eye_contact_pct": None,
                                 "answers": [{"star": {"coverage": 1.0}}, {"star_coverage": 1}]})  # fmt: skip
    counts = report_counts(user=candidate)
    assert counts == {"completed": 3, "low_fillers": 1, "high_eye": 2}
    assert full_star_count(user=candidate) == 1
    assert stats_for(user=candidate).full_star_interviews == 1
    assert connection.vendor in {"sqlite", "postgresql"}
