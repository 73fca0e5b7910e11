"""`make run` serves web and worker together, and one Ctrl-C stops both."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.e2e.server import database_url, free_port

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_serve_runs_daphne_and_a_worker_and_one_ctrl_c_stops_both(tmp_path):
    port = free_port()
    # The same database as the test run (the configured one may not exist on a CI machine).
    env = {**os.environ, "VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": database_url(connection.settings_dict)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--port", str(port), "--concurrency", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    body = json.load(response)
                    break
            except OSError:
                time.sleep(0.3)
        assert body is not None, "daphne never answered /healthz"
        assert body["status"] == "ok", body
        while not any(" ready." in line for line in lines) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert any(" ready." in line for line in lines), "the Celery worker never became ready"

        # Ctrl-C in a terminal signals the whole foreground process group.
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _group_alive(process.pid), "a child of serve.py outlived Ctrl-C"
        reader.join(timeout=5)
        assert any("Interview Arena on http://127.0.0.1" in line for line in lines)
    finally:
        if _group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
