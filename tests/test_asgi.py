"""WebSocket routing through the real ASGI application: authentication, Origin check, channel layer."""

import asyncio

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections

from config.asgi import application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest_asyncio.fixture(autouse=True)
async def _close_thread_connections():
    """Connections opened in asgiref's shared thread would keep PostgreSQL's test database from dropping."""
    yield
    await sync_to_async(connections.close_all)()


def _session_cookie(client, user) -> bytes:
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


def _communicator(cookie: bytes | None, origin: bytes = b"http://localhost:8000") -> WebsocketCommunicator:
    headers = [(b"origin", origin), (b"host", b"localhost:8000")]
    if cookie:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, "/ws/ping/", headers=headers)


async def test_an_authenticated_user_from_our_origin_is_accepted(client, candidate):
    cookie = await _sync(_session_cookie, client, candidate)
    communicator = _communicator(cookie)
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_json_to({"echo": "hello"})
    assert await communicator.receive_json_from() == {"type": "pong", "echo": "hello"}
    await communicator.disconnect()


async def test_an_anonymous_socket_is_closed():
    communicator = _communicator(None)
    connected, code = await communicator.connect()
    assert not connected
    assert code == 4401


async def test_a_foreign_origin_is_refused_even_with_a_valid_session(client, candidate):
    cookie = await _sync(_session_cookie, client, candidate)
    communicator = _communicator(cookie, origin=b"https://evil.example.com")
    connected, _ = await communicator.connect()
    assert not connected


async def test_the_channel_layer_delivers_group_messages():
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add("session-test", channel)
    await layer.group_send("session-test", {"type": "nudge", "kind": "silence"})
    assert await layer.receive(channel) == {"type": "nudge", "kind": "silence"}
    await layer.group_discard("session-test", channel)
    expected = "RedisChannelLayer" if settings.REDIS_URL else "SweptInMemoryChannelLayer"
    assert type(layer).__name__ == expected


async def _sync(func, *args):
    return await sync_to_async(func)(*args)


async def test_a_group_wait_outlasting_the_layers_blocking_pop_still_gets_its_message():
    """A consumer waits on its channel for minutes between nudges; channels-redis waits with a blocking pop
    of ``brpop_timeout`` seconds in a loop, so the Redis client's socket timeout must outlast each pop
    (redis-py 8's default of 5 s equals it, and the wait then died with "Timeout reading")."""
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add("session-wait", channel)
    waiting = asyncio.ensure_future(layer.receive(channel))
    await asyncio.sleep(getattr(layer, "brpop_timeout", 0) + 1.5)
    assert not waiting.done(), waiting.exception() if waiting.done() else None
    await layer.group_send("session-wait", {"type": "nudge", "kind": "pace"})
    assert await asyncio.wait_for(waiting, 10) == {"type": "nudge", "kind": "pace"}
    await layer.group_discard("session-wait", channel)
