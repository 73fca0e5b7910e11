"""Staff metrics (aggregates, bounded queries, CSV, staff only) and the opt-in weekly leaderboard."""

import csv
import datetime
import io
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from coding.models import Problem, Submission
from gamification.metrics import staff_metrics
from gamification.models import DailyChallenge, EarnedBadge, Progress, XPEvent
from gamification.services import anonymous_handle, leaderboard_settings_set
from gamification.tests.history import build_history
from interviews.models import AnalysisReport, InterviewSession, SessionStatus

pytestmark = pytest.mark.django_db

METRICS_QUERIES = 7  # active pairs, sessions, challenges, score bands, weak areas, badges, problems


def _day(days_ago: int = 0) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


def test_metrics_are_aggregates(candidate, other_candidate, django_assert_num_queries):
    now = timezone.now()
    started = InterviewSession.objects.create(user=other_candidate, status=SessionStatus.LIVE, started_at=now)
    done = InterviewSession.objects.create(
        user=candidate, status=SessionStatus.ANALYZED, started_at=now - datetime.timedelta(minutes=30), finished_at=now
    )
    AnalysisReport.objects.create(
        session=done,
        analysis_version="1",
        finished_at=now,
        scores={
            "overall": 70,
            "dimensions": {"clarity": {"score": 35}, "pace": {"score": 85}, "presence": {"score": None}},
        },
    )
    other = InterviewSession.objects.create(
        user=other_candidate, status=SessionStatus.ANALYZED, started_at=now, finished_at=now
    )
    AnalysisReport.objects.create(
        session=other, analysis_version="1", finished_at=now, scores={"clarity": {"value": 90}, "pace": 60}
    )
    problem = Problem.objects.create(slug="p", title="Two Sum", difficulty="easy", statement="s")
    for verdict in ("AC", "WA", "WA", "AC"):
        Submission.objects.create(user=candidate, problem=problem, language="python", code="", verdict=verdict)
    today = timezone.localdate()
    for status in ("completed", "open"):
        DailyChallenge.objects.create(user=candidate, day=today, kind=f"k-{status}", title="t", description="d", xp=50,
                                      status=status, expires_at=now)  # fmt: skip
    EarnedBadge.objects.create(user=candidate, code="first_steps", earned_at=now, reason="r")
    with django_assert_num_queries(METRICS_QUERIES):
        m = staff_metrics(start=today - datetime.timedelta(days=6), end=today)
    assert m.active_users == 2
    assert m.daily_active[-1] == (today, 2)
    assert (m.sessions_started, m.sessions_finished, m.completion_rate) == (3, 2, 66.7)
    assert m.avg_session_minutes == 15.0  # 30 min and 0 min
    assert (m.challenges_total, m.challenges_completed) == (2, 1)
    assert m.score_bands["clarity"] == [0, 1, 0, 0, 1]
    assert m.score_bands["pace"] == [0, 0, 0, 1, 1]
    assert m.score_means["presence"] is None
    assert m.weak_areas == [("clarity", 1), ("pace", 1)]
    assert ("First Steps", 1, 50.0) in m.badge_rates
    assert m.problem_pass == [("Two Sum", 4, 2, 50.0)]
    assert started.pk


def test_the_metrics_page_runs_a_bounded_number_of_queries(
    client, staff_user, candidate, django_assert_max_num_queries
):
    build_history(candidate, sessions=200, submissions=200, answers=10, xp_events=200)
    client.force_login(staff_user)
    with django_assert_max_num_queries(METRICS_QUERIES + 6):  # + session, user, admin context
        response = client.get(reverse("admin:gamification_metrics_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="chart chart--bar"' in html
    assert "History problem" in html


def test_the_metrics_page_filters_by_date_and_exports_csv(client, staff_user, candidate):
    client.force_login(staff_user)
    response = client.get(
        reverse("admin:gamification_metrics_changelist"), {"start": "2026-01-01", "end": "2025-01-01"}
    )
    assert "The end must be on or after the start" in response.content.decode()
    response = client.get(reverse("admin:gamification_metrics_export"), {"start": "2026-01-01", "end": "2026-01-07"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "key", "value", "extra"]
    assert ["range", "start", "2026-01-01", ""] in rows
    assert sum(row[0] == "daily_active_users" for row in rows) == 7


def test_the_metrics_page_is_linked_from_the_admin_index_and_staff_only(client, staff_user, candidate):
    client.force_login(candidate)
    assert client.get(reverse("admin:gamification_metrics_changelist")).status_code in (302, 403)
    client.force_login(staff_user)
    assert reverse("admin:gamification_metrics_changelist") in client.get(reverse("admin:index")).content.decode()


def test_the_leaderboard_lists_this_weeks_xp_of_opted_in_users_by_handle(client, candidate, other_candidate):
    hidden = UserFactory(email="hidden@example.com")
    now = timezone.now()
    last_week = now - datetime.timedelta(days=8)
    for user, amount in ((candidate, 120), (other_candidate, 300), (hidden, 999)):
        XPEvent.objects.create(user=user, source="adjustment", source_key="w", amount=amount, reason="r")
    with mock.patch("django.utils.timezone.now", return_value=last_week):
        XPEvent.objects.create(user=candidate, source="adjustment", source_key="old", amount=5000, reason="r")
    leaderboard_settings_set(user=candidate, opt_in=True, use_display_name=True)
    leaderboard_settings_set(user=other_candidate, opt_in=True, use_display_name=False)
    client.force_login(candidate)
    page = client.get(reverse("gamification:leaderboard")).content.decode()
    html = page[page.index("<table") : page.index("</table>")]
    assert html.index(anonymous_handle(user=other_candidate)) < html.index("Olive Owner")
    assert ">300<" in html
    assert ">120<" in html  # last week's 5000 does not count
    assert "hidden@example.com" not in html
    assert "@example.com" not in html
    assert "999" not in html


def test_the_opt_in_toggle_saves_and_goes_back(client, candidate):
    client.force_login(candidate)
    url = reverse("gamification:leaderboard_settings")
    response = client.post(url, {"opt_in": "on", "show_as": "anonymous", "next": "/"}, follow=True)
    assert "on the weekly leaderboard as Candidate #" in response.content.decode()
    progress = Progress.objects.get(user=candidate)
    assert progress.leaderboard_opt_in
    assert progress.leaderboard_handle.startswith("Candidate #")
    response = client.post(url, {"show_as": "name", "next": "/"})
    assert response.status_code == 302
    assert response.url == "/"
    assert not Progress.objects.get(user=candidate).leaderboard_opt_in
    assert client.post(url, {"show_as": "nope"}).status_code == 422
    assert client.post(url, {"show_as": "name", "next": "https://evil.example/"}).url == reverse(
        "gamification:leaderboard"
    )


def test_a_display_name_handle_falls_back_to_anonymous_never_the_email(candidate):
    candidate.display_name = ""
    candidate.save()
    progress = leaderboard_settings_set(user=candidate, opt_in=True, use_display_name=True)
    assert progress.leaderboard_handle == anonymous_handle(user=candidate)
    assert "@" not in progress.leaderboard_handle
