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
# Inside one box, one test at a time: two tests in one box run as the same uid, and an exec'd runtime (node,
# java) is dumpable, so each could read the other's stdin (a hidden input) through /proc/<pid>/fd, or meet it
# in /tmp, an abstract socket or SysV memory. A submission's tests are instead split across up to BOXES boxes
# started side by side, each with its own PID, IPC, network and mount namespaces and /tmp: as far apart as two
# different submissions.
BOXES = 2
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
    cpp_link_flags: tuple[str, ...]  # gold when installed: links a typical solution in ~15 ms instead of ~35
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
        cpp_link_flags=("-fuse-ld=gold",) if os.path.exists("/usr/bin/ld.gold") else (),
        extra_ro_dirs=tuple(sorted(extra)),
        identity=identity,
    )


def java_class_name(source: str) -> str:
    """The class to launch: ``Main`` when the source declares it (our wrappers do, and a candidate may add
    their own ``public class Solution`` above it), else the first public class."""
    names = JAVA_CLASS.findall(source)
    if "Main" in names or not names:
        return "Main"
    return names[0]


def source_name(language: LanguageKey, source: str) -> str:
    return {
        "python": "main.py",
        "javascript": "main.js",
        "cpp": "main.cpp",
        "java": f"{java_class_name(source)}.java",
    }[language]


def is_compiled(language: LanguageKey) -> bool:
    return language in ("cpp", "java")


JAVAC_JVM_FLAGS = ("-XX:+UseG1GC", "-XX:ParallelGCThreads=2", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData")


def javac_args(source: str) -> list[str]:
    return ["-encoding", "UTF-8", "-nowarn", "-d", "/out", f"/src/{source_name('java', source)}"]


def javac_jvm_flags(memory_mb: int, *, pre: bool) -> list[str]:
    heap = max(64, memory_mb // 2)
    cds = ["-XX:SharedArchiveFile=/pre/javac.jsa"] if pre else []
    return [f"-Xmx{heap}m", *JAVAC_JVM_FLAGS, *cds, "-Xshare:auto", "-Xlog:disable", "-Xlog:all=error:stderr"]


def compile_argv(language: LanguageKey, source: str, *, memory_mb: int, pre: bool) -> list[str]:
    """The compiler's command line; ``pre``: the prebuilt directory (see ``prebuilt``) is mounted at /pre."""
    tools = toolchain()
    if language == "cpp":
        pch = ["-I/pre"] if pre else []
        return [tools.gxx, *CPP_FLAGS, *tools.cpp_link_flags, *pch, "-o", "/out/main", "/src/main.cpp"]
    return [tools.javac, *(f"-J{flag}" for flag in javac_jvm_flags(memory_mb, pre=pre)), *javac_args(source)]


def javac_warm_argv(memory_mb: int) -> list[str]:
    """javac started ahead of its job (``/pre`` mounted): ``WarmJavac`` compiles the warm-up source, then reads
    one line, ``javac_args`` joined by NUL, from stdin and compiles that with the now warm compiler."""
    return [toolchain().java, *javac_jvm_flags(memory_mb, pre=True), "-cp", "/pre/helper", "WarmJavac"]


# What the compile boxes' warm JVM compiles before its job: small, because under a steady stream of Java
# submissions each box's warm-up is CPU the next submission competes with (this one: ~0.15 s, then a typical
# solution compiles in ~30 ms; JAVAC_WARMUP's ~0.2 s bought nothing more).
JAVAC_BOX_WARMUP = b"""import java.util.*;
public class Warm {
    public static void main(String[] a) {
        List<Integer> xs = new ArrayList<>(List.of(3, 1, 2));
        xs.sort((x, y) -> y - x);
        System.out.println(xs + " " + a.length);
    }
}
"""

# Run by the compile boxes' warm JVM (see javac_warm_argv); compiled into the prebuilt javac directory.
WARM_JAVAC = b"""import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.Comparator;
public class WarmJavac {
    public static void main(String[] args) throws IOException {
        Path scratch = Files.createTempDirectory("warm");
        String[] warm = {"-encoding", "UTF-8", "-nowarn", "-d", scratch.toString(), "/pre/Warm.java"};
        com.sun.tools.javac.Main.compile(warm, new PrintWriter(Writer.nullWriter()));
        try (var paths = Files.walk(scratch)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            System.exit(2);
        }
        System.exit(com.sun.tools.javac.Main.compile(line.split("\\0")));
    }
}
"""


@dataclass(frozen=True)
class Prebuilt:
    argv: list[str]
    files: dict[str, bytes]  # box path -> contents
    dirs: tuple[str, ...]  # made in /out before the build
    product: str  # the file that must exist afterwards, relative to /out


# Exercises what typical solutions make javac load (generics, lambdas, streams, inner classes, records).
JAVAC_WARMUP = b"""import java.io.*;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;
public class Warm {
    record Pair(int a, long b) {}
    static class Node<T extends Comparable<T>> { T value; Node<T> next; }
    interface Op { long apply(long x); }
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        Scanner sc = new Scanner(System.in);
        Map<String, List<Integer>> groups = new HashMap<>();
        groups.computeIfAbsent("a", k -> new ArrayList<>()).add(1);
        PriorityQueue<int[]> pq = new PriorityQueue<>((x, y) -> Integer.compare(x[0], y[0]));
        Deque<Pair> dq = new ArrayDeque<>();
        int[] arr = IntStream.range(0, 10).map(i -> i * i).toArray();
        String s = Arrays.stream(arr).mapToObj(String::valueOf).collect(Collectors.joining(","));
        Op twice = x -> 2 * x;
        BiFunction<Integer, Integer, Integer> add = Integer::sum;
        StringBuilder sb = new StringBuilder(String.format("%d %s %.2f", twice.apply(3), s, 1.5));
        try { System.out.println(sb + " " + add.apply(1, 2) + pq.size() + dq.size()); }
        catch (RuntimeException e) { throw new IllegalStateException(e); }
    }
}
"""


# What a typical solution's JVM loads beyond a hello world (Scanner and its regex engine, collections,
# lambdas and streams, formatting): archived once, each test's JVM maps them instead of parsing them.
JVM_WARMUP = JAVAC_WARMUP.replace(b"Warm", b"WarmRun").replace(
    b"        Scanner sc = new Scanner(System.in);\n",
    b'        Scanner sc = new Scanner("3 4 five\\n6");\n'
    b"        long total = sc.nextInt() + sc.nextLong(); String word = sc.next(); sc.nextLine();\n"
    b"        TreeMap<Integer, Long> tree = new TreeMap<>(Map.of(1, total)); tree.merge(1, 1L, Long::sum);\n"
    b"        List<Integer> list = new ArrayList<>(List.of(3, 1, 2)); list.sort(Comparator.reverseOrder());\n"
    b"        StringTokenizer tokens = new StringTokenizer(word + list + tree);\n"
    b"        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));\n"
    b'        out.println(tokens.nextToken() + Long.parseLong("7") + Math.max(1, 2)); out.flush();\n',
)


def jvm_run_flags(memory_mb: int) -> list[str]:
    """The JVM flags of every test run (the class-data archive is dumped with the same ones)."""
    return [
        f"-Xmx{memory_mb}m",
        f"-Xms{min(memory_mb, 32)}m",
        "-Xss64m",
        f"-XX:MaxDirectMemorySize={memory_mb}m",
        "-XX:MaxMetaspaceSize=96m",
        "-XX:ReservedCodeCacheSize=48m",
        # G1, not Serial: only with G1 does JDK 17 map the archived module graph, ~30 ms off every start.
        "-XX:+UseG1GC",
        "-XX:ParallelGCThreads=2",
        "-XX:ConcGCThreads=1",
        "-XX:TieredStopAtLevel=1",
        "-XX:-UsePerfData",
    ]


def prebuilt(kind: str) -> Prebuilt:
    tools = toolchain()
    java = os.path.join(tools.java_home, "bin", "java")
    if kind == "jvm":
        # Compile the warm-up, list the classes its run loads, dump them into a static CDS archive.
        flags = " ".join(jvm_run_flags(256))
        script = (
            f"{tools.javac} -d /tmp/warm /src/WarmRun.java"
            f" && {java} {flags} -Xshare:auto -XX:DumpLoadedClassList=/tmp/run.lst -cp /tmp/warm WarmRun"
            f" && {java} {flags} -Xshare:dump -XX:SharedClassListFile=/tmp/run.lst"
            " -XX:SharedArchiveFile=/out/run.jsa -Xlog:disable"
        )
        return Prebuilt(
            argv=["/bin/sh", "-c", script], files={"/src/WarmRun.java": JVM_WARMUP}, dirs=(), product="run.jsa"
        )
    if kind == "pch":
        argv = [tools.gxx, *CPP_FLAGS, "-x", "c++-header", tools.stdcpp_header, "-o", "/out/bits/stdc++.h.gch"]
        return Prebuilt(argv=argv, files={}, dirs=("bits",), product="bits/stdc++.h.gch")
    # List the classes javac loads compiling the warm-up, then dump them into a static CDS archive; and
    # the warm compile boxes' helper (see javac_warm_argv) with its warm-up source.
    flags = " ".join(JAVAC_JVM_FLAGS)
    script = (
        f"{java} {flags} -XX:DumpLoadedClassList=/tmp/javac.lst -m jdk.compiler/com.sun.tools.javac.Main"
        " -d /tmp/warm /src/Warm.java"
        f" && {java} {flags} -Xshare:dump -XX:SharedClassListFile=/tmp/javac.lst"
        " -XX:SharedArchiveFile=/out/javac.jsa -Xlog:disable"
        f" && {tools.javac} -d /out/helper /src/WarmJavac.java && cp /src/box/Warm.java /out/Warm.java"
    )
    return Prebuilt(
        argv=["/bin/sh", "-c", script],
        files={
            "/src/Warm.java": JAVAC_WARMUP,
            "/src/WarmJavac.java": WARM_JAVAC,
            "/src/box/Warm.java": JAVAC_BOX_WARMUP,
        },
        dirs=(),
        product="javac.jsa",
    )


@dataclass(frozen=True)
class RunPlan:
    argv: list[str] | None  # None: Python, run by the box runner in a forked child
    python: str | None
    address_space_mb: int  # RLIMIT_AS; 0 for runtimes that reserve far more than they use (JVM, V8)
    rss_limit_mb: int  # the box kills every process once their resident memory sum passes this
    memory_overhead_mb: int  # the runtime's own resident floor, allowed above the problem's limit
    # A second box costs a bwrap and a runner start (~20 ms of CPU): worth it once it takes over at least
    # this many tests (a node or JVM start is far dearer than that, a forked Python test is cheaper).
    tests_per_box: int = 1


def run_plan(language: LanguageKey, source: str, limits: Limits, *, pre: bool = False) -> RunPlan:
    """How the tests start; ``pre``: Java's prebuilt class-data archive (``prebuilt("jvm")``) is at /pre."""
    tools = toolchain()
    mem = limits.memory_mb
    if language == "python":
        return RunPlan(None, "/box/main.py", mem + 64, mem + 32, 16, tests_per_box=4)
    if language == "cpp":
        return RunPlan(["/box/main"], None, mem + 64, mem + 32, 8)
    if language == "javascript":
        # V8 reserves address space it never touches, so RLIMIT_AS is out; the heap flag bounds the JS
        # heap and the box's RSS watch bounds Buffers and everything else off-heap.
        argv = [tools.node, f"--max-old-space-size={mem}", "--stack-size=32000", "/box/main.js"]
        return RunPlan(argv, None, 0, mem + 64, 48)
    argv = [
        tools.java,
        *jvm_run_flags(mem),
        *(["-XX:SharedArchiveFile=/pre/run.jsa"] if pre else []),
        "-Xshare:auto",
        "-Xlog:disable",  # the JVM's own warnings go to stdout by default and would spoil the answer
        "-Xlog:all=warning:stderr",
        "-cp",
        "/box",
        java_class_name(source),
    ]
    return RunPlan(argv, None, 0, mem + 96, 40)
