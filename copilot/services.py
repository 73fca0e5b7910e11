from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from copilot.models import AIUsageDaily


def ai_usage_limit_reason(*, user) -> str:
    """Empty when the user may call the model now; otherwise the message they see.

    Limits are per subscription tier and per UTC day (settings.AI_DAILY_LIMITS)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    tier = getattr(user, "tier", "free")
    limits = settings.AI_DAILY_LIMITS.get(tier) or settings.AI_DAILY_LIMITS["free"]
    usage = AIUsageDaily.objects.filter(user=user, day=timezone.now().date()).first()
    if usage is None:
        return ""
    plan = tier.capitalize()
    if usage.calls >= limits["calls"]:
        return (
            f"You've used today's {limits['calls']} AI model calls on the {plan} plan, so the offline coach "
            "answers until midnight UTC."
        )
    if usage.total_tokens >= limits["tokens"]:
        return (
            f"You've used today's {limits['tokens']:,} AI tokens on the {plan} plan, so the offline coach "
            "answers until midnight UTC."
        )
    return ""


def ai_usage_record(
    *,
    user,
    engine: str,
    prompt_tokens: int = 0,
    completion_tokens: int = 0,
    fallback: bool = False,
    limited: bool = False,
) -> None:
    """Add one call to the user's row for today; concurrent calls never lose an update (F())."""
    if user is None or not getattr(user, "is_authenticated", False):
        return
    day = timezone.now().date()
    changes = {
        "calls": F("calls") + (1 if engine == "model" else 0),
        "offline_calls": F("offline_calls") + (1 if engine == "offline" else 0),
        "prompt_tokens": F("prompt_tokens") + prompt_tokens,
        "completion_tokens": F("completion_tokens") + completion_tokens,
        "fallbacks": F("fallbacks") + (1 if fallback else 0),
        "limited": F("limited") + (1 if limited else 0),
    }
    if AIUsageDaily.objects.filter(user=user, day=day).update(**changes):
        return
    try:
        with transaction.atomic():
            AIUsageDaily.objects.create(user=user, day=day)
    except IntegrityError:
        pass  # another request created today's row first
    AIUsageDaily.objects.filter(user=user, day=day).update(**changes)
