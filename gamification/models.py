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
    # The level the user has been told about: when ``level`` is higher, the next Locker Room view shows a
    # level-up toast and moves this up (awards happen in receivers and tasks, which have no request).
    level_seen = models.PositiveSmallIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "progress"

    def __str__(self) -> str:
        return f"{self.user_id}: {self.xp} XP, level {self.level}"


class EarnedBadge(models.Model):
    """A badge a user earned: when and why. Badges themselves are defined in code (gamification.badges)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badges")
    code = models.CharField(max_length=40)
    earned_at = models.DateTimeField()
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["-earned_at"]
        constraints = [models.UniqueConstraint(fields=["user", "code"], name="gamification_badge_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.code}"


class ChallengeStatus(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETED = "completed", "Completed"
    EXPIRED = "expired", "Expired"


class DailyChallenge(models.Model):
    """One of a user's three challenges for their local ``day``; expires at their local midnight."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="daily_challenges")
    day = models.DateField(help_text="The user's local date.")
    kind = models.CharField(max_length=30)
    title = models.CharField(max_length=120)
    description = models.CharField(max_length=300)
    focus = models.CharField(max_length=30, blank=True, help_text="The weak area it targets, if any.")
    goal = models.PositiveIntegerField(default=1)
    progress = models.PositiveIntegerField(default=0)
    params = models.JSONField(default=dict, blank=True)
    xp = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN)
    expires_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "day", "kind"], name="gamification_challenge_once")]
        indexes = [models.Index(fields=["user", "status", "day"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day} {self.kind}"


class Metrics(Progress):
    """No data of its own: the admin entry for the staff metrics page (gamification.admin.MetricsAdmin),
    so the page is listed on the admin index with its own "view" permission."""

    class Meta:
        proxy = True
        verbose_name = "metrics"
        verbose_name_plural = "metrics"
