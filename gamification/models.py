"""Progress: an append-only XP ledger, the per-user progress row it feeds, badges and daily challenges."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class XPSource(models.TextChoices):
    INTERVIEW = "interview", "Interview completed"
    CHALLENGE = "challenge", "Daily challenge completed"
    PROBLEM = "problem", "Coding problem accepted"
    ANSWER = "answer", "Answer saved"
    BADGE = "badge", "Badge earned"
    ADJUSTMENT = "adjustment", "Staff adjustment"


class XPEvent(models.Model):
    """One award. Never updated or deleted; ``(user, source, source_key)`` is unique, so a retried task, a
    double click or a replayed signal cannot award twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xp_events")
    source = models.CharField(max_length=12, choices=XPSource.choices)
    source_key = models.CharField(max_length=80, help_text="What was rewarded, e.g. 'session:42'.")
    amount = models.IntegerField()
    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "source", "source_key"], name="gamification_xp_once_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} +{self.amount} {self.source}:{self.source_key}"


class Progress(models.Model):
    """The running totals of the ledger and the streak, one row per user. Rows are locked
    (``select_for_update``) whenever XP or the streak changes."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress")
    xp = models.PositiveIntegerField(default=0)
    level = models.PositiveSmallIntegerField(default=1)
    current_streak = models.PositiveSmallIntegerField(default=0)
    longest_streak = models.PositiveSmallIntegerField(default=0)
    last_practice_day = models.DateField(null=True, blank=True, help_text="In the user's own time zone.")
    leaderboard_opt_in = models.BooleanField(default=False)
    leaderboard_handle = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "progress"

    def __str__(self) -> str:
        return f"{self.user_id}: {self.xp} XP, level {self.level}"
