from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from copilot.models import AIUsageDaily, Question


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


SYNCED_FIELDS = ("text", "role_family", "competency", "type", "difficulty", "seniority", "guidance")


def question_bank_sync(*, rows: list[dict[str, str]], prune: bool = False) -> dict[str, int]:
    """Upsert ``rows`` into Question by ``key`` in one transaction. Rows staff edited in admin
    (``edited_by_staff``) are skipped; unchanged rows are not written. ``prune`` deactivates questions
    whose key is no longer in the files (staff-edited ones too: their source is gone). Idempotent."""
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0, "deactivated": 0}
    with transaction.atomic():
        existing = {q.key: q for q in Question.objects.select_for_update().filter(key__in=[r["key"] for r in rows])}
        for row in rows:
            question = existing.get(row["key"])
            if question is None:
                Question.objects.create(**row)
                counts["created"] += 1
            elif question.edited_by_staff:
                counts["skipped"] += 1
            else:
                changed = [f for f in SYNCED_FIELDS if getattr(question, f) != row[f]]
                for field in changed:
                    setattr(question, field, row[field])
                if not question.is_active:  # back in the files: reactivate what --prune retired
                    question.is_active = True
                    changed.append("is_active")
                if changed:
                    question.save(update_fields=[*changed, "updated_at"])
                    counts["updated"] += 1
                else:
                    counts["unchanged"] += 1
        if prune:
            keys = [r["key"] for r in rows]
            counts["deactivated"] = (
                Question.objects.filter(is_active=True).exclude(key__in=keys).update(is_active=False)
            )
    return counts
