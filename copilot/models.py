from __future__ import annotations

from django.conf import settings
from django.db import models


class RoleFamily(models.TextChoices):
    SOFTWARE = "software", "Software engineering"
    DATA = "data", "Data & analytics"
    PRODUCT = "product", "Product management"
    DESIGN = "design", "Design"
    SALES = "sales", "Sales"
    MARKETING = "marketing", "Marketing"
    CUSTOMER_SUCCESS = "customer_success", "Customer success"
    GENERAL = "general", "General"


class QuestionType(models.TextChoices):
    BEHAVIORAL = "behavioral", "Behavioral"
    TECHNICAL = "technical", "Technical"
    SITUATIONAL = "situational", "Situational"
    LEADERSHIP = "leadership", "Leadership"


class Difficulty(models.TextChoices):
    EASY = "easy", "Easy"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"


class Seniority(models.TextChoices):
    ANY = "any", "Any level"
    JUNIOR = "junior", "Junior"
    MID = "mid", "Mid"
    SENIOR = "senior", "Senior"
    LEAD = "lead", "Lead / manager"


class Question(models.Model):
    """A curated interview question of the offline bank. Loaded from copilot/data/questions/ by
    ``load_question_bank`` (idempotent on ``key``); staff edit them in admin."""

    key = models.SlugField(max_length=80, unique=True, help_text="Stable id from the data file.")
    text = models.TextField()
    role_family = models.CharField(max_length=20, choices=RoleFamily.choices, db_index=True)
    competency = models.CharField(max_length=60, db_index=True)
    type = models.CharField(max_length=12, choices=QuestionType.choices, db_index=True)
    difficulty = models.CharField(max_length=6, choices=Difficulty.choices, default=Difficulty.MEDIUM)
    seniority = models.CharField(max_length=6, choices=Seniority.choices, default=Seniority.ANY)
    guidance = models.TextField(blank=True, help_text="What a strong answer covers (shown after answering).")
    is_active = models.BooleanField(default=True)
    edited_by_staff = models.BooleanField(
        default=False, help_text="Set when staff edit it in admin; the loader then leaves it alone."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["role_family", "type", "key"]

    def __str__(self) -> str:
        return self.text[:80]


class AIUsageDaily(models.Model):
    """Calls and tokens per user per UTC day, across both engines. One row per (user, day); counters
    are bumped with F() expressions so concurrent calls never lose an update."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ai_usage")
    day = models.DateField()
    calls = models.PositiveIntegerField(default=0, help_text="Calls answered by the language model.")
    offline_calls = models.PositiveIntegerField(default=0, help_text="Calls answered by the offline engine.")
    prompt_tokens = models.PositiveIntegerField(default=0)
    completion_tokens = models.PositiveIntegerField(default=0)
    fallbacks = models.PositiveIntegerField(default=0, help_text="Model calls that failed over to offline.")
    limited = models.PositiveIntegerField(default=0, help_text="Calls refused the model by the daily limit.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="copilot_usage_user_day_unique")]
        ordering = ["-day"]
        verbose_name = "daily AI usage"
        verbose_name_plural = "daily AI usage"

    def __str__(self) -> str:
        return f"{self.user} {self.day}: {self.calls} calls"

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens
