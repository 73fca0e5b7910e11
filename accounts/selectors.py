from __future__ import annotations

from allauth.account.models import EmailAddress

from accounts.models import User


def user_has_verified_email(*, user: User) -> bool:
    """True when the user's login address has been confirmed (mandatory before any private page)."""
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def user_profile_summary(*, user: User) -> dict[str, str]:
    """A short, current description of the candidate, for prompts and the page header."""
    return {
        "name": user.public_name,
        "target_role": user.target_role or "not set",
        "experience_level": user.get_experience_level_display(),
        "time_zone": user.time_zone,
        "tier": user.get_tier_display(),
    }
