"""How each language is compiled and started inside a box: paths, flags, and the memory each runtime needs.

No Django import. Paths are the box's view: sources in ``/src`` (compile) or ``/box`` (run), artifacts
written to ``/out`` and mounted read-only at ``/box`` for the runs.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

from .types import LanguageKey, Limits

CPP_FLAGS = ("-std=gnu++17", "-O2", "-pipe", "-DONLINE_JUDGE")
PYTHON = "/usr/bin/python3"
PARALLEL = max(1, min(2, os.cpu_count() or 1))
JAVA_CLASS = re.compile(r"^\s*public\s+(?:final\s+|abstract\s+)*class\s+([A-Za-z_$][\w$]*)", re.MULTILINE)


@dataclass(frozen=True)
class Toolchain:
    """Absolute paths of the runtimes, resolved once on the host (the box sees the same /usr)."""

    python: str
    node: str
    gxx: str
    java: str
    javac: str
    java_home: str
    stdcpp_header: str  # bits/stdc++.h of this g++, precompiled once per flag set
    extra_ro_dirs: tuple[str, ...]  # e.g. /etc/java-17-openjdk that the JDK's conf/ links into
    identity: str  # versions, part of every cache key


def _which(name: str) -> str:
    found = shutil.which(name, path="/usr/local/bin:/usr/bin:/bin")
    return os.path.realpath(found) if found else ""


@cache
def toolchain() -> Toolchain:
    javac = _which("javac")
    java_home = os.path.dirname(os.path.dirname(javac)) if javac else ""
    java = os.path.join(java_home, "bin", "java") if java_home else _which("java")
    extra: set[str] = set()
    conf = os.path.join(java_home, "conf")
    if os.path.isdir(conf):
        for root, _dirs, files in os.walk(conf):
            for name in files:
                target = os.path.realpath(os.path.join(root, name))
                if target.startswith("/etc/"):
                    extra.add("/".join(target.split("/")[:3]))  # /etc/java-17-openjdk
    gxx = _which("g++")
    header = ""
    if gxx:
        major = subprocess.run([gxx, "-dumpversion"], capture_output=True, text=True, check=False).stdout.strip()
        matches = sorted(glob.glob(f"/usr/include/*/c++/{major.split('.')[0]}/bits/stdc++.h"))
        header = matches[0] if matches else ""
    identity = "|".join(
        f"{path}:{os.stat(path).st_mtime_ns}" if path and os.path.exists(path) else "-" for path in (gxx, javac)
    )
    return Toolchain(
        python=PYTHON if os.path.exists(PYTHON) else "",
        node=_which("node"),
        gxx=gxx,
        java=java if java and os.path.exists(java) else "",
        javac=javac,
        java_home=java_home,
        stdcpp_header=header,
        extra_ro_dirs=tuple(sorted(extra)),
        identity=identity,
    )


def java_class_name(source: str) -> str:
    match = JAVA_CLASS.search(source)
    return match.group(1) if match else "Main"


def source_name(language: LanguageKey, source: str) -> str:
    return {
        "python": "main.py",
        "javascript": "main.js",
        "cpp": "main.cpp",
        "java": f"{java_class_name(source)}.java",
    }[language]


def is_compiled(language: LanguageKey) -> bool:
    return language in ("cpp", "java")


def compile_argv(language: LanguageKey, source: str, *, memory_mb: int, pch: bool) -> list[str]:
    tools = toolchain()
    if language == "cpp":
        return [tools.gxx, *CPP_FLAGS, *(["-I/pch"] if pch else []), "-o", "/out/main", "/src/main.cpp"]
    heap = max(64, memory_mb // 2)
    return [
        tools.javac,
        f"-J-Xmx{heap}m",
        "-J-XX:+UseSerialGC",
        "-J-XX:TieredStopAtLevel=1",
        "-J-XX:-UsePerfData",
        "-J-Xshare:auto",
        "-encoding",
        "UTF-8",
        "-nowarn",
        "-d",
        "/out",
        f"/src/{source_name('java', source)}",
    ]


def pch_argv() -> list[str]:
    tools = toolchain()
    return [tools.gxx, *CPP_FLAGS, "-x", "c++-header", tools.stdcpp_header, "-o", "/out/bits/stdc++.h.gch"]


@dataclass(frozen=True)
class RunPlan:
    argv: list[str] | None  # None: Python, run by the box runner in a forked child
    python: str | None
    address_space_mb: int  # RLIMIT_AS; 0 for runtimes that reserve far more than they use (JVM, V8)
    rss_limit_mb: int  # the box kills every process once their resident memory sum passes this
    memory_overhead_mb: int  # the runtime's own resident floor, allowed above the problem's limit
    # Tests run side by side in the box, for runtimes whose start-up dominates a test (node, the JVM); see
    # docs/architecture.md for what the tests of one batch share (/tmp, the process limit).
    parallel: int = 1


def run_plan(language: LanguageKey, source: str, limits: Limits) -> RunPlan:
    tools = toolchain()
    mem = limits.memory_mb
    if language == "python":
        return RunPlan(None, "/box/main.py", mem + 64, mem + 32, 16)
    if language == "cpp":
        return RunPlan(["/box/main"], None, mem + 64, mem + 32, 8)
    if language == "javascript":
        # V8 reserves address space it never touches, so RLIMIT_AS is out; the heap flag bounds the JS
        # heap and the box's RSS watch bounds Buffers and everything else off-heap.
        argv = [tools.node, f"--max-old-space-size={mem}", "--stack-size=32000", "/box/main.js"]
        return RunPlan(argv, None, 0, mem + 64, 48, parallel=PARALLEL)
    argv = [
        tools.java,
        f"-Xmx{mem}m",
        f"-Xms{min(mem, 32)}m",
        "-Xss64m",
        f"-XX:MaxDirectMemorySize={mem}m",
        "-XX:MaxMetaspaceSize=96m",
        "-XX:ReservedCodeCacheSize=48m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-XX:-UsePerfData",
        "-Xshare:auto",
        "-Xlog:disable",  # the JVM's own warnings go to stdout by default and would spoil the answer
        "-Xlog:all=warning:stderr",
        "-cp",
        "/box",
        java_class_name(source),
    ]
    return RunPlan(argv, None, 0, mem + 96, 40, parallel=PARALLEL)
