from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from gamification.levels import Streak, level_for, streak_after_practice
from gamification.models import Progress, XPEvent


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
