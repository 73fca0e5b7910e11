"""``LiveCoachConsumer``: the Arena's audio stream in, coaching nudges out.

It routes and authorizes; ``interviews.live.LiveCoach`` does the listening.

Protocol (``/ws/interviews/<id>/live/``, optional query ``?ack=N``):

client → server
  binary frame                                   16 kHz mono PCM16 little-endian, 100–250 ms (≤ MAX_FRAME_BYTES)
  {"type": "sync", "offset_ms": N}               the next audio sample is at N ms of the recording (send on
                                                 every (re)connect; default 0)
  {"type": "answer_open", "offset_ms": N}        an answer starts: silence and pace are watched from N
  {"type": "answer_close", "offset_ms": N}       the answer ends: no more nudges until the next one
  {"type": "transcript", "text": "…", "offset_ms": N}   a recognised snippet, ending at N
  {"type": "ping", "seq": any}                   → status "pong" with the same seq

server → client (typed below)
  {"type": "status", "state": "ready", …}        once, after the checks pass
  {"type": "status", "state": "ack", "seq": n, "audio_ms": t}   after every N-th audio frame when ?ack=N
                                                 (seq counts binary frames from 1: a per-chunk round trip)
  {"type": "status", "state": "pong" | "throttled" | "pace_uncertain", …}
  {"type": "nudge", "kind": "silence" | "pace", "offset_ms": t, "message": "…", "detail": {…}}
  {"type": "error", "code": c, "reason": "…", "message": "…"} then the socket is closed with code c:
     4401 not signed in · 4403 email not verified · 4404 no such session of yours · 4409 the session is not live
     4400 bad message
     4413 frame too large · 4408 more audio than real time allows, for too long · 4503 server at capacity
     (try again later; every other refusal is final and the browser should not reconnect)

Flood control: a token bucket in milliseconds of audio refills at ``RATE_SLACK`` × real time up to
``BURST_MS``; every message costs its audio length (at least ``MIN_MESSAGE_COST_MS``). A message the bucket
cannot pay for is dropped with a "throttled" status; after ``DROP_LIMIT_MS`` dropped the socket is closed
with 4408. A nudge goes to the socket whose audio caused it at once (before that frame's ack), then
through the channel layer group ``session-<id>`` to the session's other sockets (the origin skips its own
copy); nudges are stored as timeline events, batched (``TimelineEventBuffer``) and written on disconnect.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import re
import time
from typing import Literal, NotRequired, TypedDict
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from django.conf import settings
from django.http import Http404

from accounts.selectors import user_has_verified_email
from interviews import live
from interviews.models import EventKind, SessionStatus
from interviews.selectors import session_get_for_user
from interviews.services.events import PendingEvent, TimelineEventBuffer, timeline_events_record

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES = 16_000  # 500 ms of audio; the browser sends 3 200-byte (100 ms) frames
MAX_TEXT_BYTES = 8_192
RATE_SLACK = 1.5
BURST_MS = 3_000
MIN_MESSAGE_COST_MS = 20
DROP_LIMIT_MS = 3_000
MAX_OFFSET_MS = 24 * 3600 * 1000
BYTES_PER_MS = live.SAMPLE_RATE * 2 // 1000
LISTEN_RETRY_S = 1.0


def max_streams() -> int:
    """Live streams one process accepts; the next connection is refused with 4503 rather than queued."""
    return int(getattr(settings, "LIVE_COACH_MAX_STREAMS", 500))


class NudgeEvent(TypedDict):
    type: Literal["nudge"]
    kind: live.NudgeKind
    offset_ms: int
    message: str
    detail: dict


class StatusEvent(TypedDict):
    type: Literal["status"]
    state: Literal["ready", "ack", "pong", "throttled", "pace_uncertain"]
    seq: NotRequired[int | str | None]
    audio_ms: NotRequired[int]
    detail: NotRequired[dict]


class ErrorEvent(TypedDict):
    type: Literal["error"]
    code: int
    reason: str
    message: str


class _Refused(Exception):
    def __init__(self, code: int, reason: str, message: str):
        super().__init__(message)
        self.event = ErrorEvent(type="error", code=code, reason=reason, message=message)


_active_streams = 0  # per process: each daphne process enforces its own cap
_LIVE_PATH = re.compile(r"^/ws/interviews/\d+/live/$")
_BUSY = ErrorEvent(type="error", code=4503, reason="busy", message="Live coaching is at capacity; try again shortly.")


class _Slot:
    """One of this process's live-stream places, taken when made and given back exactly once."""

    __slots__ = ("held",)

    def __init__(self) -> None:
        global _active_streams  # noqa: PLW0603 - a per-process gauge, only touched on the event loop
        _active_streams += 1
        self.held = True

    def release(self) -> None:
        global _active_streams  # noqa: PLW0603
        if self.held:
            self.held = False
            _active_streams -= 1


class LiveCapacityGate:
    """ASGI middleware in front of authentication: a live-coaching handshake that arrives when the process
    is full is refused with 4503 at once, before the session and user are looked up in the database. Under
    load that lookup is what made a refused client wait past the server's handshake timeout and be dropped
    without a reason (seen in the benchmark at 2x overload on a busy machine). The place is taken here, for
    the connection's whole life, so handshakes still waiting for authentication count too."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "websocket" or not _LIVE_PATH.match(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        if _active_streams >= max_streams():
            if (await receive())["type"] == "websocket.connect":
                await send({"type": "websocket.accept"})  # accept first, so the browser can read why
                await send({"type": "websocket.send", "text": json.dumps(_BUSY)})
                await send({"type": "websocket.close", "code": _BUSY["code"], "reason": _BUSY["reason"]})
            return
        slot = _Slot()
        try:
            await self.app({**scope, "live_slot": slot}, receive, send)
        finally:
            slot.release()


@database_sync_to_async
def _live_session_id(user, session_id: int) -> int:
    if not user_has_verified_email(user=user):  # as candidate_required does for every private page
        raise _Refused(4403, "unverified", "Confirm your email address first.")
    try:
        session = session_get_for_user(user=user, session_id=session_id)
    except Http404:
        raise _Refused(4404, "not_found", "No such interview.") from None
    if session.status != SessionStatus.LIVE:
        raise _Refused(4409, "not_live", f"This interview is {session.status}, not live.")
    return session.pk


class LiveCoachConsumer(AsyncWebsocketConsumer):
    session_id: int | None = None
    group: str | None = None
    slot: _Slot | None = None
    closing = False
    gone = False
    events: TimelineEventBuffer | None = None

    async def connect(self) -> None:
        await self.accept()  # accept first, so the browser can read why it is refused
        try:
            user = self.scope.get("user")
            if user is None or not user.is_authenticated:
                raise _Refused(4401, "unauthenticated", "Sign in to use live coaching.")
            self.slot = self.scope.get("live_slot")  # taken by LiveCapacityGate (config/asgi.py), released early here
            self.session_id = await _live_session_id(user, int(self.scope["url_route"]["kwargs"]["session_id"]))
        except _Refused as refused:
            await self._close_with(refused.event)
            return
        self.group = f"session-{self.session_id}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        self.coach = live.LiveCoach()
        self.events = TimelineEventBuffer()
        query = parse_qs(self.scope.get("query_string", b"").decode())
        self.ack_every = _int(query.get("ack", ["0"])[0], 0, 1000) or 0
        self.frames = 0
        self.budget_ms = float(BURST_MS)
        self.refilled_at = time.monotonic()
        self.dropped_ms = 0
        self.throttle_told_at = 0.0
        await self._send(
            StatusEvent(
                type="status",
                state="ready",
                detail={"sample_rate": live.SAMPLE_RATE, "max_frame_bytes": MAX_FRAME_BYTES},
            )
        )

    async def __call__(self, scope, receive, send) -> None:
        """Channels' own loop (``await_many_dispatch``) creates a task and runs ``asyncio.wait`` for every
        message, to listen to the socket and the channel layer at once: at ten audio frames a second per
        stream that was framework overhead on every frame. Here the socket is read inline and the channel
        layer by one long-lived task (``_listen``); the channel-layer set-up and ``StopConsumer`` handling
        are Channels' own.

        The slot and the pending events are released however the instance ends: a normal disconnect,
        an exception, or the server cancelling it. Relying on ``disconnect`` alone leaked slots whenever a
        send to a vanished peer raised first (found by the benchmark: the cap then refused everyone)."""
        self.scope = scope
        self.base_send = send
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        listener = None
        try:
            if self.channel_layer is not None:
                self.channel_name = await self.channel_layer.new_channel()
                self.channel_receive = functools.partial(self.channel_layer.receive, self.channel_name)
                listener = asyncio.create_task(self._listen())
            while True:
                await self.dispatch(await receive())
        except StopConsumer:
            pass
        finally:
            if listener is not None:
                listener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listener
            self._release_slot()
            if self.events:
                await self._flush()

    async def _listen(self) -> None:
        """Group messages (nudges from this session's other sockets) while the socket is open."""
        while True:
            try:
                message = await self.channel_receive()
            except asyncio.CancelledError:
                raise
            except Exception:  # a Redis blip must not end nudge delivery for the rest of the answer
                logger.warning("live coach: channel layer receive failed; retrying", exc_info=True)
                await asyncio.sleep(LISTEN_RETRY_S)
                continue
            if message.get("type") == "live.nudge":
                await self.live_nudge(message)
            else:
                logger.warning("live coach: ignored a channel message of type %r", message.get("type"))

    async def disconnect(self, code: int) -> None:
        self._release_slot()
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)
        if self.events:
            await self._flush()

    def _release_slot(self) -> None:
        if self.slot is not None:
            self.slot.release()

    async def dispatch(self, message: dict) -> None:
        """Channels closes stale database connections in a worker thread before *every* message: a thread
        hop per audio frame, the largest single cost in a profile of this consumer under daphne. Frames
        never touch the database here (``_flush`` and the connect check use database_sync_to_async, which
        closes stale connections itself), so they skip it; connect and disconnect keep it."""
        if message["type"] == "websocket.receive":
            await self.websocket_receive(message)
        else:
            await super().dispatch(message)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.closing or self.session_id is None:
            return
        if bytes_data is not None:
            await self._audio(bytes_data)
        elif text_data is not None:
            await self._control(text_data)
        if self.events.due() and not self.closing:
            await self._flush()

    # -- messages --------------------------------------------------------------------------------------
    async def _audio(self, frame: bytes) -> None:
        if len(frame) > MAX_FRAME_BYTES:
            await self._close_with(
                ErrorEvent(
                    type="error",
                    code=4413,
                    reason="frame_too_large",
                    message=f"Frames are at most {MAX_FRAME_BYTES} bytes.",
                )
            )
            return
        if not await self._pay(len(frame) / BYTES_PER_MS):
            return
        self.frames += 1
        for found in self.coach.feed(frame):
            await self._found(found)
        if self.ack_every and self.frames % self.ack_every == 0:
            # A StatusEvent written out by hand: json.dumps was a tenth of the consumer's own cost per frame.
            await self._send_text(
                f'{{"type":"status","state":"ack","seq":{self.frames:d},"audio_ms":{self.coach.now_ms:d}}}'
            )

    async def _control(self, text: str) -> None:
        if len(text) > MAX_TEXT_BYTES:
            await self._close_with(
                ErrorEvent(
                    type="error", code=4413, reason="message_too_large", message="Text messages are at most 8 KB."
                )
            )
            return
        if not await self._pay(0):
            return
        try:
            message = json.loads(text)
            kind = message["type"]
        except (ValueError, TypeError, KeyError):
            await self._close_with(
                ErrorEvent(type="error", code=4400, reason="bad_message", message="Send JSON with a type.")
            )
            return
        offset = _int(message.get("offset_ms"), 0, MAX_OFFSET_MS)
        if kind == "ping":
            seq = message.get("seq")
            await self._send(StatusEvent(type="status", state="pong", seq=seq if isinstance(seq, int | str) else None))
        elif kind == "sync" and offset is not None:
            self.coach.resync(offset)
        elif kind == "answer_open" and offset is not None:
            self.coach.answer_open(offset)
        elif kind == "answer_close" and offset is not None:
            self.coach.answer_close(offset)
        elif kind == "transcript" and offset is not None and isinstance(message.get("text"), str):
            self.coach.transcript(message["text"][:2_000], offset)
        else:
            await self._close_with(
                ErrorEvent(
                    type="error",
                    code=4400,
                    reason="bad_message",
                    message=f"Unknown or incomplete message {str(kind)[:40]!r}.",
                )
            )

    async def _pay(self, audio_ms: float) -> bool:
        """Charge the token bucket; False (and maybe a close) when the client sends faster than real time."""
        now = time.monotonic()
        self.budget_ms = min(BURST_MS, self.budget_ms + (now - self.refilled_at) * 1000 * RATE_SLACK)
        self.refilled_at = now
        cost = max(audio_ms, MIN_MESSAGE_COST_MS)
        if self.budget_ms >= cost:
            self.budget_ms -= cost
            return True
        self.dropped_ms += cost
        if self.dropped_ms > DROP_LIMIT_MS:
            await self._close_with(
                ErrorEvent(type="error", code=4408, reason="too_fast", message="More audio than real time; closing.")
            )
        elif now - self.throttle_told_at >= 1.0:
            self.throttle_told_at = now
            await self._send(
                StatusEvent(type="status", state="throttled", detail={"dropped_ms": round(self.dropped_ms)})
            )
        return False

    # -- what the coach found ---------------------------------------------------------------------------
    async def _found(self, found: live.Nudge | live.Notice) -> None:
        if isinstance(found, live.Nudge):
            event = NudgeEvent(
                type="nudge", kind=found.kind, offset_ms=found.offset_ms, message=found.message, detail=found.detail
            )
            kind = EventKind.NUDGE_SILENCE if found.kind == "silence" else EventKind.NUDGE_PACE
            self.events.add(PendingEvent(kind, found.offset_ms, {"message": found.message, **found.detail}))
            # This socket at once, before the frame's ack: a round trip through the channel layer (a Redis
            # hop at scale, a queued task at least) would only delay the one nudge that matters most.
            await self._send(event)
            # Then the group: the session's other sockets (another tab) hear it; this one skips its own copy.
            try:
                await self.channel_layer.group_send(
                    self.group, {"type": "live.nudge", "event": event, "origin": self.channel_name}
                )
            except Exception:  # a Redis blip must not end the stream that already showed its nudge
                logger.warning("live coach: could not pass a nudge to the session's other sockets", exc_info=True)
        else:
            self.events.add(PendingEvent(EventKind.NOTE, found.offset_ms, {"note": found.kind, **found.detail}))
            await self._send(StatusEvent(type="status", state=found.kind, detail=found.detail))

    async def live_nudge(self, message: dict) -> None:
        if not self.closing and message.get("origin") != self.channel_name:
            await self._send(message["event"])

    # -- helpers ------------------------------------------------------------------------------------------
    async def _flush(self) -> None:
        events = self.events.take()
        try:
            await database_sync_to_async(timeline_events_record)(session_id=self.session_id, events=events)
        except Exception:  # the stream must outlive a database hiccup; the nudges were already shown
            logger.exception(
                "live coach: could not store %d timeline events for session %s", len(events), self.session_id
            )

    async def _send(self, event: NudgeEvent | StatusEvent | ErrorEvent | dict) -> None:
        await self._send_text(json.dumps(event, separators=(",", ":")))

    async def _send_text(self, text: str) -> None:
        if self.gone:
            return
        try:
            await self.send(text_data=text)
        except Exception:  # the peer vanished; each server says so with its own exception type
            self.gone = self.closing = True

    async def _close_with(self, event: ErrorEvent) -> None:
        self.closing = True
        self._release_slot()  # free the slot now, not when the client gets round to closing
        await self._send(event)
        if not self.gone:
            with contextlib.suppress(Exception):  # as in _send: the peer may already be gone
                await self.close(code=event["code"], reason=event["reason"])


def _int(value: object, low: int, high: int) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, int | float) and low <= value <= high:
        return int(value)
    return None
