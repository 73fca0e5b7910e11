"""``manage.py run_code``: the staff tool runs a file through the real sandbox and prints JSON."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from coding.models import Problem
from coding.models import TestCase as ProblemTest

pytestmark = pytest.mark.slow


def run_code(*args) -> dict:
    out = StringIO()
    call_command("run_code", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def files(tmp_path):
    def write(name, text):
        path = tmp_path / name
        path.write_text(text)
        return str(path)

    return write


@pytest.fixture
def doubling(db):
    problem = Problem.objects.create(
        slug="double-it",
        title="Double it",
        difficulty="easy",
        statement="Print twice the number.",
        time_limit_ms=1000,
        memory_limit_mb=128,
        wrapper={"python": "# @@SOLUTION@@\nprint(double(int(input())))\n"},
    )
    for index, (given, expected) in enumerate([("1", "2"), ("5", "10"), ("-3", "-6")], 1):
        ProblemTest.objects.create(
            problem=problem, index=index, input=given, expected_output=expected, is_sample=index == 1
        )
    return problem


def test_stdin_alone_ac_means_it_ran_cleanly(files):
    report = run_code("--language", "python", files("a.py", "print(input()[::-1])"), "--stdin", files("in", "abc"))
    assert report["verdict"] == "AC"
    assert report["stdout"] == "cba\n"
    assert report["tests"][0]["verdict"] == "AC"
    assert {"time_ms", "memory_kb"} <= set(report["tests"][0])


def test_stdin_with_expected_is_judged(files):
    source = files("a.js", "console.log('nope')")
    report = run_code("--language", "javascript", source, "--stdin", files("in", ""), "--expected", files("x", "yes"))
    assert report["verdict"] == "WA"


def test_a_compile_error_is_reported_with_the_compilers_message(files):
    report = run_code("--language", "cpp", files("a.cpp", "int main( {"), "--stdin", files("in", ""))
    assert report["verdict"] == "CE"
    assert "error" in report["compile_output"]


def test_a_solution_is_judged_inside_the_problems_wrapper(files, doubling):
    good = run_code(
        "--language", "python", files("s.py", "def double(n):\n    return 2 * n\n"), "--problem", "double-it"
    )
    assert (good["verdict"], good["passed"], good["total"]) == ("AC", 3, 3)
    bad = run_code(
        "--language", "python", files("b.py", "def double(n):\n    return abs(2 * n)\n"), "--problem", "double-it"
    )
    assert (bad["verdict"], bad["first_failed"]) == ("WA", 3)
    assert [t["verdict"] for t in bad["tests"]] == ["AC", "AC", "WA"]


def test_bad_arguments_fail_with_a_clear_message(files, db):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("run_code", "--language", "python", "/nonexistent/x.py")
    with pytest.raises(CommandError, match="no problem with slug"):
        call_command("run_code", "--language", "python", files("a.py", "print(1)"), "--problem", "nope")
    with pytest.raises(CommandError, match="--expected needs --stdin"):
        call_command("run_code", "--language", "python", files("a.py", "print(1)"), "--expected", files("x", "1"))
