"""How gamification reacts to the other apps. Connected in GamificationConfig.ready().

Every reaction is idempotent (the ledger is unique per source, badges per code, challenge XP per
challenge), so a replayed signal or a re-run analysis never awards twice. A failure here is logged and
never breaks the request or task that sent the signal.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.contrib.auth import get_user_model
from django.utils import timezone

from gamification.models import XPSource
from gamification.services import badges_evaluate, challenge_record_event, practice_record, xp_award

logger = logging.getLogger(__name__)

INTERVIEW_XP = 50
PROBLEM_XP = {"easy": 20, "medium": 40, "hard": 80}
ANSWER_XP = 10


def problem_xp(*, difficulty: str, hints_used: int) -> int:
    """Coding XP by difficulty, a quarter less for each hint opened, never below a quarter."""
    base = PROBLEM_XP.get(difficulty, PROBLEM_XP["medium"])
    factor = max(0.25, 1 - 0.25 * max(0, hints_used))
    return max(1, round(base * factor))


def _safely(receiver):
    @wraps(receiver)
    def wrapper(*args, **kwargs):
        try:
            receiver(*args, **kwargs)
        except Exception:
            logger.exception("gamification could not react to %s", receiver.__name__)

    return wrapper


def _user(user_id):
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


@_safely
def on_interview_completed(sender, *, session_id, user_id, scores=None, **kwargs):
    user = _user(user_id)
    if user is None:
        return
    now = timezone.now()
    xp_award(
        user=user,
        source=XPSource.INTERVIEW,
        source_key=f"session:{session_id}",
        amount=INTERVIEW_XP,
        reason="Interview completed",
        practiced_at=now,
    )
    challenge_record_event(user=user, event="interview_completed", payload={"scores": scores or {}}, at=now)
    badges_evaluate(user=user)


@_safely
def on_submission_judged(sender, *, user_id, problem_id, verdict, kind, difficulty="medium", hints_used=0, **kw):
    user = _user(user_id)
    if user is None:
        return
    practice_record(user=user)
    if kind == "submit" and verdict == "AC":
        xp_award(
            user=user,
            source=XPSource.PROBLEM,
            source_key=f"problem:{problem_id}",  # the first accepted solution of a problem earns XP
            amount=problem_xp(difficulty=difficulty, hints_used=hints_used),
            reason=f"Problem accepted ({difficulty}{', with hints' if hints_used else ''})",
        )
    payload = {"verdict": verdict, "kind": kind, "difficulty": difficulty, "hints_used": hints_used, **kw}
    challenge_record_event(user=user, event="submission_judged", payload=payload)
    badges_evaluate(user=user)


@_safely
def on_answer_saved(sender, *, user, answer_id, **kwargs):
    xp_award(
        user=user,
        source=XPSource.ANSWER,
        source_key=f"answer:{answer_id}",
        amount=ANSWER_XP,
        reason="Answer saved to the Library",
        practiced_at=timezone.now(),
    )
    challenge_record_event(user=user, event="answer_saved", payload={"answer_id": answer_id})
    badges_evaluate(user=user)


@_safely
def on_coach_message_sent(sender, *, user_id, message_id, **kwargs):
    user = _user(user_id)
    if user is not None:
        challenge_record_event(user=user, event="coach_message_sent", payload={"message_id": message_id})


def connect() -> None:
    from coding.signals import submission_judged  # noqa: PLC0415 — apps are ready only now
    from copilot.signals import coach_message_sent  # noqa: PLC0415
    from interviews.signals import interview_completed  # noqa: PLC0415
    from library.signals import answer_saved  # noqa: PLC0415

    interview_completed.connect(on_interview_completed, dispatch_uid="gamification.interview_completed")
    submission_judged.connect(on_submission_judged, dispatch_uid="gamification.submission_judged")
    answer_saved.connect(on_answer_saved, dispatch_uid="gamification.answer_saved")
    coach_message_sent.connect(on_coach_message_sent, dispatch_uid="gamification.coach_message_sent")
