"""A real Celery worker process (``celery -A config worker``) for the journeys that need background work.

It runs against what the live daphne uses: the same test database (``DATABASE_URL``), the same broker and
result backend (the filesystem ones under ``VAR_DIR`` on the embedded default, Redis at scale) and the run's
own queue (``tests.e2e.server.CELERY_QUEUE``). ``start`` returns once the worker has answered a ``config.ping``
sent through that queue by this process's Celery app (same broker and backend), so a test never races its
start-up; ``stop`` always ends it and its children.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from celery.exceptions import TimeoutError as ResultTimeout
from kombu import Exchange, Queue

from config.celery import app, ping
from tests.e2e.server import CELERY_QUEUE, REPO_ROOT, child_environment


class WorkerFailed(RuntimeError):
    pass


@dataclass
class CeleryWorker:
    database_url: str
    work_dir: Path
    queue: str = CELERY_QUEUE
    process: subprocess.Popen | None = None

    @property
    def log_path(self) -> Path:
        return self.work_dir / "celery-worker.log"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, *, timeout: float = 60.0) -> None:
        """Start the worker (solo pool: one task at a time, as a small deployment runs it) and wait until it
        consumes the queue. Raises ``WorkerFailed`` with the worker's log if it exits or does not answer."""
        self.work_dir.mkdir(parents=True, exist_ok=True)
        env = {**child_environment(self.database_url), "EMAIL_FILE_PATH": str(self.work_dir / "mail")}
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker",
            "--pool", "solo", "--loglevel", "INFO", "--queues", self.queue,
            "--hostname", f"e2e-{uuid.uuid4().hex[:8]}@%h",
            "--without-mingle", "--without-gossip", "--without-heartbeat",
        ]  # fmt: skip
        # A file, not a pipe (nobody reads a pipe while the test runs); a session of its own so that stop()
        # can end the decoder children with it.
        with self.log_path.open("ab") as log:  # appended: a restarted worker keeps the first one's log
            self.process = subprocess.Popen(
                command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._wait_until_consuming(timeout)

    def _wait_until_consuming(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        result = ping.apply_async(queue=self.queue)
        while time.monotonic() < deadline:
            if not self.running:
                raise WorkerFailed(f"the Celery worker exited with {self.process.returncode}:\n{self.log()}")
            try:
                if result.get(timeout=1, interval=0.2) == "pong":
                    return
            except ResultTimeout:
                continue
        self.stop()
        raise WorkerFailed(f"the Celery worker did not answer a ping within {timeout:.0f} s:\n{self.log()}")

    def stop(self, *, grace: float = 20.0) -> None:
        """Warm shutdown (SIGTERM: the task in hand finishes), then SIGKILL for the whole process group."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=grace)
        with contextlib.suppress(ProcessLookupError):  # the worker, if still there, and any decoder child
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def log(self, tail: int = 12_000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except OSError:
            return "(no log)"


def queue_delete(name: str = CELERY_QUEUE) -> None:
    """Drop the run's queue and whatever is left in it (a finished interview no worker was started for)."""
    # A fresh channel knows no bindings, and the transport deletes only those it knows: declare, then delete.
    with app.connection_for_write() as connection:
        queue = Queue(name, Exchange(name, type="direct"), routing_key=name)(connection.default_channel)
        queue.declare()
        queue.delete()
