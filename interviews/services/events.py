"""Timeline events written in batches: the live coach produces them a few at a time, many streams at once,
and one INSERT per nudge per stream would be a query per frame at worst."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from interviews.models import TimelineEvent

MAX_OFFSET_MS = 2**31 - 1  # PositiveIntegerField


@dataclass(frozen=True, slots=True)
class PendingEvent:
    kind: str
    offset_ms: int
    payload: dict = field(default_factory=dict)


def timeline_events_record(*, session_id: int, events: Sequence[PendingEvent]) -> int:
    """Store ``events`` for the session with one ``bulk_create``; returns how many were written.

    Offsets are clamped to the column's range (a confused client must not lose the batch)."""
    if not events:
        return 0
    rows = [
        TimelineEvent(
            session_id=session_id,
            kind=event.kind,
            offset_ms=min(max(int(event.offset_ms), 0), MAX_OFFSET_MS),
            payload=event.payload,
        )
        for event in events
    ]
    TimelineEvent.objects.bulk_create(rows)
    return len(rows)


class TimelineEventBuffer:
    """Holds one stream's events until ``max_events`` are waiting or the oldest is ``max_age_s`` old.

    The owner asks ``due()`` as frames arrive, then writes ``take()`` with ``timeline_events_record``; on
    disconnect it takes whatever is left. Not thread-safe (one per consumer)."""

    def __init__(self, *, max_events: int = 20, max_age_s: float = 3.0, clock: Callable[[], float] = time.monotonic):
        self.max_events = max_events
        self.max_age_s = max_age_s
        self._clock = clock
        self._events: list[PendingEvent] = []
        self._oldest = 0.0

    def __len__(self) -> int:
        return len(self._events)

    def add(self, event: PendingEvent) -> None:
        if not self._events:
            self._oldest = self._clock()
        self._events.append(event)

    def due(self) -> bool:
        return bool(self._events) and (
            len(self._events) >= self.max_events or self._clock() - self._oldest >= self.max_age_s
        )

    def take(self) -> list[PendingEvent]:
        events, self._events = self._events, []
        return events
