"""The embedded default's in-memory channel layer: Channels' own, with the expiry sweep run at most once a
second instead of on every message (its cost grows with the number of open sockets)."""

from __future__ import annotations

import pytest
from channels.layers import InMemoryChannelLayer

from config.channel_layers import SweptInMemoryChannelLayer

pytestmark = pytest.mark.asyncio


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr("config.channel_layers.time.monotonic", clock)
    return clock


@pytest.fixture
def sweeps(monkeypatch) -> list[int]:
    """How many full sweeps Channels' own ``_clean_expired`` made."""
    made = []
    real = InMemoryChannelLayer._clean_expired

    def counted(self):
        made.append(len(self.channels))
        real(self)

    monkeypatch.setattr(InMemoryChannelLayer, "_clean_expired", counted)
    return made


async def test_many_messages_within_a_second_cost_one_sweep_not_one_each(clock, sweeps):
    layer = SweptInMemoryChannelLayer()
    listeners = [await layer.new_channel() for _ in range(50)]
    for n, channel in enumerate(listeners):
        await layer.group_add(f"session-{n}", channel)
    for n in range(len(listeners)):
        await layer.group_send(f"session-{n}", {"type": "live.nudge", "n": n})
    assert [await layer.receive(channel) for channel in listeners] == [
        {"type": "live.nudge", "n": n} for n in range(len(listeners))
    ]
    assert len(sweeps) == 1  # 100 group sends and receives, one sweep (Channels' own layer: one each)
    clock.now += 1.0
    await layer.group_send("session-0", {"type": "x"})
    assert len(sweeps) == 2


async def test_expired_messages_and_memberships_are_still_swept_a_second_later(clock, sweeps):
    layer = SweptInMemoryChannelLayer(expiry=60, group_expiry=86400)
    stale, fresh = await layer.new_channel(), await layer.new_channel()
    await layer.group_add("session-1", stale)
    await layer.group_send("session-1", {"type": "never.read"})  # sweeps (nothing expired yet)
    assert len(sweeps) == 1
    # Channels stamps messages and memberships with the wall clock: make both old.
    layer.channels[stale]._queue[0] = (0.0, layer.channels[stale]._queue[0][1])
    layer.groups["session-1"][stale] = 1
    await layer.group_add("session-1", fresh)
    await layer.group_send("session-1", {"type": "live.nudge"})  # within the second: no sweep yet
    assert stale in layer.groups["session-1"]
    assert len(sweeps) == 1
    clock.now += 1.0
    await layer.group_send("session-1", {"type": "live.nudge"})
    assert {"type": "never.read"} not in [message for _, message in layer.channels[stale]._queue]  # expired, gone
    assert list(layer.groups["session-1"]) == [fresh]
    assert [await layer.receive(fresh), await layer.receive(fresh)] == [{"type": "live.nudge"}] * 2


async def test_flush_empties_the_layer_and_the_next_message_sweeps(clock, sweeps):
    layer = SweptInMemoryChannelLayer()
    channel = await layer.new_channel()
    await layer.group_add("session-1", channel)
    await layer.group_send("session-1", {"type": "x"})
    await layer.flush()
    assert layer.channels == {}
    assert layer.groups == {}
    await layer.group_send("session-1", {"type": "y"})
    assert len(sweeps) == 2  # the flush reset the clock: no waiting a second after it
