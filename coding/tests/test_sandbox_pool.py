"""Pre-started boxes (``coding/sandbox/pool.py``): a box waiting for its job has seen nothing of it, is used
once, and is replaced; dead, closed and stale boxes are never used; none outlives its process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.conf import settings

from coding.sandbox import Limits
from coding.sandbox.bubblewrap import BubblewrapBackend
from coding.sandbox.pool import POOL

from .hostile import TEST_UID, idle_box_pids, parent_of, processes_of

pytestmark = pytest.mark.slow
LIMITS = Limits(cpu_ms=1000, wall_ms=3000, memory_mb=128)
ECHO = "print(input())\n"

# What a program can see of its box: files, mounts, environment, processes, identity.
LOOK_AROUND = """
import os
def tree(root):
    found = []
    for directory, dirs, files in os.walk(root):
        found += sorted(os.path.join(directory, name) for name in dirs + files)
    return found
mounts = sorted(line.split()[4] + " " + line.split(" - ")[1].split()[0] for line in open("/proc/self/mountinfo"))
print(sorted(os.listdir("/")), tree("/box"), tree("/tmp"), tree("/dev/shm"), tree("/sandbox"))
print(mounts)
print(sorted(os.environ.items()), os.getcwd(), os.getuid(), os.getgid())
print(sorted(p for p in os.listdir("/proc") if p.isdigit()), os.getpid(), os.getppid())
print(input())
"""


@pytest.fixture
def box():
    POOL.clear()
    yield BubblewrapBackend(state_dir=Path(settings.SANDBOX_DIR), uid=TEST_UID, gid=TEST_UID)
    POOL.settle()
    POOL.clear()


def run(backend, source=ECHO, inputs=("x\n",)):
    return backend.execute(language="python", source=source, inputs=list(inputs), limits=LIMITS)


def warm(backend) -> list:
    """Run once so that the pool starts boxes for Python, and wait until they are up."""
    assert [r.stdout for r in run(backend).runs] == ["x\n"]
    assert POOL.settle()
    idle = POOL.idle()
    assert len(idle) == 2
    return idle


def test_a_prestarted_box_looks_exactly_like_one_started_for_the_job(box):
    idle = warm(box)
    assert all(not any(b.dirs["/box"].iterdir()) for b in idle), "an idle box's /box must be empty"
    pooled = run(box, LOOK_AROUND, ["hidden\n"])
    assert all(b.proc.poll() is not None for b in idle[:1]), "the job did not take the pre-started box"
    box.prestart = False
    cold = run(box, LOOK_AROUND, ["hidden\n"])
    assert pooled.runs[0].status == "OK", pooled.runs
    assert pooled.runs[0].stdout == cold.runs[0].stdout
    assert "'/box/main.py'" in pooled.runs[0].stdout
    assert not any(b.root.exists() for b in idle[:1]), "a used box's directories must be removed"


def test_each_box_runs_one_job_and_is_replaced(box):
    first = {b.proc.pid for b in warm(box)}
    run(box, ECHO, ["a\n"])
    assert POOL.settle()
    second = {b.proc.pid for b in POOL.idle()}
    assert len(second) == 2
    assert len(first - second) == 1, "exactly the box that ran the job is gone"
    assert all(b.alive() for b in POOL.idle())


def test_a_box_whose_runner_died_is_discarded_and_replaced(box):
    idle = warm(box)
    deadline = time.monotonic() + 5
    while True:  # a bwrap just started may not have started its runner yet
        runners = [pid for pid in idle_box_pids() if parent_of(pid) in {b.proc.pid for b in idle}]
        if len(runners) == 2 or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert len(runners) == 2
    for pid in runners:
        os.kill(pid, signal.SIGKILL)
    for b in idle:
        b.proc.wait(timeout=5)  # bwrap follows its PID 1
    execution = run(box, ECHO, ["a\n", "b\n"])
    assert [r.stdout for r in execution.runs] == ["a\n", "b\n"], execution
    assert not execution.internal_error
    assert not any(b.root.exists() for b in idle)


def test_a_box_whose_job_pipe_closed_is_discarded_and_replaced(box):
    idle = warm(box)
    for b in idle:
        b.proc.stdin.close()  # the runner reads EOF where its job should be, and exits
    for b in idle:
        b.proc.wait(timeout=5)
    execution = run(box, ECHO, ["a\n"])
    assert [r.stdout for r in execution.runs] == ["a\n"], execution
    assert not execution.internal_error


def test_a_box_idle_too_long_is_discarded(box, monkeypatch):
    idle = warm(box)
    monkeypatch.setattr(POOL, "max_idle_s", 0.0)
    assert [r.stdout for r in run(box, ECHO, ["a\n"]).runs] == ["a\n"]
    for b in idle:
        assert b.proc.poll() is not None, "a stale box was kept"
        assert not b.root.exists()


def test_without_prestart_no_box_waits(box):
    box.prestart = False
    assert [r.stdout for r in run(box).runs] == ["x\n"]
    assert POOL.settle()
    assert POOL.idle() == []


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_child_starts_its_own_boxes_and_leaves_the_parents_alone(box):
    idle = warm(box)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            inherited = len(POOL.idle())
            outcome = run(box, ECHO, ["child\n"]).runs[0].stdout.strip()
            os.write(write, f"{inherited} {outcome}".encode())
        finally:
            os._exit(0)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    report = os.read(read, 100).decode()
    os.close(read)
    assert report == "0 child"
    assert os.waitstatus_to_exitcode(status) == 0
    assert all(b.alive() for b in idle), "the child touched the parent's boxes"
    assert {b.proc.pid for b in POOL.idle()} == {b.proc.pid for b in idle}


EXITING = """
import os, signal, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from coding.sandbox.bubblewrap import BubblewrapBackend
from coding.sandbox.pool import POOL
from coding.sandbox.types import Limits
box = BubblewrapBackend(state_dir=Path({state!r}), uid={uid}, gid={uid})
assert box.execute(language="python", source="print(1)", inputs=[""], limits=Limits()).runs[0].stdout == "1\\n"
POOL.settle()
print(len(POOL.idle()), flush=True)
if sys.argv[1] == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.parametrize("how", ["exit", "kill"])
def test_no_box_outlives_its_process(how, tmp_path):
    uid = 64_000 + (os.getpid() + 450) % 900
    script = tmp_path / "worker.py"
    root = str(Path(__file__).resolve().parents[2])
    script.write_text(textwrap.dedent(EXITING.format(root=root, state=str(settings.SANDBOX_DIR), uid=uid)))
    done = subprocess.run([sys.executable, str(script), how], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip() == "2", done.stderr
    deadline = time.monotonic() + 3
    while processes_of(uid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_of(uid) == [], f"boxes outlived a worker that ended by {how}"


def test_the_pool_keeps_at_most_per_key_and_max_total_idle_boxes(tmp_path):
    from coding.sandbox.pool import BoxPool, StartedBox

    def start() -> StartedBox:
        root = tmp_path / str(time.monotonic_ns())
        root.mkdir()
        proc = subprocess.Popen(["/bin/sleep", "60"], start_new_session=True, stdin=subprocess.PIPE)
        return StartedBox(proc=proc, root=root, dirs={})

    pool = BoxPool(per_key=2, max_total=3)
    try:
        pool.refill("a", start, 5)
        pool.refill("b", start, 2)
        assert pool.settle()
        idle = pool.idle()
        assert len(idle) == 3
        assert len(pool._idle["a"]) == 2
        taken = pool.take("a")
        assert taken is not None
        assert taken.alive()
    finally:
        pool.close()
    assert all(box.proc.poll() is not None for box in idle if box is not taken)
    assert not any(box.root.exists() for box in idle if box is not taken)
    taken.proc.kill()
    taken.proc.wait()


def test_the_directories_of_a_vanished_worker_on_this_host_are_removed(tmp_path):
    from coding.sandbox.bubblewrap import _HOST

    gone = subprocess.Popen(["/bin/true"])
    gone.wait()
    boxes = tmp_path / "boxes"
    boxes.mkdir()
    names = [f"{_HOST}-{gone.pid}-abc", f"{_HOST}-{os.getpid()}-def", f"other-host-{gone.pid}-ghi"]
    for name in names:
        (boxes / name / "box").mkdir(parents=True)
    BubblewrapBackend(state_dir=tmp_path)._boxes_dir()
    assert sorted(p.name for p in boxes.iterdir()) == sorted(names[1:])


def test_a_take_waits_for_a_box_being_started_rather_than_start_another(tmp_path):
    from coding.sandbox.pool import BoxPool, StartedBox

    def slow_start() -> StartedBox:
        time.sleep(0.3)
        root = tmp_path / str(time.monotonic_ns())
        root.mkdir()
        proc = subprocess.Popen(["/bin/sleep", "60"], start_new_session=True)
        return StartedBox(proc=proc, root=root, dirs={})

    pool = BoxPool(per_key=1)
    try:
        pool.refill("a", slow_start)
        assert pool.take("a", wait_s=0) is None
        assert pool.take("b", wait_s=2) is None  # nothing is being started for another key: no wait
        started = time.monotonic()
        box = pool.take("a", wait_s=2)
        assert box is not None
        assert time.monotonic() - started < 1
        box.proc.kill()
        box.proc.wait()
    finally:
        pool.close()


JAVA = "public class Main { public static void main(String[] a) { System.out.println(%d); } }\n"


def _java_compile_boxes() -> list:
    return [b for b in POOL.idle() if "/src" in b.dirs]


def test_a_prestarted_compile_box_has_seen_no_source_and_compiles_once(box):
    first = box.execute(language="java", source=JAVA % (time.time_ns() % 10**9), inputs=[""], limits=LIMITS)
    assert first.compiled, first.compile_output
    assert POOL.settle()
    (waiting,) = _java_compile_boxes()
    assert not any(waiting.dirs["/src"].iterdir())
    assert not any(waiting.dirs["/out"].iterdir())
    number = time.time_ns() % 10**9
    second = box.execute(language="java", source=JAVA % number, inputs=[""], limits=LIMITS)
    assert second.compiled, second.compile_output
    assert not second.compile_cached
    assert [r.stdout for r in second.runs] == [f"{number}\n"]
    assert waiting.proc.poll() is not None, "the compile did not use the pre-started box"


def test_a_compile_box_whose_warm_compiler_died_is_discarded(box):
    box.execute(language="java", source=JAVA % (time.time_ns() % 10**9), inputs=[], limits=LIMITS)
    assert POOL.settle()
    (waiting,) = _java_compile_boxes()
    deadline = time.monotonic() + 10
    while True:  # the runner, then the JVM it starts before any job
        runner = [pid for pid in idle_box_pids() if parent_of(pid) == waiting.proc.pid]
        jvm = [pid for pid in processes_of(TEST_UID) if runner and parent_of(pid) == runner[0]]
        if jvm or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert len(jvm) == 1
    os.kill(jvm[0], signal.SIGKILL)
    waiting.proc.wait(timeout=5)  # the runner leaves: a box whose compiler is gone is no use
    execution = box.execute(language="java", source=JAVA % (time.time_ns() % 10**9), inputs=[""], limits=LIMITS)
    assert execution.compiled, execution.compile_output
    assert not execution.internal_error
    assert execution.runs[0].status == "OK"
