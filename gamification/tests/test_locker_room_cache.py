"""The Locker Room's cached sections: every kind of event shows on the very next request.

Each test views the page first (the sections are cached), makes one change the way the product makes it,
and views the page again.
"""

import datetime
import re
from unittest import mock

import pytest
from django.utils import timezone

from coding.models import Problem, Submission, SubmissionKind, SubmissionStatus, Verdict
from gamification.models import ChallengeStatus, DailyChallenge, EarnedBadge, Progress, XPSource
from gamification.services import badges_evaluate, challenge_record_event, xp_award
from gamification.tests.history import doc_scores
from gamification.tests.test_locker_room import analysed, body
from interviews.models import AnalysisReport, InterviewSession, SessionStatus
from interviews.services.sessions import session_transition
from library.models import SavedAnswer

pytestmark = pytest.mark.django_db


def utc(*parts: int) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=datetime.UTC)


def interviews_shown(html: str) -> int:
    return int(re.search(r'<p class="stat__label">Interviews</p>\s*<p class="stat__value">(\d+)', html).group(1))


def badge_tile(html: str, code: str) -> str:
    return re.search(rf'<li class="lr-badge [^"]+" data-badge="{code}">.*?</li>', html, re.S).group(0)


def legend(html: str, label: str) -> str:
    return re.search(rf"</span>{label} <span class=\"muted\">(\d+)</span>", html).group(1)


def test_a_completed_interview_shows_on_the_next_request(candidate_client, candidate):
    analysed(candidate, scores=doc_scores(1))
    assert interviews_shown(body(candidate_client.get("/"))) == 1
    analysed(candidate, scores=doc_scores(2))
    assert interviews_shown(body(candidate_client.get("/"))) == 2


def test_a_deleted_interview_disappears_on_the_next_request(candidate_client, candidate):
    older = analysed(candidate, scores=doc_scores(1), when=timezone.now() - datetime.timedelta(days=1))
    analysed(candidate, scores=doc_scores(2))
    html = body(candidate_client.get("/"))
    assert interviews_shown(html) == 2
    assert f"/{older.pk}/" in html
    older.delete()  # not the latest: the newest update time stays, the count moves
    html = body(candidate_client.get("/"))
    assert interviews_shown(html) == 1
    assert f"/{older.pk}/" not in html


def test_a_session_changing_state_shows_on_the_next_request(candidate_client, candidate):
    session = InterviewSession.objects.create(user=candidate, status=SessionStatus.LIVE, started_at=timezone.now())
    assert "Live" in body(candidate_client.get("/"))
    session_transition(session=session, to=SessionStatus.UPLOADED)
    assert "Uploaded" in body(candidate_client.get("/"))


def test_a_re_run_analysis_shows_its_new_scores(candidate_client, candidate):
    session = analysed(candidate, scores={"overall": 61})
    assert legend(body(candidate_client.get("/")), "Overall") == "61"
    # As the analysis service stores a result: one UPDATE that stamps updated_at.
    AnalysisReport.objects.filter(session=session).update(scores={"overall": 93}, updated_at=timezone.now())
    assert legend(body(candidate_client.get("/")), "Overall") == "93"


def test_xp_shows_on_the_next_request(candidate_client, candidate):
    Progress.objects.create(user=candidate, xp=40)
    assert "40 XP" in body(candidate_client.get("/"))
    xp_award(user=candidate, source=XPSource.ADJUSTMENT, source_key="test:1", amount=30, reason="Bonus")
    assert "70 XP" in body(candidate_client.get("/"))


def test_an_earned_badge_shows_on_the_next_request(candidate_client, candidate):
    analysed(candidate, scores=doc_scores(1))
    assert "is-locked" in badge_tile(body(candidate_client.get("/")), "first_steps")
    badges_evaluate(user=candidate)
    tile = badge_tile(body(candidate_client.get("/")), "first_steps")
    assert "is-earned" in tile
    assert EarnedBadge.objects.get(user=candidate, code="first_steps").reason in tile


def test_challenge_progress_shows_on_the_next_request(candidate_client, candidate):
    candidate_client.get("/")  # generates today's challenges
    challenge = DailyChallenge.objects.filter(user=candidate, kind="complete_interview").first()
    if challenge is None:  # the generator varies the kinds; make one that the event below completes
        challenge = DailyChallenge.objects.filter(user=candidate).first()
        DailyChallenge.objects.filter(pk=challenge.pk).update(kind="complete_interview", params={})
    html = body(candidate_client.get("/"))
    assert 'class="lr-challenge is-done"' not in html
    challenge_record_event(user=candidate, event="interview_completed", payload={"scores": {}})
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.COMPLETED
    html = body(candidate_client.get("/"))
    assert 'class="lr-challenge is-done" data-challenge="complete_interview"' in html
    assert f"{challenge.xp} XP" in html  # the challenge's XP, in the cached level card


def test_an_accepted_submission_shows_on_the_next_request(candidate_client, candidate):
    problem = Problem.objects.create(slug="two-sum", title="Two Sum", difficulty="easy", statement="s")
    submission = Submission.objects.create(
        user=candidate, problem=problem, language="python", code="x", kind=SubmissionKind.SUBMIT
    )
    assert "0 solved" in body(candidate_client.get("/"))
    # As the judge stores a verdict: the row is updated, no row is added.
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.DONE, verdict=Verdict.ACCEPTED)
    assert "1 solved (1 easy, 0 medium, 0 hard)" in body(candidate_client.get("/"))


def test_a_saved_answer_shows_on_the_next_request(candidate_client, candidate):
    assert "0 / 10" in badge_tile(body(candidate_client.get("/")), "librarian")
    SavedAnswer.objects.create(user=candidate, title="Conflict", question="Why?", text="Because.")
    assert "1 / 10" in badge_tile(body(candidate_client.get("/")), "librarian")


def test_a_new_problem_in_the_bank_becomes_the_call_to_action(candidate_client, candidate):
    analysed(candidate, scores={"overall": 92, **dict.fromkeys(("clarity", "pace", "structure"), 90)})
    assert 'data-next-step="interview"' in body(candidate_client.get("/"))
    Problem.objects.create(slug="two-sum", title="Two Sum", difficulty="easy", topics=["hashing"], statement="s")
    assert 'data-next-step="problem"' in body(candidate_client.get("/"))


def test_a_new_day_in_the_users_time_zone_shows_at_their_midnight(candidate_client, candidate):
    candidate.time_zone = "Asia/Tokyo"  # UTC+9: the local day turns at 15:00 UTC
    candidate.save(update_fields=["time_zone"])
    analysed(candidate, scores={"overall": 92, **dict.fromkeys(("clarity", "pace", "structure"), 90)})
    Progress.objects.create(user=candidate, xp=120, level=2, level_seen=2, current_streak=2, longest_streak=2,
                            last_practice_day=datetime.date(2026, 3, 2))  # fmt: skip
    with mock.patch("django.utils.timezone.now", return_value=utc(2026, 3, 2, 14, 50)):
        html = body(candidate_client.get("/"))
    assert "Practised today." in html
    assert 'data-next-step="streak"' not in html
    with mock.patch("django.utils.timezone.now", return_value=utc(2026, 3, 2, 15, 10)):
        html = body(candidate_client.get("/"))
    assert "Practise today to keep it." in html
    assert 'data-next-step="streak"' in html


def test_progress_and_fingerprint_in_one_query_match_the_plain_reads(candidate, django_assert_num_queries):
    from gamification.selectors import history_version, progress_for, progress_with_history

    with django_assert_num_queries(2):  # a new user has no progress row yet: the fingerprint is read alone
        progress, history = progress_with_history(user=candidate)
    assert progress.pk is None
    assert history == history_version(user=candidate)
    analysed(candidate, scores=doc_scores(1))
    xp_award(user=candidate, source=XPSource.INTERVIEW, source_key="test:1", amount=50, reason="Interview",
             practiced_at=timezone.now())  # fmt: skip
    with django_assert_num_queries(1):
        progress, history = progress_with_history(user=candidate)
    expected = progress_for(user=candidate)
    assert (progress.pk, progress.xp, progress.level, progress.last_practice_day) == (
        expected.pk, expected.xp, expected.level, expected.last_practice_day)  # fmt: skip
    assert isinstance(progress.last_practice_day, datetime.date)  # converted, on SQLite too
    assert history == history_version(user=candidate)


def test_the_page_renders_in_full_when_the_cache_is_down(candidate_client, candidate):
    from gamification import presenters

    analysed(candidate, scores=doc_scores(1))

    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("redis is down")

        set = get

    with mock.patch.object(presenters, "sections_cache", return_value=Down()):
        response = candidate_client.get("/")
    assert response.status_code == 200
    assert interviews_shown(body(response)) == 1
