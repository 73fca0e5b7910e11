"""Sandbox benchmark: box overhead vs a bare start, compile times, 10-test submission latency, throughput.

    .venv/bin/python bench/sandbox.py [--quick]

Runs the real bubblewrap backend (state under ``$VAR_DIR/sandbox``, default ``./var/sandbox``) and prints a
table. Bounded: about two minutes (``--quick``: about thirty seconds). The machine's load average is printed
before and after, since other work on the machine moves every figure.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coding.sandbox import languages
from coding.sandbox.bubblewrap import BubblewrapBackend
from coding.sandbox.types import Limits

LANGS = ["python", "javascript", "java", "cpp"]
TRIVIAL = {
    "python": "print('ok')\n",
    "javascript": "console.log('ok');\n",
    "java": 'public class Main { public static void main(String[] a) { System.out.println("ok"); } }\n',
    "cpp": '#include <cstdio>\nint main(){ std::puts("ok"); }\n',
}
# A typical wrapper + solution: read an array, answer with its sum and maximum.
SUM_MAX = {
    "python": "import sys\nxs = list(map(int, sys.stdin.read().split()))[1:]\nprint(sum(xs), max(xs))\n",
    "javascript": (
        "const xs = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).slice(1).map(Number);\n"
        "console.log(xs.reduce((a, b) => a + b, 0), Math.max(...xs));\n"
    ),
    "java": (
        "import java.io.*;\nimport java.util.*;\npublic class Main {\n"
        "  public static void main(String[] a) throws IOException {\n"
        "    BufferedReader r = new BufferedReader(new InputStreamReader(System.in));\n"
        '    StringTokenizer t = new StringTokenizer(r.readLine() + " " + r.readLine());\n'
        "    int n = Integer.parseInt(t.nextToken()); long s = 0, m = Long.MIN_VALUE;\n"
        "    for (int i = 0; i < n; i++) { long x = Long.parseLong(t.nextToken()); s += x; m = Math.max(m, x); }\n"
        '    System.out.println(s + " " + m);\n  }\n}\n'
    ),
    "cpp": (
        "#include <bits/stdc++.h>\nusing namespace std;\n"
        "int main(){ int n; cin >> n; vector<long long> v(n); for (auto& x : v) cin >> x;\n"
        "  cout << accumulate(v.begin(), v.end(), 0LL) << ' ' << *max_element(v.begin(), v.end()) << '\\n'; }\n"
    ),
}
TEN_INPUTS = [f"{n}\n" + " ".join(str((i * 7919) % 1000) for i in range(n)) + "\n" for n in range(1, 1001, 100)]
LIMITS = Limits(cpu_ms=2000, wall_ms=6000, memory_mb=256)
SPACED_S = 0.25


def fresh(language: str, source: str) -> str:
    """The same program as a never-seen source (defeats the compile cache, as a new submission does)."""
    comment = "#" if language == "python" else "//"
    return f"{source}{comment} {uuid.uuid4().hex}\n"


def ms(seconds: float) -> float:
    return seconds * 1000


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bare_argv(box: BubblewrapBackend, language: str, workdir: Path) -> list[str]:
    """The command a box runs for this language, with the same flags, started bare (no bwrap, no runner)."""
    tools = languages.toolchain()
    source = workdir / languages.source_name(language, TRIVIAL[language])
    source.write_text(TRIVIAL[language])
    archive = box._prebuilt("jvm") if language == "java" else None
    plan = languages.run_plan(language, TRIVIAL[language], LIMITS, pre=bool(archive))
    if language == "python":
        # The box forks its Python tests from the runner (started with -I -S -B), with no interpreter start
        # of their own: the bare equivalent is a plain interpreter start, as a candidate would run it.
        return [tools.python, str(source)]
    if language == "cpp":
        subprocess.run([tools.gxx, *languages.CPP_FLAGS, "-o", str(workdir / "main"), str(source)], check=True)
        return [str(workdir / "main")]
    if language == "java":
        subprocess.run([tools.javac, "-d", str(workdir), str(source)], check=True)
        paths = {"/box": str(workdir), "-XX:SharedArchiveFile=/pre/run.jsa": f"-XX:SharedArchiveFile={archive}/run.jsa"}
        return [paths.get(a, a) for a in plan.argv or []]
    return [str(source) if a.startswith("/box/") else a for a in plan.argv or []]


def cpu_ms() -> float:
    """CPU time of this process and every child it has waited for (a box's bwrap, runner and programs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return ms(own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime)


def time_it(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(ms(time.perf_counter() - started))
    return times


def overhead(box: BubblewrapBackend, repeat: int) -> None:
    print("\n1. One run of a trivial program: sandboxed (execute(), in a pre-started box) vs bare")
    print("   bare = the box's own command line and flags, started directly; box = execute() as the worker calls")
    print("   it (a box started ahead, waiting for its job; its replacement starts after it); cold = a box")
    print("   started for the job (bwrap + runner + program, no pre-start); runs interleaved bare/box/cold so")
    print("   that load drifts alike on all; cpu = user+sys of this process and its children per run (a box's")
    print("   whole life, start-up included)")
    print(
        f"{'language':<11} {'bare p50':>9} {'box p50':>9} {'ratio':>6} {'cold p50':>9} {'ratio':>6}"
        f" {'bare cpu':>9} {'box cpu':>8} {'ratio':>6}   (ms, {repeat} runs each; target ratio ≤ 1.5 for the"
        " interpreters)"
    )
    cold_box = BubblewrapBackend(state_dir=box.state_dir, prestart=False)
    for language in LANGS:
        with tempfile.TemporaryDirectory() as tmp:
            argv = bare_argv(box, language, Path(tmp))
            box.execute(language=language, source=TRIVIAL[language], inputs=[""], limits=LIMITS)  # compile, warm
            subprocess.run(argv, capture_output=True, check=True)
            bare, boxed, cold, bare_cpu, box_cpu = [], [], [], [], []
            for _ in range(repeat):
                before, started = cpu_ms(), time.perf_counter()
                subprocess.run(argv, capture_output=True, check=True)
                bare.append(ms(time.perf_counter() - started))
                bare_cpu.append(cpu_ms() - before)
                before, started = cpu_ms(), time.perf_counter()
                execution = box.execute(language=language, source=TRIVIAL[language], inputs=[""], limits=LIMITS)
                boxed.append(ms(time.perf_counter() - started))
                box_cpu.append(cpu_ms() - before)
                assert execution.runs[0].status == "OK", execution
                started = time.perf_counter()
                execution = cold_box.execute(language=language, source=TRIVIAL[language], inputs=[""], limits=LIMITS)
                cold.append(ms(time.perf_counter() - started))
                assert execution.runs[0].status == "OK", execution
        b, s, c = statistics.median(bare), statistics.median(boxed), statistics.median(cold)
        bc, sc = statistics.median(bare_cpu), statistics.median(box_cpu)
        verdict = "" if language == "cpp" else ("  met" if s / b <= 1.5 else "  MISSED")
        print(
            f"{language:<11} {b:9.1f} {s:9.1f} {s / b:6.2f} {c:9.1f} {c / b:6.2f} {bc:9.1f} {sc:8.1f} {sc / bc:6.2f}"
            f"{verdict}"
        )


def compile_times(box: BubblewrapBackend, repeat: int) -> None:
    print("\n2. Compile (inside a box): a new source vs the same source again (cache hit)")
    print(f"{'language':<11} {'cold p50':>9} {'cold max':>9} {'cached p50':>11}   (ms)")
    for language in ("cpp", "java"):
        cold = []
        for _ in range(repeat):
            execution = box.execute(
                language=language, source=fresh(language, SUM_MAX[language]), inputs=[], limits=LIMITS
            )
            cold.append(execution.compile_time_ms)
        source = fresh(language, SUM_MAX[language])
        box.execute(language=language, source=source, inputs=[], limits=LIMITS)
        cached = time_it(
            lambda s=source, lang=language: box.execute(language=lang, source=s, inputs=[], limits=LIMITS), repeat
        )
        print(f"{language:<11} {statistics.median(cold):9.0f} {max(cold):9.0f} {statistics.median(cached):11.1f}")


def latency(box: BubblewrapBackend, repeat: int) -> None:
    print(f"\n3. Submission latency, 10 tests ({repeat} submissions per language; new = never-seen source)")
    print("   new = back to back (each submission's replacement boxes start while the next one runs);")
    print(
        f"   spaced = {SPACED_S} s apart, as a worker that is not saturated sees them (its boxes started in between);"
    )
    print("   cpu = CPU time of the whole box (all processes) per new submission: what load does not inflate")
    print(
        f"{'language':<11} {'new p50':>8} {'new p95':>8} {'spaced p50':>11} {'spaced p95':>11} {'cpu p50':>8}"
        f" {'resubmit p50':>13} {'target':>7}   (ms; target for new p50)"
    )
    targets = {"python": 50, "javascript": 300, "cpp": 400, "java": 600}

    def submit(language: str) -> float:
        started = time.perf_counter()
        execution = box.execute(
            language=language, source=fresh(language, SUM_MAX[language]), inputs=TEN_INPUTS, limits=LIMITS
        )
        assert all(run.status == "OK" for run in execution.runs), execution
        return ms(time.perf_counter() - started)

    for language in LANGS:
        new, cpu, spaced = [], [], []
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            new.append(submit(language))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(ms(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime))
        for _ in range(max(3, repeat // 2)):
            time.sleep(SPACED_S)
            spaced.append(submit(language))
        source = SUM_MAX[language]
        again = time_it(
            lambda s=source, lang=language: box.execute(language=lang, source=s, inputs=TEN_INPUTS, limits=LIMITS),
            max(3, repeat // 2),
        )
        print(
            f"{language:<11} {statistics.median(new):8.0f} {pct(new, 0.95):8.0f} {statistics.median(spaced):11.0f}"
            f" {pct(spaced, 0.95):11.0f} {statistics.median(cpu):8.0f} {statistics.median(again):13.0f}"
            f" {targets[language]:7d}  {'met' if statistics.median(new) <= targets[language] else 'MISSED'}"
        )


def _worker(args: tuple[str, str, float]) -> int:
    state_dir, mix, seconds = args
    box = BubblewrapBackend(state_dir=Path(state_dir))
    langs = LANGS if mix == "mix" else [mix]
    done, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        language = langs[done % len(langs)]
        box.execute(language=language, source=fresh(language, SUM_MAX[language]), inputs=TEN_INPUTS, limits=LIMITS)
        done += 1
    return done


def throughput(state_dir: Path, seconds: float) -> None:
    print(f"\n4. Throughput with two worker processes judging at once ({seconds:.0f} s each, new sources)")
    print(f"{'workload':<16} {'submissions':>11} {'per second':>11}")
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        for mix in ("python", "mix"):
            started = time.monotonic()
            counts = pool.map(_worker, [(str(state_dir), mix, seconds)] * 2)
            elapsed = time.monotonic() - started
            label = "python" if mix == "python" else "mix of all four"
            print(f"{label:<16} {sum(counts):11d} {sum(counts) / elapsed:11.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (about 30 s)")
    options = parser.parse_args()
    var_dir = Path(os.environ.get("VAR_DIR") or Path(__file__).resolve().parent.parent / "var")
    state_dir = var_dir / "sandbox"
    box = BubblewrapBackend(state_dir=state_dir)
    box.probe()
    load = os.getloadavg()
    print(
        f"bubblewrap sandbox benchmark — {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    started = time.monotonic()
    box.execute(language="cpp", source=SUM_MAX["cpp"], inputs=[], limits=LIMITS)  # builds the PCH once
    print(f"(precompiled header ready in {time.monotonic() - started:.1f} s)")
    quick = options.quick
    overhead(box, 5 if quick else 15)
    compile_times(box, 3 if quick else 6)
    latency(box, 5 if quick else 20)
    throughput(state_dir, 5 if quick else 12)
    load = os.getloadavg()
    print(f"\nload average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; total {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
