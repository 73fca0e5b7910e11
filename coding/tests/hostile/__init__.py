"""Hostile programs (files next to this module) and the helpers the sandbox tests share.

Each program file starts with a comment line ``expect: VERDICT [LIMITS]`` that ``test_hostile.py`` reads.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

from coding.sandbox.bubblewrap import BubblewrapBackend
from coding.sandbox.pool import POOL

HERE = Path(__file__).resolve().parent
EXTENSIONS = {".py": "python", ".js": "javascript", ".java": "java", ".cpp": "cpp"}
# The suites run their boxes as their own uid, so "no process left behind" can be checked exactly even while
# other boxes (the app's, other test runs') are running on the machine.
# Each test process (an xdist worker, or a second run in another checkout) gets its own, from its pid.
TEST_UID = 64_000 + os.getpid() % 900


def backend(uid: int = TEST_UID) -> BubblewrapBackend:
    return BubblewrapBackend(state_dir=Path(settings.SANDBOX_DIR), uid=uid, gid=uid)


def processes_of(uid: int) -> list[int]:
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/status") as handle:
                for line in handle:
                    if line.startswith("Uid:"):
                        if int(line.split()[1]) == uid:
                            pids.append(int(name))
                        break
        except OSError:
            continue
    return pids


def parent_of(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return int(handle.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def idle_box_pids() -> set[int]:
    """The processes of the boxes waiting, pre-started, in this process's pool: each has run nothing of a job,
    so its tree is its ``bwrap``, the runner and what the runner starts before its job (a Java compile box's
    warm javac JVM). Anything else of the boxes' uid was left behind."""
    POOL.settle()
    tree = {box.proc.pid for box in POOL.idle()}
    parents = {pid: parent_of(pid) for pid in _all_pids()}
    grown = True
    while grown:  # descendants, level by level
        new = {pid for pid, parent in parents.items() if parent in tree and pid not in tree}
        tree |= new
        grown = bool(new)
    return tree


def _all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


# Honest programs: read one integer, print its double.
DOUBLE = {
    "python": "n = int(input())\nprint(n * 2)\n",
    "javascript": "const n = Number(require('fs').readFileSync(0, 'utf8').trim());\nconsole.log(n * 2);\n",
    "java": (
        "import java.util.*;\n"
        "public class Main {\n"
        "  public static void main(String[] a) {\n"
        "    Scanner s = new Scanner(System.in);\n"
        "    System.out.println(s.nextLong() * 2);\n"
        "  }\n"
        "}\n"
    ),
    "cpp": "#include <bits/stdc++.h>\nint main(){ long long n; std::cin >> n; std::cout << n * 2 << '\\n'; }\n",
}
