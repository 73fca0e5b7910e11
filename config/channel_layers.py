"""The embedded default's channel layer: Channels' in-memory layer with its expiry sweep run at most once a
``SWEEP_EVERY_S``.

Channels' ``InMemoryChannelLayer`` walks every channel queue and every group membership of the process
looking for expired entries on each ``send``, ``receive`` and ``group_send``: a cost that grows with the
number of open sockets and is paid per message. Each live-coaching socket waits on its own channel (for
the nudges of its session's other tabs), so at 500 streams every nudge paid two sweeps of 500 channels and
500 groups; in the live benchmark the nudges of streams that fell silent together queued behind one
another's sweeps by tens of milliseconds. Expiry (a message undelivered for ``expiry`` seconds, a group
membership older than ``group_expiry``) is a safety net, not a deadline: sweeping once a second instead of
on every message lets an expired entry live at most a second longer. Everything else is Channels' own.
With ``REDIS_URL`` set, channels-redis is used instead and this class is not involved.
"""

from __future__ import annotations

import time

from channels.layers import InMemoryChannelLayer


class SweptInMemoryChannelLayer(InMemoryChannelLayer):
    SWEEP_EVERY_S = 1.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._swept_at = -float("inf")

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._swept_at < self.SWEEP_EVERY_S:
            return
        self._swept_at = now
        super()._clean_expired()

    async def flush(self) -> None:
        await super().flush()
        self._swept_at = -float("inf")
