"""The bubblewrap backend with honest programs in all four languages: every verdict, and the compile cache."""

from __future__ import annotations

import os
import uuid

import pytest

from coding.judge import judge
from coding.sandbox import Limits
from coding.sandbox.types import SandboxUnavailable

from .hostile import DOUBLE, backend

pytestmark = pytest.mark.slow
LANGUAGES = ["python", "javascript", "java", "cpp"]
SMALL = Limits(cpu_ms=1000, wall_ms=3000, memory_mb=128, output_bytes=16 * 1024)


@pytest.fixture(scope="module")
def box():
    return backend()


def run(box, language, source, inputs, limits=SMALL):
    return box.execute(language=language, source=source, inputs=inputs, limits=limits)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_accepts_a_correct_program_on_every_test(box, language):
    execution = run(box, language, DOUBLE[language], ["1\n", "21\n", "-5\n"])
    result = judge(execution, [(1, "1", "2", True), (2, "21", "42", False), (3, "-5", "-10", False)])
    assert result.verdict == "AC", (execution, result)
    assert (result.passed, result.total, result.first_failed) == (3, 3, None)
    assert all(test.memory_kb > 0 for test in result.tests)
    assert execution.backend == "bubblewrap"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_answer_names_the_first_failing_test(box, language):
    execution = run(box, language, DOUBLE[language], ["1\n", "2\n", "3\n"])
    result = judge(execution, [(1, "1", "2", True), (2, "2", "5", False), (3, "3", "7", False)])
    assert (result.verdict, result.passed, result.first_failed) == ("WA", 1, 2)
    assert [t.verdict for t in result.tests] == ["AC", "WA", "WA"]


RUNTIME_ERRORS = {
    "python": ("x = int(input())\nprint(1 // (x - x))\n", "ZeroDivisionError"),
    "javascript": ("const o = null;\nconsole.log(o.field);\n", "TypeError"),
    "java": (
        "public class Main { public static void main(String[] a) { int[] v = new int[2]; v[5] = 1; } }\n",
        "java.lang.ArrayIndexOutOfBoundsException",
    ),
    "cpp": ("int main(){ volatile int *p = nullptr; *p = 1; return 0; }\n", "SIGSEGV"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_runtime_error_carries_the_exception_or_signal(box, language):
    source, needle = RUNTIME_ERRORS[language]
    execution = run(box, language, source, ["3\n"])
    result = judge(execution, [(1, "3", "", True)])
    assert result.verdict == "RE", execution
    assert needle in result.detail


def test_an_uncaught_cpp_exception_is_named(box):
    source = '#include <stdexcept>\nint main(){ throw std::out_of_range("index 7"); }\n'
    outcome = run(box, "cpp", source, [""]).runs[0]
    assert outcome.status == "RE"
    assert "SIGABRT" in outcome.detail
    assert "std::out_of_range" in outcome.detail


COMPILE_ERRORS = {
    "python": ("def f(:\n    pass\n", "SyntaxError"),
    "java": ("public class Main { public static void main(String[] a) { int x = 1 } }\n", "';' expected"),
    "cpp": ("int main(){ return undefined_name; }\n", "undefined_name"),
}


@pytest.mark.parametrize("language", sorted(COMPILE_ERRORS))
def test_a_compilation_error_returns_the_compilers_message(box, language):
    source, needle = COMPILE_ERRORS[language]
    execution = run(box, language, source, ["1\n"])
    result = judge(execution, [(1, "1", "2", True)])
    assert result.verdict == "CE"
    assert not execution.runs
    assert needle in result.compile_output
    assert "/src/" not in result.compile_output


def test_a_javascript_syntax_error_is_a_runtime_error_with_the_message(box):
    result = judge(run(box, "javascript", "function (\n", ["1\n"]), [(1, "1", "2", True)])
    assert result.verdict == "RE"
    assert "SyntaxError" in result.detail


BUSY = {
    "python": "while True:\n    pass\n",
    "javascript": "for (;;) {}\n",
    "java": "public class Main { public static void main(String[] a) { long x = 0; while (true) { x++; } } }\n",
    "cpp": "int main(){ volatile unsigned long x = 0; for (;;) x++; }\n",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_busy_loop_is_a_time_limit(box, language):
    execution = run(box, language, BUSY[language], ["\n", "\n"])
    result = judge(execution, [(1, "", "", True), (2, "", "", False)])
    assert [t.verdict for t in result.tests] == ["TLE", "TLE"]
    assert result.first_failed == 1


HOG = {
    "python": "blocks = []\nwhile True:\n    blocks.append(bytearray(8 << 20))\n",
    "javascript": "const keep = [];\nwhile (true) keep.push(new Array(1 << 20).fill(1.5));\n",
    "java": (
        "import java.util.*;\npublic class Main { public static void main(String[] a) {\n"
        "  List<long[]> keep = new ArrayList<>(); while (true) keep.add(new long[1 << 20]); } }\n"
    ),
    "cpp": (
        "#include <vector>\n#include <cstring>\nint main(){ std::vector<char*> v;"
        " for(;;){ char* p = new char[8 << 20]; std::memset(p, 1, 8 << 20); v.push_back(p);} }\n"
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_memory_hog_is_a_memory_limit(box, language):
    execution = run(box, language, HOG[language], ["\n"])
    assert judge(execution, [(1, "", "", True)]).verdict == "MLE", execution.runs


SPAM = {
    "python": "while True:\n    print('spam' * 100)\n",
    "javascript": "const s = 'spam'.repeat(100) + '\\n';\nfor (;;) process.stdout.write(s);\n",
    "java": 'public class Main { public static void main(String[] a) { for (;;) System.out.println("spam"); } }\n',
    "cpp": '#include <cstdio>\nint main(){ for(;;) std::puts("spam spam spam"); }\n',
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_endless_output_is_an_output_limit(box, language):
    execution = run(box, language, SPAM[language], ["\n"])
    outcome = execution.runs[0]
    assert outcome.status == "OLE", outcome
    assert len(outcome.stdout.encode()) <= SMALL.output_bytes


def test_the_second_compile_of_the_same_source_hits_the_cache(box):
    source = DOUBLE["cpp"] + f"// {uuid.uuid4()}\n"
    first = run(box, "cpp", source, ["4\n"])
    second = run(box, "cpp", source, ["5\n"])
    assert (first.compile_cached, second.compile_cached) == (False, True)
    assert first.compile_time_ms > 0
    assert second.compile_time_ms == 0
    assert [r.stdout.strip() for r in first.runs + second.runs] == ["8", "10"]


def test_java_takes_the_class_name_from_the_source(box):
    source = DOUBLE["java"].replace("class Main", "class Solution")
    assert run(box, "java", source, ["8\n"]).runs[0].stdout.strip() == "16"


JAVA_MAPS_ARCHIVE = """import java.nio.file.*;
public class Main {
  public static void main(String[] a) throws Exception {
    boolean mapped = Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(l -> l.endsWith("/pre/run.jsa"));
    System.out.println(mapped + " " + Files.isWritable(Path.of("/pre/run.jsa")));
  }
}
"""


def test_java_tests_map_the_prebuilt_class_data_archive_read_only(box):
    runs = run(box, "java", JAVA_MAPS_ARCHIVE, ["\n", "\n"]).runs
    assert [outcome.stdout.strip() for outcome in runs] == ["true false", "true false"], runs


def test_python_programs_see_main_and_exit_codes(box):
    source = "import sys\nif __name__ == '__main__':\n    print(sys.argv[0].endswith('main.py'))\n    sys.exit(3)\n"
    outcome = run(box, "python", source, [""]).runs[0]
    assert (outcome.stdout.strip(), outcome.status, outcome.exit_code) == ("True", "RE", 3)


def test_stderr_is_returned_separately(box):
    source = "import sys\nprint('out')\nprint('err', file=sys.stderr)\n"
    outcome = run(box, "python", source, [""]).runs[0]
    assert (outcome.stdout, outcome.stderr, outcome.status) == ("out\n", "err\n", "OK")


def test_large_inputs_reach_the_program_whole(box):
    numbers = " ".join(str(i) for i in range(200_000))
    source = "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n"
    execution = run(box, "python", source, [numbers, numbers])
    assert [r.stdout.strip() for r in execution.runs] == [str(sum(range(200_000)))] * 2


def test_no_bwrap_means_unavailable_with_a_reason(tmp_path):
    from coding.sandbox.bubblewrap import BubblewrapBackend

    missing = BubblewrapBackend(state_dir=tmp_path, bwrap="")
    missing.bwrap = ""
    with pytest.raises(SandboxUnavailable, match="bubblewrap"):
        missing.execute(language="python", source="print(1)", inputs=[""], limits=SMALL)


def test_the_cache_keeps_its_most_recently_used_entries(tmp_path):
    from coding.sandbox.bubblewrap import BubblewrapBackend

    cache = tmp_path / "cpp"
    cache.mkdir()
    for n in range(10):
        (cache / f"entry{n}").mkdir()
        os.utime(cache / f"entry{n}", (1000 + n, 1000 + n))
    BubblewrapBackend(state_dir=tmp_path, cache_entries=8)._prune(cache)
    assert sorted(p.name for p in cache.iterdir()) == [f"entry{n}" for n in range(4, 10)]
