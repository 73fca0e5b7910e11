from __future__ import annotations

import zoneinfo

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower


def validate_time_zone(value: str) -> None:
    if value not in available_time_zones():
        raise ValidationError(f"{value!r} is not a known time zone (e.g. Europe/Berlin, America/New_York).")


def available_time_zones() -> frozenset[str]:
    return _TIME_ZONES


_TIME_ZONES = frozenset(zoneinfo.available_timezones()) | {"UTC"}


class ExperienceLevel(models.TextChoices):
    STUDENT = "student", "Student / intern"
    ENTRY = "entry", "Entry level (0–2 years)"
    MID = "mid", "Mid level (2–5 years)"
    SENIOR = "senior", "Senior (5+ years)"
    LEAD = "lead", "Lead / staff"
    MANAGER = "manager", "Manager / director"


class Tier(models.TextChoices):
    FREE = "free", "Free"
    PRO = "pro", "Pro"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        # The whole address is lower-cased: people type their email in many casings and expect
        # one account (allauth does the same for the addresses it stores).
        return (email or "").strip().lower()

    def get_by_natural_key(self, email: str | None) -> User:
        # Case-insensitive, like the unique constraint it is served by: `createsuperuser` and
        # Django's ModelBackend look users up here, and "Boss@x.org" must find "boss@x.org".
        return self.alias(email_lower=Lower("email")).get(email_lower=self.normalize_email(email))

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A candidate or a staff member. The email address is the login; there is no username."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=80, blank=True, help_text="Shown on the site instead of the email.")
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="Streaks and daily challenges follow this time zone.",
    )
    target_role = models.CharField(max_length=120, blank=True, help_text="e.g. Backend engineer, Product manager")
    experience_level = models.CharField(max_length=16, choices=ExperienceLevel.choices, default=ExperienceLevel.MID)
    tier = models.CharField("subscription tier", max_length=8, choices=Tier.choices, default=Tier.FREE)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]

    def __str__(self) -> str:
        return self.email

    @property
    def public_name(self) -> str:
        return self.display_name or self.email.split("@", 1)[0]

    def get_full_name(self) -> str:
        return self.public_name

    def get_short_name(self) -> str:
        return self.public_name
