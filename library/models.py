from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class Category(models.TextChoices):
    BEHAVIORAL = "behavioral", "Behavioral"
    TECHNICAL = "technical", "Technical"
    SITUATIONAL = "situational", "Situational"
    LEADERSHIP = "leadership", "Leadership"
    CULTURE = "culture", "Culture fit"
    OTHER = "other", "Other"


class Source(models.TextChoices):
    WRITTEN = "written", "Written by me"
    DRAFTED = "drafted", "STAR drafter"
    COACH = "coach", "Coach"
    INTERVIEW = "interview", "Interview"


# Form and model limits in one place (characters).
TITLE_MAX = 120
QUESTION_MAX = 500
PART_MAX = 3000
TEXT_MAX = 10000
TAG_MAX = 30
TAGS_PER_ANSWER = 12


class Tag(models.Model):
    """A user's own label; names are stored normalised (lower case, dashes), unique per user."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answer_tags")
    name = models.CharField(max_length=TAG_MAX)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), "user", name="library_tag_unique_per_user")]

    def __str__(self) -> str:
        return self.name


class SavedAnswer(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_answers")
    title = models.CharField(max_length=TITLE_MAX)
    question = models.CharField(max_length=QUESTION_MAX)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.BEHAVIORAL)
    tags = models.ManyToManyField(Tag, blank=True, related_name="answers")
    # The tag names joined by spaces: kept by the services so that search (an expression index on
    # PostgreSQL, LIKE on SQLite) covers tags without a join.
    tags_text = models.CharField(max_length=600, blank=True, editable=False)
    situation = models.TextField(blank=True)
    task = models.TextField(blank=True)
    action = models.TextField(blank=True)
    result = models.TextField(blank=True)
    text = models.TextField("full answer", blank=True)
    is_favorite = models.BooleanField("favourite", default=False)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.WRITTEN)
    # A token from the form that created this answer: a second POST with the same token returns this
    # answer instead of a copy (double-clicked "Save").
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-updated_at"], name="library_answer_user_updated"),
            models.Index(fields=["user", "category"], name="library_answer_user_category"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="library_answer_idempotency_key",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:answer_detail", kwargs={"answer_id": self.pk})

    @property
    def star_parts(self) -> list[tuple[str, str, str]]:
        """(key, label, text) for the four STAR parts, in order."""
        return [
            ("situation", "Situation", self.situation),
            ("task", "Task", self.task),
            ("action", "Action", self.action),
            ("result", "Result", self.result),
        ]

    @property
    def has_star(self) -> bool:
        return any(text.strip() for _, _, text in self.star_parts)

    @property
    def spoken_text(self) -> str:
        """What the candidate would say: the full text, else the STAR parts joined."""
        if self.text.strip():
            return self.text.strip()
        return "\n\n".join(text.strip() for _, _, text in self.star_parts if text.strip())


class AnswerRehearsal(models.Model):
    """One time the candidate rehearsed an answer. ``session_id`` points at an interview session once the
    interviews app records it (a plain integer so this app does not depend on that one)."""

    answer = models.ForeignKey(SavedAnswer, on_delete=models.CASCADE, related_name="rehearsals")
    created_at = models.DateTimeField(auto_now_add=True)
    session_id = models.PositiveBigIntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Rehearsal of {self.answer_id} at {self.created_at:%Y-%m-%d %H:%M}"
