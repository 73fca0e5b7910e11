"""A real Celery worker consumes the configured broker: the filesystem one by default, Redis at scale."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from config.celery import app, ping

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker():
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "config", "worker",
            "--pool", "solo", "--loglevel", "WARNING", "--hostname", f"test-{os.getpid()}@%h",
            "--without-mingle", "--without-gossip",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_a_real_worker_runs_a_task_through_the_broker(worker):
    result = ping.delay()
    try:
        assert result.get(timeout=60) == "pong"
    except Exception:
        worker.terminate()
        output, _ = worker.communicate(timeout=20)
        pytest.fail(f"worker did not answer; its output:\n{output}")


def test_the_broker_matches_the_mode():
    if settings.REDIS_URL:
        assert app.conf.broker_url.startswith("redis://")
    else:
        assert app.conf.broker_url == "filesystem://"
        assert Path(app.conf.broker_transport_options["data_folder_in"]).is_dir()
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
