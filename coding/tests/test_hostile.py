"""The hostile-code suite: every program in ``coding/tests/hostile/`` runs in the real bubblewrap sandbox and
must be contained with the verdict its ``expect:`` line names, leave no process behind, and leave the host
(a same-uid sentinel process outside the box, a canary file, the environment's secrets) untouched.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from coding.sandbox import CompileLimits, Limits

from .hostile import DOUBLE, EXTENSIONS, HERE, TEST_UID, backend, idle_box_pids, processes_of

pytestmark = pytest.mark.slow
FAKE_SECRET = "fake-secret-key-that-must-never-reach-a-box-0123456789abcdef"
LIMITS = Limits(cpu_ms=1000, wall_ms=2000, memory_mb=128, processes=32, output_bytes=16 * 1024)
COMPILE = CompileLimits(cpu_ms=4000, wall_ms=6000, memory_mb=768)
EXPECT = re.compile(r"^[ \t]*(?:#|//)[ \t]*expect:[ \t]*(\w+)(?:[ \t]+([^\n]+?))?[ \t]*$", re.MULTILINE)
PROGRAMS = sorted(p for p in HERE.iterdir() if p.suffix in EXTENSIONS and p.name != "__init__.py")


def _expectation(path: Path) -> tuple[str, str]:
    match = EXPECT.search(path.read_text())
    assert match, f"{path.name} has no 'expect:' line"
    return match.group(1), (match.group(2) or "")


@pytest.fixture(scope="module")
def box():
    return backend(TEST_UID)


@pytest.fixture(scope="module")
def sentinel():
    """A host process with the boxes' own uid, outside any box: nothing a box does may reach it. (Not root:
    the boxes run as the test's own uid, so the sentinel is a plain child and the uid census is skipped.)"""
    drop = {"user": TEST_UID, "group": TEST_UID, "extra_groups": []} if os.geteuid() == 0 else {}
    proc = subprocess.Popen(["/bin/sleep", "600"], **drop)
    yield proc
    proc.kill()
    proc.wait()


@pytest.fixture(scope="module")
def canary():
    path = Path(settings.SANDBOX_DIR).parent / f"canary-{TEST_UID}"
    path.write_text("the host's file\n")
    yield path
    path.unlink(missing_ok=True)


def _left_behind(sentinel) -> list[int]:
    if os.geteuid() != 0:
        return []
    deadline = time.monotonic() + 2
    while True:
        idle = idle_box_pids()  # pre-started boxes waiting for a job (they have run nothing)
        left = [pid for pid in processes_of(TEST_UID) if pid != sentinel.pid and pid not in idle]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def test_there_are_at_least_25_programs_in_all_four_languages():
    assert len(PROGRAMS) >= 25
    assert {EXTENSIONS[p.suffix] for p in PROGRAMS} == {"python", "javascript", "java", "cpp"}


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_a_hostile_program_is_contained(path, box, sentinel, canary, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", FAKE_SECRET)
    monkeypatch.setenv("DATABASE_URL", f"postgres://arena:{FAKE_SECRET}@127.0.0.1:5432/arena")
    expected, detail = _expectation(path)
    canary_before = hashlib.sha256(canary.read_bytes()).hexdigest()
    language = EXTENSIONS[path.suffix]
    started = time.monotonic()
    execution = box.execute(
        language=language, source=path.read_text(), inputs=["1\n", "2\n"], limits=LIMITS, compile_limits=COMPILE
    )
    elapsed = time.monotonic() - started

    assert not execution.internal_error, execution.internal_error
    if expected == "CE":
        assert not execution.compiled
        assert not execution.runs
        if detail == "limit":
            assert "limit" in execution.compile_output
    else:
        assert execution.compiled, execution.compile_output
        assert [run.status for run in execution.runs] == [expected, expected], execution.runs
        if detail:
            assert [run.stdout.strip() for run in execution.runs] == [detail, detail], execution.runs
    everything = execution.compile_output + "".join(run.stdout + run.stderr for run in execution.runs)
    assert FAKE_SECRET not in everything

    assert _left_behind(sentinel) == [], "processes of the sandbox uid outlived the box"
    assert sentinel.poll() is None, "a box reached a host process"
    assert hashlib.sha256(canary.read_bytes()).hexdigest() == canary_before
    # Two tests under a 2 s wall limit each, plus a compile under 6 s, plus start-up: never a hang.
    assert elapsed < 2 * 2.5 + 6 + 8


@pytest.mark.skipif(os.geteuid() != 0, reason="the uid census needs root (boxes run as the test's own uid)")
def test_the_census_counts_idle_boxes_whole_trees_and_nothing_else(box, sentinel):
    """After a Java submission the pool holds a warm compile box: bwrap → runner → a javac JVM waiting for its
    job (a grandchild of bwrap). All of it is an idle box, not a process left behind; a process of the uid
    outside any box is."""
    source = DOUBLE["java"] + f"// {uuid.uuid4()}\n"  # never seen: compiled, so a compile box is refilled
    execution = box.execute(language="java", source=source, inputs=["21\n"], limits=LIMITS)
    assert [run.stdout for run in execution.runs] == ["42\n"]
    assert _left_behind(sentinel) == []
    stray = subprocess.Popen(["/bin/sleep", "60"], user=TEST_UID, group=TEST_UID, extra_groups=[])
    try:
        assert _left_behind(sentinel) == [stray.pid]
    finally:
        stray.kill()
        stray.wait()


def test_nothing_survives_from_one_submission_to_the_next(box):
    source = (HERE / "py_tmp_persistence.py").read_text()
    for _ in range(2):
        execution = box.execute(language="python", source=source, inputs=["", ""], limits=LIMITS)
        assert [run.stdout.strip() for run in execution.runs] == ["contained", "contained"]


def test_a_symlink_planted_by_a_compromised_compiler_is_never_followed(box, canary, monkeypatch):
    """Suppose the compiler itself were subverted and left ``/out/main`` as a symlink to a host file: the host
    only renames the output directory into the cache (rename does not follow) and mounts it read-only into
    the next box, where the link resolves inside the box — to nothing."""
    from coding.sandbox import languages

    content = canary.read_bytes()
    monkeypatch.setattr(
        languages,
        "compile_argv",
        lambda *a, **k: ["/bin/sh", "-c", f"ln -s {canary} /out/main && ln -s /etc/shadow /out/shadow"],
    )
    source = f"int main() {{}} // {uuid.uuid4()}\n"
    execution = box.execute(language="cpp", source=source, inputs=["\n"], limits=LIMITS, compile_limits=COMPILE)
    assert execution.compiled
    assert execution.runs[0].status == "RE"  # the link points at nothing inside the box
    assert content.decode() not in execution.runs[0].stdout + execution.runs[0].stderr
    assert canary.read_bytes() == content
    planted = [p for p in Path(settings.SANDBOX_DIR, "cache", "cpp").glob("*/main") if p.is_symlink()]
    assert str(canary) in [os.readlink(p) for p in planted]  # still a link: the host never opened it


PEEK_OWN_MEMORY = """
import re, sys
sys.stdin.read()
found = False
with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb", 0) as mem:
    for line in maps:
        start, end = (int(x, 16) for x in line.split()[0].split("-"))
        if "r" not in line.split()[1]:
            continue
        try:
            mem.seek(start)
            # A pattern that cannot match its own text, so only a real copy of the input is found.
            if re.search(rb"HIDDEN-SECRET-[0-9]{4}", mem.read(end - start)):
                found = True
        except (OSError, ValueError, OverflowError):
            pass
print("leaked" if found else "clean")
"""

PEEK_OTHER_TESTS = """
const fs = require("fs");
let seen = [];
for (const pid of fs.readdirSync("/proc").filter((n) => /^\\\\d+$/.test(n))) {
  if (pid === String(process.pid)) continue;
  try { seen.push(fs.readFileSync(`/proc/${pid}/fd/0`, "utf8")); } catch (e) {}
}
fs.readFileSync(0, "utf8");
console.log(seen.some((s) => s.includes("HIDDEN-SECRET-7391")) ? "leaked" : "clean");
"""


@pytest.mark.parametrize(("language", "source"), [("python", PEEK_OWN_MEMORY), ("javascript", PEEK_OTHER_TESTS)])
def test_a_test_never_sees_a_later_tests_hidden_input(language, source, box):
    inputs = ["sample\\n", "HIDDEN-SECRET-7391\\n", "HIDDEN-SECRET-7391 again\\n"]
    execution = box.execute(language=language, source=source, inputs=inputs, limits=LIMITS, compile_limits=COMPILE)
    assert execution.compiled, execution.compile_output
    assert execution.runs[0].stdout.strip() == "clean", execution.runs[0]


LOOK_FOR_THE_OTHER_BOX = """
import os, socket, sys, time
mine = sys.stdin.read().strip()
started = time.time()
with open("/tmp/input", "w") as handle:
    handle.write(mine)
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
seen = []
try:
    listener.bind("\\0side-by-side")  # abstract: per network namespace
except OSError:
    seen.append("socket")
while time.time() < started + 0.6:
    for pid in (p for p in os.listdir("/proc") if p.isdigit() and p != str(os.getpid())):
        try:
            with open(f"/proc/{pid}/fd/0") as handle:
                seen.append("stdin " + handle.read().strip())
        except OSError:
            pass
    with open("/tmp/input") as handle:
        if handle.read() != mine:
            seen.append("file")
    time.sleep(0.05)
print(mine, os.readlink("/proc/self/ns/pid"), os.readlink("/proc/self/ns/ipc"), started, time.time(), *seen)
"""


def test_boxes_side_by_side_share_nothing(box):
    """A submission's tests are split across two boxes that run at the same time: each test sees only its own
    box (no process, stdin, file or abstract socket of the other), and the two really do overlap in time."""
    inputs = [f"HIDDEN-{i}\n" for i in range(8)]
    execution = box.execute(language="python", source=LOOK_FOR_THE_OTHER_BOX, inputs=inputs, limits=LIMITS)
    assert [run.status for run in execution.runs] == ["OK"] * 8, execution.runs
    reports = [run.stdout.split() for run in execution.runs]
    assert [report[0] for report in reports] == [f"HIDDEN-{i}" for i in range(8)]
    assert all(len(report) == 5 for report in reports), reports  # nothing seen
    first, second = reports[0], reports[1]
    assert first[1] != second[1], "tests 0 and 1 ran in the same PID namespace"
    assert first[2] != second[2], "tests 0 and 1 ran in the same IPC namespace"
    assert float(first[3]) < float(second[4]), "the boxes did not overlap"
    assert float(second[3]) < float(first[4]), "the boxes did not overlap"


def test_the_tests_are_dealt_to_at_most_two_boxes_in_order():
    from coding.sandbox import languages
    from coding.sandbox.bubblewrap import BubblewrapBackend

    python = languages.run_plan("python", "", Limits())
    javascript = languages.run_plan("javascript", "", Limits())
    assert BubblewrapBackend.shares(10, python) == [[0, 2, 4, 6, 8], [1, 3, 5, 7, 9]]
    assert BubblewrapBackend.shares(3, python) == [[0, 1, 2]]  # a second box would cost more than it saves
    assert BubblewrapBackend.shares(3, javascript) == [[0, 2], [1]]
    assert BubblewrapBackend.shares(1, javascript) == [[0]]


@pytest.mark.skipif(os.geteuid() != 0, reason="the box drops privileges only when the worker is root")
@pytest.mark.parametrize("setpriv", [True, False], ids=["setpriv", "popen-user"])
def test_a_root_worker_runs_the_box_as_the_box_uid_with_no_groups_or_capabilities(setpriv):
    box = backend(TEST_UID)
    if not setpriv:
        box.setpriv = ""  # a system without util-linux's setpriv: Popen drops privileges itself
    source = (
        "import os\n"
        "status = dict(line.split(':', 1) for line in open('/proc/self/status'))\n"
        "print(os.getuid(), os.geteuid(), os.getgid(), os.getgroups(), status['CapEff'].strip(), "
        "status['CapPrm'].strip())\n"
    )
    execution = box.execute(language="python", source=source, inputs=[""], limits=LIMITS)
    assert execution.runs[0].stdout.split() == [
        str(TEST_UID),
        str(TEST_UID),
        str(TEST_UID),
        "[]",
        "0000000000000000",
        "0000000000000000",
    ], execution.runs
