"""``python -m config.webserver``: daphne with its Twisted reactor on uvloop, as ``make run`` and the end-to-end
tests start it (``config/webserver.py``)."""

from __future__ import annotations

import json
import urllib.request

import pytest
from django.db import connection
from websockets.sync.client import connect

from tests.e2e.server import REPO_ROOT, DaphneServer, database_url
from tests.fresh import run_fresh

LOOP = (
    "from config.webserver import install_reactor\n"
    "print(install_reactor())\n"
    "from twisted.internet import reactor\n"
    "print(type(reactor._asyncioEventloop).__module__.split('.')[0])\n"
    "import daphne.server\n"  # daphne keeps the reactor it finds
    "from twisted.internet import reactor as after\n"
    "print(after is reactor)\n"
)


def test_the_reactor_runs_on_uvloop_and_daphne_keeps_it(tmp_path):
    done = run_fresh(tmp_path, "-c", LOOP)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["uvloop", "uvloop", "True"]


def test_without_uvloop_daphne_runs_on_the_plain_loop_and_says_so(tmp_path):
    done = run_fresh(tmp_path, "-W", "always", "-c", "import sys; sys.modules['uvloop'] = None\n" + LOOP)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["asyncio", "asyncio", "True"]
    assert "uvloop is not installed" in done.stderr


def test_a_reactor_already_installed_is_left_alone(tmp_path):
    script = "from twisted.internet import asyncioreactor; asyncioreactor.install()\n" + LOOP
    done = run_fresh(tmp_path, "-c", script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["existing", "asyncio", "True"]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_server_sends_a_large_file_whole_and_speaks_websocket(tmp_path):
    """Writes of every size go through uvloop's transport intact (a 1.4 MB script), and a WebSocket handshake
    reaches the live consumer (an anonymous socket is told why it is refused)."""
    server = DaphneServer(database_url=database_url(connection.settings_dict), work_dir=tmp_path)
    server.start(timeout=60)
    try:
        with urllib.request.urlopen(f"{server.url}/static/vendor/three/three.core.js", timeout=10) as response:
            body = response.read()
        assert body == (REPO_ROOT / "static/vendor/three/three.core.js").read_bytes()
        ws_url = server.url.replace("http", "ws") + "/ws/interviews/1/live/"
        with connect(ws_url, origin=server.url, open_timeout=10) as socket:
            refusal = json.loads(socket.recv(timeout=10))
        assert (refusal["type"], refusal["code"], refusal["reason"]) == ("error", 4401, "unauthenticated")
    finally:
        server.stop()
    assert "uvloop is not installed" not in server.log()
