from __future__ import annotations

import datetime
import hashlib
import zoneinfo
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from gamification.badges import BADGES
from gamification.challenges import choose
from gamification.challenges import matches as challenge_matches
from gamification.levels import Streak, level_for, streak_after_practice
from gamification.models import ChallengeStatus, DailyChallenge, EarnedBadge, Progress, XPEvent, XPSource
from gamification.selectors import languages_accepted, stats_for, weak_dimensions


@dataclass(frozen=True)
class Award:
    event: XPEvent
    level_before: int
    level_after: int

    @property
    def levelled_up(self) -> bool:
        return self.level_after > self.level_before


def progress_get_locked(*, user) -> Progress:
    """The user's progress row, created if needed, locked until the surrounding transaction ends.
    Must be called inside ``transaction.atomic``."""
    Progress.objects.get_or_create(user=user)  # no-op when it exists; a racing create loses on the PK
    return Progress.objects.select_for_update().get(user=user)


def local_day(*, user, moment: datetime.datetime | None = None) -> datetime.date:
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = datetime.UTC
    return timezone.localtime(moment or timezone.now(), zone).date()


def xp_award(
    *,
    user,
    source: str,
    source_key: str,
    amount: int,
    reason: str,
    practiced_at: datetime.datetime | None = None,
) -> Award | None:
    """Append one award to the ledger and fold it into the user's progress; ``None`` if that source was
    already rewarded (idempotent). When ``practiced_at`` is given, the practice also counts for the streak
    on the user's local day. The progress row is locked: concurrent awards never lose an update."""
    with transaction.atomic():
        progress = progress_get_locked(user=user)
        try:
            with transaction.atomic():
                event = XPEvent.objects.create(
                    user=user, source=source, source_key=source_key, amount=amount, reason=reason[:200]
                )
        except IntegrityError:
            return None
        level_before = progress.level
        progress.xp = max(0, progress.xp + amount)
        progress.level = level_for(progress.xp).level
        fields = ["xp", "level", "updated_at"]
        if practiced_at is not None:
            fields += _apply_practice(progress, local_day(user=user, moment=practiced_at))
        progress.save(update_fields=fields)
    return Award(event=event, level_before=level_before, level_after=progress.level)


def practice_record(*, user, practiced_at: datetime.datetime | None = None) -> Progress:
    """Count a practice for the streak without XP (e.g. a coding run). Locks the progress row."""
    with transaction.atomic():
        progress = progress_get_locked(user=user)
        fields = _apply_practice(progress, local_day(user=user, moment=practiced_at))
        if fields:
            progress.save(update_fields=[*fields, "updated_at"])
    return progress


def _apply_practice(progress: Progress, day: datetime.date) -> list[str]:
    before = Streak(progress.current_streak, progress.longest_streak, progress.last_practice_day)
    after = streak_after_practice(before, day)
    if after == before:
        return []
    progress.current_streak, progress.longest_streak, progress.last_practice_day = (
        after.current,
        after.longest,
        after.last_day,
    )
    return ["current_streak", "longest_streak", "last_practice_day"]


# ------------------------------------------------------------------------------------------------
# Badges
# ------------------------------------------------------------------------------------------------
def badges_evaluate(*, user) -> list[EarnedBadge]:
    """Award every badge whose rule now holds and that the user lacks. Idempotent (unique per user and
    badge; a concurrent evaluation's duplicate is ignored). Returns the badges earned by this call."""
    stats = stats_for(user=user)
    have = set(EarnedBadge.objects.filter(user=user).values_list("code", flat=True))
    earned: list[EarnedBadge] = []
    for badge in BADGES:
        if badge.code in have or not badge.earned(stats):
            continue
        row = EarnedBadge(user=user, code=badge.code, earned_at=timezone.now(), reason=badge.reason(stats)[:200])
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            continue
        earned.append(row)
    return earned


# ------------------------------------------------------------------------------------------------
# Daily challenges
# ------------------------------------------------------------------------------------------------
def local_midnight_after(*, user, day: datetime.date) -> datetime.datetime:
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = datetime.UTC
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)


def challenges_generate(*, user, day: datetime.date) -> int:
    """Create the user's three challenges for their local ``day``; returns how many were new.

    Idempotent and safe to run concurrently: the choice is deterministic for (user, day) and rows are
    unique on (user, day, kind), inserted with ``ignore_conflicts``."""
    specs = choose(
        seed=f"{user.pk}:{day.isoformat()}",
        weak_dimensions=weak_dimensions(user=user),
        languages_used=languages_accepted(user=user),
    )
    expires_at = local_midnight_after(user=user, day=day)
    before = DailyChallenge.objects.filter(user=user, day=day).count()
    DailyChallenge.objects.bulk_create(
        [
            DailyChallenge(
                user=user,
                day=day,
                kind=spec.kind,
                title=spec.title,
                description=spec.description,
                focus=spec.focus,
                goal=spec.goal,
                params=spec.params,
                xp=spec.xp,
                expires_at=expires_at,
            )
            for spec in specs
        ],
        ignore_conflicts=True,
    )
    return DailyChallenge.objects.filter(user=user, day=day).count() - before


def challenges_expire(*, now: datetime.datetime | None = None) -> int:
    """Mark open challenges past their user's midnight as expired (one UPDATE)."""
    return DailyChallenge.objects.filter(status=ChallengeStatus.OPEN, expires_at__lte=now or timezone.now()).update(
        status=ChallengeStatus.EXPIRED
    )


def challenge_record_event(*, user, event: str, payload: dict, at: datetime.datetime | None = None) -> list[Award]:
    """Advance the user's open, unexpired challenges that ``event`` matches; award XP once on completion.

    Rows are locked while they are advanced, so two events at once never both complete a challenge. Every
    challenge in the catalogue has a goal of 1, so a replayed event (a re-run analysis) finds the challenge
    already completed and changes nothing; a multi-step goal would need the counted events recorded."""
    now = at or timezone.now()
    awards: list[Award] = []
    with transaction.atomic():
        open_rows = DailyChallenge.objects.select_for_update().filter(
            user=user, status=ChallengeStatus.OPEN, expires_at__gt=now, day__lte=local_day(user=user, moment=now)
        )
        for challenge in open_rows:
            if not challenge_matches(challenge.kind, challenge.params, event, payload):
                continue
            challenge.progress = min(challenge.goal, challenge.progress + 1)
            fields = ["progress"]
            if challenge.progress >= challenge.goal:
                challenge.status = ChallengeStatus.COMPLETED
                challenge.completed_at = now
                fields += ["status", "completed_at"]
            challenge.save(update_fields=fields)
            if challenge.status == ChallengeStatus.COMPLETED:
                award = xp_award(
                    user=user,
                    source=XPSource.CHALLENGE,
                    source_key=f"challenge:{challenge.pk}",
                    amount=challenge.xp,
                    reason=f"Daily challenge: {challenge.title}",
                )
                if award:
                    awards.append(award)
    return awards


# ------------------------------------------------------------------------------------------------
# Level-up toast and the leaderboard
# ------------------------------------------------------------------------------------------------
def progress_level_seen_mark(*, user, level: int) -> bool:
    """Record that the user has been shown ``level``; True when this call moved it (one conditional
    UPDATE, so two tabs at once announce a level once)."""
    return bool(Progress.objects.filter(user=user, level_seen__lt=level).update(level_seen=level))


def anonymous_handle(*, user) -> str:
    """A stable handle that says nothing about the account: "Candidate #4821"."""
    digest = int(hashlib.sha256(f"leaderboard:{user.pk}".encode()).hexdigest(), 16)
    return f"Candidate #{1000 + digest % 9000}"


def leaderboard_settings_set(*, user, opt_in: bool, use_display_name: bool) -> Progress:
    """Join or leave the weekly leaderboard. The handle is the display name when the user chose it and
    has one, else an anonymous handle — never the email. Locks the progress row."""
    with transaction.atomic():
        progress = progress_get_locked(user=user)
        name = (user.display_name or "").strip()
        progress.leaderboard_opt_in = opt_in
        progress.leaderboard_handle = (name if use_display_name and name else anonymous_handle(user=user))[:40]
        progress.save(update_fields=["leaderboard_opt_in", "leaderboard_handle", "updated_at"])
    return progress
