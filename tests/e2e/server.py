"""A real daphne process serving ``config.asgi`` against the database pytest-django set up.

Its settings are ``tests.e2e.isolated_settings``: ``config.settings`` with Celery on ``CELERY_QUEUE``, a queue
of this pytest run's own, so what the server enqueues reaches this run's worker (``tests.e2e.worker``) only.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

REPO_ROOT = Path(__file__).resolve().parents[2]
APP = "config.asgi:application"
SETTINGS_MODULE = "tests.e2e.isolated_settings"
CELERY_QUEUE = f"e2e-{uuid.uuid4().hex[:12]}"


def child_environment(database_url: str) -> dict[str, str]:
    """The environment of a process serving this run's tests: the test database, the run's Celery queue."""
    env = dict(os.environ)  # REDIS_URL, VAR_DIR, CACHE_KEY_PREFIX ... pass through unchanged
    # Set in this process for Playwright (see tests/e2e/conftest.py); children keep Django's guard.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        E2E_CELERY_QUEUE=CELERY_QUEUE,
        DATABASE_URL=database_url,
        EMAIL_HOST="",  # always the file backend, whatever the developer's shell says
        PYTHONUNBUFFERED="1",
    )
    return env


def database_url(settings_dict: dict) -> str:
    """The ``DATABASE_URL`` (as ``config.env.parse_database_url`` reads it) for a connection's settings."""
    engine = settings_dict["ENGINE"]
    name = str(settings_dict["NAME"])
    if engine.endswith("sqlite3"):
        path = Path(name)
        if not path.is_absolute() or "mode=memory" in name or name == ":memory:":
            raise RuntimeError(f"a live server cannot share the in-memory SQLite database {name!r}")
        return "sqlite:///" + quote(str(path))
    if engine.endswith("postgresql"):
        user = quote(settings_dict.get("USER") or "", safe="")
        password = quote(settings_dict.get("PASSWORD") or "", safe="")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
        options = settings_dict.get("OPTIONS") or {}
        query = "?" + urlencode({k: v for k, v in options.items() if isinstance(v, str)}) if options else ""
        return f"postgres://{credentials}{settings_dict.get('HOST') or ''}{port}/{quote(name, safe='')}{query}"
    raise RuntimeError(f"no DATABASE_URL form for {engine}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class DaphneServer:
    """One daphne subprocess. ``url`` has no trailing slash; ``mail_dir`` receives every sent email."""

    database_url: str
    work_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def mail_dir(self) -> Path:
        return self.work_dir / "mail"

    @property
    def log_path(self) -> Path:
        return self.work_dir / "daphne.log"

    def environment(self) -> dict[str, str]:
        return {**child_environment(self.database_url), "EMAIL_FILE_PATH": str(self.mail_dir)}

    def start(self, *, timeout: float = 20.0) -> None:
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        # A file, not a pipe: nobody reads the pipe while tests run, and a full pipe would block the server.
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [*(sys.executable, "-m", "config.webserver"), "-b", "127.0.0.1", "-p", str(self.port), APP],
                cwd=REPO_ROOT,
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_healthy(timeout)

    def _wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if json.load(response).get("status") == "ok":
                        return
            except urllib.error.HTTPError as exc:  # 503: some dependency is down
                last_error = f"{exc.code}: {exc.read().decode(errors='replace')}"
            except (OSError, ValueError) as exc:
                last_error = repr(exc)
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"daphne not healthy within {timeout}s ({last_error}):\n{self.log()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-8000:]
        except OSError:
            return "(no log)"
