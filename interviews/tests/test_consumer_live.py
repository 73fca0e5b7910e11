"""LiveCoachConsumer through the real ASGI application (auth middleware, Origin check, channel layer).

Runs on whichever channel layer and database the environment selects: in-memory + SQLite by default,
channels-redis + PostgreSQL with REDIS_URL and DATABASE_URL set.
"""

from __future__ import annotations

import asyncio

import pytest
from channels.auth import AuthMiddleware
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings

from config.asgi import application
from interviews import consumers
from interviews.models import EventKind, InterviewSession, SessionStatus, TimelineEvent
from interviews.tests.audio import BYTES_PER_MS, AudioFactory, missing_tools

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

HEADERS = [(b"origin", b"http://localhost:8000"), (b"host", b"localhost:8000")]


@pytest.fixture(scope="session")
def audio(tmp_path_factory) -> AudioFactory:
    if missing := missing_tools():
        pytest.fail(f"install {' and '.join(missing)} (make system-deps) to run the live-coaching tests")
    return AudioFactory(tmp_path_factory.getbasetemp() / "live-audio")


@pytest.fixture
def unthrottled(monkeypatch):
    """Tests push audio faster than real time; lift the flood limit unless a test is about it."""
    monkeypatch.setattr(consumers, "BURST_MS", 10**9)


@pytest.fixture
def cookie(client):
    def login(user) -> bytes:
        client.force_login(user)
        return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()

    return database_sync_to_async(login)


@database_sync_to_async
def make_session(user, status=SessionStatus.LIVE) -> InterviewSession:
    return InterviewSession.objects.create(user=user, status=status)


async def connect(cookie: bytes | None, session_id: int, query: str = "", origin: bytes | None = None):
    headers = list(HEADERS) if origin is None else [(b"origin", origin), (b"host", b"localhost:8000")]
    if cookie:
        headers.append((b"cookie", cookie))
    path = f"/ws/interviews/{session_id}/live/" + (f"?{query}" if query else "")
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect()
    return communicator, connected


async def expect_refusal(communicator: WebsocketCommunicator, code: int, reason: str) -> None:
    error = await communicator.receive_json_from()
    assert (error["type"], error["code"], error["reason"]) == ("error", code, reason)
    closed = await communicator.receive_output()
    assert closed == {"type": "websocket.close", "code": code, "reason": reason}


async def ready(communicator: WebsocketCommunicator) -> dict:
    status = await communicator.receive_json_from()
    assert status["type"] == "status"
    assert status["state"] == "ready"
    return status


async def stream(communicator: WebsocketCommunicator, pcm: bytes, frame_ms: int = 100) -> None:
    step = frame_ms * BYTES_PER_MS
    for i in range(0, len(pcm), step):
        await communicator.send_to(bytes_data=pcm[i : i + step])


async def drain(communicator: WebsocketCommunicator, timeout: float = 0.5) -> list[dict]:
    out = []
    while not await communicator.receive_nothing(timeout=timeout):
        out.append(await communicator.receive_json_from())
    return out


# -- who may connect ---------------------------------------------------------------------------------------
async def test_an_anonymous_socket_is_told_to_sign_in_and_closed(candidate):
    session = await make_session(candidate)
    communicator, _ = await connect(None, session.pk)
    await expect_refusal(communicator, 4401, "unauthenticated")


async def test_another_users_session_looks_missing(cookie, candidate, other_candidate):
    session = await make_session(candidate)
    communicator, _ = await connect(await cookie(other_candidate), session.pk)
    await expect_refusal(communicator, 4404, "not_found")
    communicator, _ = await connect(await cookie(other_candidate), session.pk + 1000)
    await expect_refusal(communicator, 4404, "not_found")


async def test_an_unverified_account_is_refused_even_for_its_own_session(cookie, unverified_user):
    session = await make_session(unverified_user)
    communicator, _ = await connect(await cookie(unverified_user), session.pk)
    await expect_refusal(communicator, 4403, "unverified")


@pytest.mark.parametrize("status", [SessionStatus.READY, SessionStatus.UPLOADED, SessionStatus.ANALYZED])
async def test_a_session_that_is_not_live_is_refused(cookie, candidate, status):
    session = await make_session(candidate, status)
    communicator, _ = await connect(await cookie(candidate), session.pk)
    await expect_refusal(communicator, 4409, "not_live")


async def test_a_foreign_origin_is_refused_at_the_handshake(cookie, candidate):
    session = await make_session(candidate)
    _, connected = await connect(await cookie(candidate), session.pk, origin=b"https://evil.example.com")
    assert not connected


async def test_beyond_the_per_process_cap_new_streams_are_refused_not_queued(cookie, candidate, settings):
    settings.LIVE_COACH_MAX_STREAMS = 1
    session = await make_session(candidate)
    login = await cookie(candidate)
    first, _ = await connect(login, session.pk)
    await ready(first)
    second, _ = await connect(login, session.pk)
    await expect_refusal(second, 4503, "busy")
    await first.disconnect()
    third, _ = await connect(login, session.pk)
    await ready(third)
    await third.disconnect()


async def test_a_full_process_refuses_before_authentication_and_a_refused_handshake_frees_its_place(
    cookie, candidate, settings, monkeypatch
):
    settings.LIVE_COACH_MAX_STREAMS = 1
    session = await make_session(candidate)
    login = await cookie(candidate)
    first, _ = await connect(login, session.pk)
    await ready(first)

    # Full: refused by the gate in front of the auth middleware, so even a visitor hears "busy", and no
    # session or user lookup is spent on it (the cost that made refusals time out under load).
    async def no_lookup(self, scope):
        raise AssertionError("a full process looked the user up")

    with monkeypatch.context() as patched:
        patched.setattr(AuthMiddleware, "resolve_scope", no_lookup)
        refused, _ = await connect(login, session.pk)
        await expect_refusal(refused, 4503, "busy")
        anonymous, _ = await connect(None, session.pk)
        await expect_refusal(anonymous, 4503, "busy")
    await first.disconnect()
    anonymous, _ = await connect(None, session.pk)
    await expect_refusal(anonymous, 4401, "unauthenticated")  # took the free place, then gave it back
    await anonymous.disconnect()
    second, _ = await connect(login, session.pk)
    await ready(second)
    await second.disconnect()
    assert consumers._active_streams == 0


async def test_a_crashed_or_vanished_stream_gives_its_slot_back(cookie, candidate, settings, monkeypatch):
    settings.LIVE_COACH_MAX_STREAMS = 1
    session = await make_session(candidate)
    login = await cookie(candidate)

    async def gone(self, *args, **kwargs):
        raise ConnectionResetError("peer vanished")  # what a server raises when sending to a closed socket

    first, _ = await connect(login, session.pk, "ack=1")
    await ready(first)
    monkeypatch.setattr(consumers.LiveCoachConsumer, "send", gone)
    await first.send_to(bytes_data=bytes(100 * BYTES_PER_MS))  # its ack cannot be sent
    assert await first.receive_nothing(timeout=0.3)
    monkeypatch.undo()
    settings.LIVE_COACH_MAX_STREAMS = 1

    def broken(self, pcm):
        raise RuntimeError("detector bug")

    await first.disconnect()
    second, _ = await connect(login, session.pk)
    await ready(second)
    monkeypatch.setattr(consumers.live.LiveCoach, "feed", broken)
    await second.send_to(bytes_data=bytes(100 * BYTES_PER_MS))
    with pytest.raises(RuntimeError, match="detector bug"):
        await second.receive_output()
    monkeypatch.undo()
    settings.LIVE_COACH_MAX_STREAMS = 1
    third, _ = await connect(login, session.pk)
    await ready(third)  # the crashed instance released its slot
    await third.disconnect()


async def test_a_channel_layer_blip_does_not_end_nudge_delivery(cookie, candidate, monkeypatch):
    """Nudges reach every socket of the session through the channel layer; one failed receive (a Redis
    restart, a read timeout) is retried instead of silently ending delivery for the rest of the answer."""
    monkeypatch.setattr(consumers, "LISTEN_RETRY_S", 0.01)
    layer_class = type(get_channel_layer())
    real_receive = layer_class.receive
    failures = []

    async def flaky(self, channel):
        if not failures:
            failures.append(channel)
            raise ConnectionError("redis went away")
        return await real_receive(self, channel)

    monkeypatch.setattr(layer_class, "receive", flaky)
    session = await make_session(candidate)
    communicator, _ = await connect(await cookie(candidate), session.pk)
    await ready(communicator)
    event = {"type": "nudge", "kind": "silence", "offset_ms": 6000, "message": "Still there?", "detail": {}}
    await get_channel_layer().group_send(f"session-{session.pk}", {"type": "live.nudge", "event": event})
    assert failures, "the receive never failed: the test proves nothing"
    assert await communicator.receive_json_from(timeout=5) == event
    await communicator.disconnect()


# -- the protocol ------------------------------------------------------------------------------------------
async def test_ping_and_per_chunk_acks(cookie, candidate, unthrottled):
    session = await make_session(candidate)
    communicator, _ = await connect(await cookie(candidate), session.pk, "ack=1")
    await ready(communicator)
    await communicator.send_json_to({"type": "ping", "seq": 7})
    assert await communicator.receive_json_from() == {"type": "status", "state": "pong", "seq": 7}
    await stream(communicator, bytes(3 * 100 * BYTES_PER_MS))
    acks = [await communicator.receive_json_from() for _ in range(3)]
    assert [(a["state"], a["seq"], a["audio_ms"]) for a in acks] == [("ack", 1, 100), ("ack", 2, 200), ("ack", 3, 300)]
    await communicator.disconnect()


async def test_silence_in_an_open_answer_is_nudged_through_the_group_and_stored(cookie, candidate, audio, unthrottled):
    session = await make_session(candidate)
    login = await cookie(candidate)
    speaker, _ = await connect(login, session.pk)
    other_tab, _ = await connect(login, session.pk)
    await ready(speaker)
    await ready(other_tab)
    speech = audio.speech("I think the answer is to measure first, and then decide what to change.", 130)
    clip = audio.mix(audio.padded(speech, 0, 6.5), audio.noise("pinknoise", 12, -50))
    await speaker.send_json_to({"type": "sync", "offset_ms": 30_000})
    await speaker.send_json_to({"type": "answer_open", "offset_ms": 30_000})
    await speaker.send_json_to({"type": "transcript", "text": "I think the answer", "offset_ms": 31_000})
    await stream(speaker, clip.pcm)
    nudge = await speaker.receive_json_from(timeout=5)
    assert nudge["type"] == "nudge"
    assert nudge["kind"] == "silence"
    onset = 30_000 + speech.sound_bounds_ms()[1]
    assert nudge["detail"]["silence_started_ms"] == pytest.approx(onset, abs=500)
    assert nudge["offset_ms"] - nudge["detail"]["silence_started_ms"] <= 5_100
    assert nudge["message"]
    assert await other_tab.receive_json_from(timeout=5) == nudge  # the group reaches every socket
    assert not [m for m in await drain(speaker) if m["type"] == "nudge"]  # the speaker skipped its group copy
    await speaker.send_json_to({"type": "answer_close", "offset_ms": 43_000})
    await speaker.disconnect()
    await other_tab.disconnect()
    rows = TimelineEvent.objects.filter(session=session).values("kind", "offset_ms")
    events = await database_sync_to_async(list)(rows)
    assert events == [{"kind": EventKind.NUDGE_SILENCE, "offset_ms": nudge["offset_ms"]}]


async def test_the_speaking_socket_hears_its_nudge_before_the_frames_ack_once_even_with_the_layer_down(
    cookie, candidate, audio, unthrottled, monkeypatch
):
    """The nudge goes to the socket whose silence caused it directly, ahead of the ack of the frame that
    completed the silence (through the channel layer it came after that ack, a queued hop later, or a
    Redis round trip at scale), exactly once (its own group copy is skipped), and a channel layer that
    fails to pass it on to other tabs neither loses it here nor ends the stream."""
    layer_class = type(get_channel_layer())
    failed = []

    async def down(self, group, message):
        failed.append(group)
        raise ConnectionError("redis went away")

    monkeypatch.setattr(layer_class, "group_send", down)
    session = await make_session(candidate)
    communicator, _ = await connect(await cookie(candidate), session.pk, "ack=1")
    await ready(communicator)
    speech = audio.speech("Let me think about how to answer that one properly.", 140)
    clip = audio.mix(audio.padded(speech, 0, 6.0), audio.noise("pinknoise", 12, -50))
    await communicator.send_json_to({"type": "answer_open", "offset_ms": 0})
    frames = len(clip.pcm) // (100 * BYTES_PER_MS)
    await stream(communicator, clip.pcm[: frames * 100 * BYTES_PER_MS])
    out = [await communicator.receive_json_from(timeout=5) for _ in range(frames + 1)]
    out += await drain(communicator)
    nudges = [i for i, m in enumerate(out) if m["type"] == "nudge"]
    assert len(nudges) == 1, out[-5:]
    nudge = out[nudges[0]]
    assert failed, "group_send was never tried: the test proves nothing"
    after = out[nudges[0] + 1]  # the ack of the frame whose audio completed the silence
    assert (after["state"], after["audio_ms"]) == ("ack", nudge["offset_ms"])
    assert [m["seq"] for m in out if m.get("state") == "ack"] == list(range(1, frames + 1))  # the stream went on
    await communicator.disconnect()


async def test_timeline_events_are_written_in_batches_not_per_frame(cookie, candidate, audio, unthrottled, monkeypatch):
    writes: list[int] = []
    real = consumers.timeline_events_record

    def counting(*, session_id, events):
        writes.append(len(events))
        return real(session_id=session_id, events=events)

    monkeypatch.setattr(consumers, "timeline_events_record", counting)
    session = await make_session(candidate)
    communicator, _ = await connect(await cookie(candidate), session.pk)
    await ready(communicator)
    quiet = audio.noise("brownnoise", 8, -50).pcm
    for answer in range(4):  # four answers, each left silent (and 16 s apart): four silence nudges
        await communicator.send_json_to({"type": "answer_open", "offset_ms": answer * 16_000})
        await communicator.send_json_to({"type": "sync", "offset_ms": answer * 16_000})
        await stream(communicator, quiet)
    nudges = [m for m in await drain(communicator) if m["type"] == "nudge"]
    assert len(nudges) == 4
    assert writes == []  # nothing written yet: the batch waits for 20 events or 3 s
    await communicator.disconnect()
    assert writes == [4]
    assert await TimelineEvent.objects.filter(session=session, kind=EventKind.NUDGE_SILENCE).acount() == 4


async def test_an_unknown_message_closes_with_a_reason(cookie, candidate):
    session = await make_session(candidate)
    communicator, _ = await connect(await cookie(candidate), session.pk)
    await ready(communicator)
    await communicator.send_to(text_data="not json")
    await expect_refusal(communicator, 4400, "bad_message")


# -- floods ------------------------------------------------------------------------------------------------
async def test_an_oversized_frame_closes_the_socket_and_the_server_carries_on(cookie, candidate):
    session = await make_session(candidate)
    login = await cookie(candidate)
    communicator, _ = await connect(login, session.pk)
    await ready(communicator)
    await communicator.send_to(bytes_data=bytes(consumers.MAX_FRAME_BYTES + 2))
    await expect_refusal(communicator, 4413, "frame_too_large")
    again, _ = await connect(login, session.pk)
    await ready(again)
    await again.disconnect()


async def test_audio_faster_than_real_time_is_throttled_then_closed(cookie, candidate):
    session = await make_session(candidate)
    communicator, _ = await connect(await cookie(candidate), session.pk)
    await ready(communicator)
    frame = bytes(100 * BYTES_PER_MS)
    for _ in range(80):  # 8 s of audio at once: 3 s of burst, then drops, then the door
        await communicator.send_to(bytes_data=frame)
    throttled = await communicator.receive_json_from()
    assert throttled["state"] == "throttled"
    await expect_refusal(communicator, 4408, "too_fast")


async def test_tiny_frames_at_a_high_rate_are_throttled_too(cookie, candidate):
    session = await make_session(candidate)
    communicator, _ = await connect(await cookie(candidate), session.pk)
    await ready(communicator)
    for _ in range(400):
        await communicator.send_to(bytes_data=b"\0\0")
    assert (await communicator.receive_json_from())["state"] == "throttled"
    await expect_refusal(communicator, 4408, "too_fast")


async def test_a_real_time_stream_is_never_throttled(cookie, candidate, monkeypatch):
    monkeypatch.setattr(consumers, "RATE_SLACK", 1.5)
    session = await make_session(candidate)
    communicator, _ = await connect(await cookie(candidate), session.pk, "ack=10")
    await ready(communicator)
    frame = bytes(100 * BYTES_PER_MS)
    for _ in range(20):  # 2 s of audio at 1.25× real time (browsers catch up after a stall)
        await communicator.send_to(bytes_data=frame)
        await asyncio.sleep(0.08)
    messages = await drain(communicator, 0.3)
    assert [m["state"] for m in messages] == ["ack", "ack"]
    await communicator.disconnect()
