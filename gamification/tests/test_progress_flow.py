"""Gamification reacting to the other apps' signals, end to end through the database."""

import datetime
import threading
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.utils import timezone

from coding.models import Problem
from coding.signals import submission_judged
from gamification.models import ChallengeStatus, DailyChallenge, EarnedBadge, Progress, XPEvent
from gamification.receivers import problem_xp
from interviews.models import AnalysisReport, InterviewSession, SessionStatus
from interviews.signals import interview_completed
from library.services import answer_create

pytestmark = pytest.mark.django_db


def at(day: int, hour: int = 15) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=datetime.UTC)


def analyzed_session(user, scores=None, metrics=None) -> InterviewSession:
    session = InterviewSession.objects.create(user=user, status=SessionStatus.ANALYZED)
    AnalysisReport.objects.create(
        session=session, analysis_version="1", scores=scores or {}, metrics=metrics or {}, finished_at=timezone.now()
    )
    return session


def complete(user, session, when):
    with mock.patch("django.utils.timezone.now", return_value=when):
        interview_completed.send(sender=InterviewSession, session_id=session.pk, user_id=user.pk, scores={})


def test_three_consecutive_days_give_xp_level_streak_and_on_fire(candidate):
    for day in (1, 2, 3):
        complete(candidate, analyzed_session(candidate), at(day))
    progress = Progress.objects.get(user=candidate)
    assert progress.xp == 150
    assert progress.level == 2
    assert progress.current_streak == 3
    codes = set(EarnedBadge.objects.filter(user=candidate).values_list("code", flat=True))
    assert {"first_steps", "on_fire"} <= codes


def test_a_replayed_signal_awards_nothing_twice(candidate):
    session = analyzed_session(candidate)
    complete(candidate, session, at(1))
    complete(candidate, session, at(1))
    assert Progress.objects.get(user=candidate).xp == 50
    assert EarnedBadge.objects.filter(user=candidate, code="first_steps").count() == 1


def test_coding_xp_depends_on_difficulty_and_hints(candidate):
    assert problem_xp(difficulty="hard", hints_used=0) == 80
    assert problem_xp(difficulty="hard", hints_used=2) == 40
    assert problem_xp(difficulty="easy", hints_used=9) == 5
    problem = Problem.objects.create(slug="p", title="P", difficulty="medium", statement="s")
    kwargs = {"problem_id": problem.pk, "kind": "submit", "difficulty": "medium", "language": "python"}
    for submission_id, verdict in ((1, "WA"), (2, "AC"), (3, "AC")):
        submission_judged.send(
            sender=None, submission_id=submission_id, user_id=candidate.pk, verdict=verdict, hints_used=1,
            all_passed=verdict == "AC", **kwargs,
        )  # fmt: skip
    events = XPEvent.objects.filter(user=candidate, source="problem")
    assert [e.amount for e in events] == [30]  # the first accepted solution only, a hint costs a quarter


def test_saving_an_answer_awards_xp_once_through_the_library(candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = answer_create(user=candidate, title="Conflict", question="Tell me about a conflict.", text="...")
    assert XPEvent.objects.get(user=candidate, source="answer").source_key == f"answer:{answer.pk}"


def test_daily_challenges_are_created_once_and_complete_from_events(candidate, capsys):
    candidate.last_login = timezone.now()
    candidate.save()
    call_command("generate_daily_challenges", "--date", timezone.now().date().isoformat())
    call_command("generate_daily_challenges", "--date", timezone.now().date().isoformat())
    challenges = list(DailyChallenge.objects.filter(user=candidate))
    assert len(challenges) == 3
    assert "challenges created: 0" in capsys.readouterr().out.splitlines()[-1]
    target = next(c for c in challenges if c.kind == "complete_interview")
    interview_completed.send(
        sender=InterviewSession, session_id=analyzed_session(candidate).pk, user_id=candidate.pk, scores={}
    )
    target.refresh_from_db()
    assert target.status == ChallengeStatus.COMPLETED
    assert XPEvent.objects.filter(user=candidate, source="challenge", source_key=f"challenge:{target.pk}").count() == 1


def test_challenges_aim_at_the_weakest_measured_area(candidate):
    candidate.last_login = timezone.now()
    candidate.save()
    scores = {"clarity": {"value": 55}, "structure": {"value": 80}, "pace": {"value": 90}}
    analyzed_session(candidate, scores=scores)
    call_command("generate_daily_challenges")
    focused = DailyChallenge.objects.get(user=candidate, kind="score_dimension")
    assert focused.focus == "clarity"


def test_unfinished_challenges_expire_at_the_users_midnight(candidate):
    candidate.time_zone = "Asia/Tokyo"
    candidate.last_login = timezone.now()
    candidate.save()
    call_command("generate_daily_challenges", "--date", "2026-03-01")
    challenge = DailyChallenge.objects.filter(user=candidate).first()
    assert challenge.expires_at == datetime.datetime(2026, 3, 1, 15, 0, tzinfo=datetime.UTC)  # midnight in Tokyo
    call_command("generate_daily_challenges")
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.EXPIRED


def test_recompute_badges_is_idempotent(candidate, capsys):
    analyzed_session(candidate, metrics={"fillers": {"per_minute": 1.2}, "video": {"eye_contact_pct": 85}})
    call_command("recompute_badges")
    call_command("recompute_badges")
    codes = sorted(EarnedBadge.objects.filter(user=candidate).values_list("code", flat=True))
    assert codes == ["eye_contact", "first_steps", "smooth_talker"]
    assert capsys.readouterr().out.splitlines()[-1].endswith("badges awarded: 0")


@pytest.mark.django_db(transaction=True)
def test_two_copies_of_the_cron_command_at_once_create_no_duplicates(candidate):
    if connection.vendor == "sqlite":
        pytest.skip("concurrent writers are exercised on PostgreSQL")
    candidate.last_login = timezone.now()
    candidate.save()
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        try:
            call_command("generate_daily_challenges", "--date", "2026-03-01")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert DailyChallenge.objects.filter(user=candidate, day="2026-03-01").count() == 3
