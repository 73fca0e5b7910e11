from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from copilot.ai.personas import PERSONAS
from copilot.markdown import render_markdown


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


class Conversation(models.Model):
    """One Coach chat of one user. Read only through ``copilot.selectors`` (scoped to the user)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations")
    title = models.CharField(max_length=120)
    persona = models.CharField(max_length=20, blank=True, help_text="Persona key; empty = the Coach's own voice.")
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["user", "-updated_at"], name="copilot_conv_user_updated")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("copilot:conversation_detail", args=[self.pk])

    @property
    def persona_name(self) -> str:
        persona = PERSONAS.get(self.persona)
        return persona.name if persona else ""


class ChatMessage(models.Model):
    """A turn of a conversation. An assistant reply is created empty (``pending``) when the user sends,
    claimed once by the stream (``streaming``, a conditional update) and filled in when it ends
    (``complete``), so a double-clicked Send or a second tab can never produce two replies."""

    class Role(models.TextChoices):
        USER = "user", "You"
        ASSISTANT = "assistant", "Coach"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        STREAMING = "streaming", "Being written"
        COMPLETE = "complete", "Complete"

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    role = models.CharField(max_length=10, choices=Role.choices)
    content = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.COMPLETE)
    # Assistant replies only: which engine answered ("model"/"offline"; empty when stopped before the end).
    engine = models.CharField(max_length=10, blank=True)
    model = models.CharField(max_length=120, blank=True)
    notice = models.CharField(max_length=300, blank=True)
    truncated = models.BooleanField(default=False, help_text="The model's stream broke off; what arrived is kept.")
    cancelled = models.BooleanField(default=False, help_text="The user stopped the reply; what arrived is kept.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.role}: {self.content[:60]}"

    @cached_property
    def html(self) -> str:
        """The content as sanitized HTML (copilot.markdown), safe to output as it is."""
        return mark_safe(render_markdown(self.content))  # noqa: S308 — sanitized by nh3 just above

    @property
    def is_stale(self) -> bool:
        return self.status != self.Status.COMPLETE and reply_age_is_stale(self.created_at)

    @property
    def engine_label(self) -> str:
        if self.engine == "model":
            return f"AI model ({self.model})"
        if self.engine == "offline":
            return "Offline coach"
        return ""


def reply_age_is_stale(created_at) -> bool:
    """A reply still pending or streaming long after any stream could have ended (a closed tab, a
    restarted server) no longer blocks its conversation."""
    return (timezone.now() - created_at).total_seconds() > settings.LLM_STREAM_TIMEOUT_SECONDS + 60
