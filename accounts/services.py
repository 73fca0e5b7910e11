from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import ExperienceLevel, Tier, User


def user_update_profile(
    *,
    user: User,
    display_name: str,
    time_zone: str,
    target_role: str,
    experience_level: str,
) -> User:
    user.display_name = display_name.strip()
    user.time_zone = time_zone
    user.target_role = target_role.strip()
    user.experience_level = experience_level
    user.full_clean(exclude=["password"])
    user.save(update_fields=["display_name", "time_zone", "target_role", "experience_level"])
    return user


@transaction.atomic
def user_create_verified(
    *,
    email: str,
    password: str,
    display_name: str = "",
    time_zone: str = "UTC",
    target_role: str = "",
    experience_level: str = ExperienceLevel.MID,
    tier: str = Tier.FREE,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a user whose email counts as verified (demo data, staff accounts, tests).

    Idempotent on the email: an existing user is updated and its password reset.
    """
    email = User.objects.normalize_email(email)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email)
    user.display_name = display_name
    user.time_zone = time_zone
    user.target_role = target_role
    user.experience_level = experience_level
    user.tier = tier
    user.is_staff = is_staff
    user.is_superuser = is_superuser
    user.is_active = True
    user.set_password(password)
    user.full_clean(exclude=["password"], validate_unique=False)
    user.save()
    EmailAddress.objects.filter(user=user).exclude(email__iexact=email).update(primary=False)
    address, _ = EmailAddress.objects.get_or_create(user=user, email=email)
    if not (address.verified and address.primary):
        address.verified = True
        address.primary = True
        address.save(update_fields=["verified", "primary"])
    return user
