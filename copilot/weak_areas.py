"""Where the Coach learns a user's weakest measured areas, without importing the apps that measure them.

``interviews`` and ``coding`` import ``copilot``, never the reverse, so they register a provider in their
``AppConfig.ready()``::

    from copilot.weak_areas import register_weak_area_provider
    register_weak_area_provider(interview_weak_areas)  # fn(user) -> list[dict]

A provider returns dicts ``{"area", "score" (0–100, lower is weaker), "evidence", "source"}``. Until an
app registers, the list is empty and the Coach says it has no measured data yet. A provider that fails
or returns junk is logged and skipped: the Coach must answer anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

WeakAreaProvider = Callable[[object], list[dict]]
MAX_AREAS = 6

_providers: list[WeakAreaProvider] = []


def register_weak_area_provider(fn: WeakAreaProvider) -> WeakAreaProvider:
    """Add ``fn`` (idempotent, so a double ``ready()`` is harmless); usable as a decorator."""
    if fn not in _providers:
        _providers.append(fn)
    return fn


def unregister_weak_area_provider(fn: WeakAreaProvider) -> None:
    if fn in _providers:
        _providers.remove(fn)


def _clean(item: object, default_source: str) -> dict | None:
    if not isinstance(item, dict) or not str(item.get("area") or "").strip():
        return None
    try:
        score = max(0, min(100, round(float(item.get("score", 100)))))
    except (TypeError, ValueError):
        return None
    return {
        "area": str(item["area"]).strip()[:60],
        "score": score,
        "evidence": str(item.get("evidence") or "").strip()[:300],
        "source": str(item.get("source") or default_source)[:40],
    }


def weak_areas_for_user(user) -> list[dict]:
    """The user's weakest measured areas across every provider, lowest score first (at most six)."""
    areas: list[dict] = []
    for provider in list(_providers):
        name = getattr(provider, "__module__", "provider").split(".")[0]
        try:
            items = provider(user) or []
            areas += [clean for item in items if (clean := _clean(item, name))]
        except Exception:  # one broken app must not silence the Coach
            logger.exception("weak-area provider %r failed", provider)
    return sorted(areas, key=lambda area: area["score"])[:MAX_AREAS]
