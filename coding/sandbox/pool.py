"""Pre-started boxes: a fresh box (``bwrap`` + the runner, see ``bubblewrap.py``) started ahead of its job and
waiting on its job pipe, so that a run no longer pays the box's start-up (~20 ms) on its critical path.

What a pre-started box has seen before its job: **nothing**. It is started with exactly the command line a box
started for the job would have, minus the job: its per-box directories (``/box`` or ``/src``, ``/out``) are
bind-mounted from host directories that are empty until the host fills them, right before it writes the job
on the pipe; the runner, meanwhile, has only started its interpreter and blocks reading the pipe. A box is used
for one job, then torn down (its whole process tree killed, its directories removed), never returned here.

Bounds and life cycle (no Django import; one pool per process, shared by every backend in it):

* at most ``per_key`` idle boxes per key (the box's command line) and ``max_total`` in all, started lazily:
  the first job of a kind starts its box itself, and each box used is replaced afterwards by the pool's thread;
* an idle box whose runner has exited (or whose pipe broke) or that has waited more than ``max_idle_s`` is
  discarded when met, and the pool's thread sweeps the stale ones on its own;
* the boxes are started by one long-lived thread because ``bwrap --die-with-parent`` kills a box when the
  *thread* that started it ends: the boxes then live exactly as long as the process. ``atexit`` kills what is
  idle; a process killed outright takes its boxes with it (``--die-with-parent``);
* after ``fork()`` the child forgets the parent's boxes (closing its copies of their pipes, never signalling
  them) and starts its own when it needs them: Celery prefork children each get their own pool.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)


@dataclass
class StartedBox:
    proc: subprocess.Popen
    root: Path  # the host directory holding this box's bind-mounted directories (empty until the job)
    dirs: dict[str, Path]  # box path -> host path, e.g. {"/box": root / "box"}
    started: float = field(default_factory=time.monotonic)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def usable(self, max_idle_s: float, now: float) -> bool:
        """Still worth handing out: its runner is waiting and it has not waited longer than ``max_idle_s``."""
        return self.alive() and now - self.started <= max_idle_s


def _close_pipes(proc: subprocess.Popen) -> None:
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def destroy(box: StartedBox) -> None:
    """Kill the box's process group (bwrap leads its own session; PID 1 of the box dies with it, and with
    PID 1 every process in the box's PID namespace), reap it, close its pipes, remove its directories."""
    if box.proc.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(box.proc.pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        box.proc.wait()
    _close_pipes(box.proc)
    shutil.rmtree(box.root, ignore_errors=True)


class BoxPool:
    def __init__(self, *, per_key: int = 2, max_total: int = 8, max_idle_s: float = 60.0) -> None:
        self.per_key = per_key
        self.max_total = max_total
        self.max_idle_s = max_idle_s
        self._reset()

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._settled = threading.Condition(self._lock)
        self._starting: dict[Hashable, int] = {}  # refill requests not yet served, per key
        self._idle: dict[Hashable, list[StartedBox]] = {}
        self._requests: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._closed = False

    def take(self, key: Hashable, wait_s: float = 0.2) -> StartedBox | None:
        """A live idle box started for ``key`` (it is the caller's from now on: use it once, then ``destroy``),
        or None. When none is idle but the pool's thread is starting some for ``key``, wait up to ``wait_s``
        for one rather than start yet another (a submission right after the last one would otherwise pay for
        both). Dead or stale boxes met on the way are destroyed."""
        discard, found = [], None
        deadline = time.monotonic() + wait_s
        with self._settled:
            while True:
                boxes = self._idle.get(key, [])
                while boxes and found is None:
                    box = boxes.pop(0)
                    if box.usable(self.max_idle_s, time.monotonic()):
                        found = box
                    else:
                        discard.append(box)
                remaining = deadline - time.monotonic()
                if found is not None or not self._starting.get(key) or remaining <= 0:
                    break
                self._settled.wait(remaining)
        for box in discard:
            destroy(box)
        return found

    def refill(self, key: Hashable, start: Callable[[], StartedBox], count: int | None = None) -> None:
        """Ask the pool's thread to start boxes for ``key`` until ``count`` (at most ``per_key``) are idle;
        returns at once."""
        count = self.per_key if count is None else min(count, self.per_key)
        if count <= 0 or self._closed:
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._serve, name="sandbox-prestart", daemon=True)
                self._thread.start()
            self._starting[key] = self._starting.get(key, 0) + 1
        self._requests.put((key, start, count))

    def _serve(self) -> None:
        while True:
            try:
                key, start, count = self._requests.get(timeout=max(1.0, self.max_idle_s / 2))
            except queue.Empty:
                self.sweep()
                continue
            if key is None:
                return
            try:
                self._serve_one(key, start, count)
            finally:
                with self._lock:
                    self._starting[key] -= 1
                    self._settled.notify_all()

    def _serve_one(self, key: Hashable, start: Callable[[], StartedBox], count: int) -> None:
        self.sweep()
        with self._lock:
            total = sum(len(boxes) for boxes in self._idle.values())
            missing = min(count - len(self._idle.get(key, [])), self.max_total - total) if not self._closed else 0
        for _ in range(missing):
            try:
                box = start()
            except Exception:
                logger.exception("cannot pre-start a sandbox box")
                return
            with self._lock:
                closed = self._closed
                if not closed:
                    self._idle.setdefault(key, []).append(box)
                    self._settled.notify_all()
            if closed:
                destroy(box)
                return

    def settle(self, timeout: float = 10.0) -> bool:
        """Wait until every refill asked for has been served (tests, benchmarks); False on timeout."""
        with self._settled:
            return self._settled.wait_for(lambda: not any(self._starting.values()), timeout)

    def sweep(self) -> None:
        """Destroy idle boxes that died or waited too long."""
        now, discard = time.monotonic(), []
        with self._lock:
            for boxes in self._idle.values():
                keep = []
                for box in boxes:
                    (keep if box.usable(self.max_idle_s, now) else discard).append(box)
                boxes[:] = keep
        for box in discard:
            destroy(box)

    def idle(self) -> list[StartedBox]:
        with self._lock:
            return [box for boxes in self._idle.values() for box in boxes]

    def close(self) -> None:
        """Destroy every idle box; the pool starts no more (at exit)."""
        with self._lock:
            self._closed = True  # from here on the pool's thread adds no box (it checks under the lock)
        self._requests.put((None, None, 0))
        self.clear()

    def clear(self) -> None:
        """Destroy every idle box; the pool stays usable."""
        with self._lock:
            boxes = [box for boxes in self._idle.values() for box in boxes]
            self._idle.clear()
        for box in boxes:
            destroy(box)

    def forget(self) -> None:
        """In a forked child: drop the parent's boxes without touching them (close only our copies of their
        pipes) and start afresh."""
        for boxes in self._idle.values():
            for box in boxes:
                _close_pipes(box.proc)
                box.proc.returncode = -1  # not ours to wait for
        self._reset()


POOL = BoxPool()
atexit.register(POOL.close)
os.register_at_fork(after_in_child=POOL.forget)
