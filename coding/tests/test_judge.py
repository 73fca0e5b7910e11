"""coding.judge: pure comparisons and verdicts, no sandbox and no database."""

from __future__ import annotations

import pytest

from coding.judge import TestSpec, judge, outputs_match
from coding.sandbox.types import Execution, RunOutcome


def ok(index, stdout, time_ms=5, memory_kb=1000):
    return RunOutcome(index=index, status="OK", stdout=stdout, time_ms=time_ms, memory_kb=memory_kb)


@pytest.mark.parametrize(
    ("got", "expected", "match"),
    [
        ("1 2 3\n", "1 2 3", True),
        ("1 2 3   \n\n\n", "1 2 3\n", True),
        ("a\r\nb\r\n", "a\nb\n", True),
        ("a  \nb\t\n", "a\nb", True),
        ("1 2 3", "1  2 3", False),
        (" 1", "1", False),
        ("a\n\nb", "a\nb", False),
        ("", "", True),
        ("", "0", False),
    ],
)
def test_exact_compares_after_trimming_trailing_whitespace(got, expected, match):
    assert outputs_match(got, expected) is match


def test_unordered_lines_ignores_line_order_but_counts_duplicates():
    assert outputs_match("b\na\na\n", "a\na\nb", checker="unordered_lines")
    assert not outputs_match("b\na\n", "a\na\nb", checker="unordered_lines")
    assert not outputs_match("a b\n", "b a\n", checker="unordered_lines")


def test_unordered_tokens_ignores_order_and_spacing():
    assert outputs_match("3 1\n2", "1 2 3", checker="unordered_tokens")
    assert not outputs_match("1 2 2", "1 2 3", checker="unordered_tokens")


def test_float_checker_uses_the_tolerance_absolute_or_relative():
    assert outputs_match("0.3333333\n", "0.333333333", checker="float", tolerance=1e-6)
    assert not outputs_match("0.334", "0.333333333", checker="float", tolerance=1e-6)
    assert outputs_match("1000000.5", "1000000.0", checker="float", tolerance=1e-6)  # relative
    assert outputs_match("yes 2.0000001", "yes 2", checker="float", tolerance=1e-6)
    assert not outputs_match("no 2", "yes 2", checker="float")
    assert not outputs_match("1 2", "1 2 3", checker="float")
    assert not outputs_match("nan", "nan0", checker="float")


def test_an_unknown_checker_is_refused():
    with pytest.raises(ValueError, match="unknown checker"):
        outputs_match("1", "1", checker="regex")


def test_the_overall_verdict_is_the_first_failure_in_test_order():
    execution = Execution(
        compiled=True,
        runs=[
            ok(0, "2", time_ms=3, memory_kb=900),
            RunOutcome(index=1, status="TLE", time_ms=2001, memory_kb=800, detail="CPU time limit"),
            RunOutcome(index=2, status="RE", memory_kb=5000, detail="killed by SIGSEGV"),
            ok(3, "8"),
        ],
    )
    tests = [(10, "1", "2", True), (11, "2", "4", False), (12, "3", "6", False), (13, "4", "8", False)]
    result = judge(execution, tests)
    assert [t.verdict for t in result.tests] == ["AC", "TLE", "RE", "AC"]
    assert (result.verdict, result.first_failed, result.passed, result.total) == ("TLE", 11, 2, 4)
    assert (result.time_ms, result.memory_kb) == (2001, 5000)
    assert result.detail == "CPU time limit"
    assert result.tests[2].detail == "killed by SIGSEGV"


def test_all_passing_is_accepted():
    result = judge(Execution(compiled=True, runs=[ok(0, "1"), ok(1, "2")]), [(1, "", "1", True), (2, "", "2", False)])
    assert (result.verdict, result.passed, result.first_failed) == ("AC", 2, None)


def test_a_compilation_failure_is_ce_with_the_message_and_no_test_runs():
    result = judge(Execution(compiled=False, compile_output="main.cpp:1: error: x"), [(1, "", "1", True)])
    assert (result.verdict, result.compile_output, result.tests, result.total) == ("CE", "main.cpp:1: error: x", [], 1)


def test_an_internal_error_marks_every_test_ie():
    result = judge(Execution(compiled=True, internal_error="judge0 down"), [(1, "", "1", True), (2, "", "2", False)])
    assert result.verdict == "IE"
    assert [t.verdict for t in result.tests] == ["IE", "IE"]
    assert result.detail == "judge0 down"


def test_missing_runs_are_internal_errors_for_those_tests_only():
    execution = Execution(compiled=True, runs=[ok(0, "1")], internal_error="box died")
    result = judge(execution, [TestSpec(1, "", "1"), TestSpec(2, "", "2")])
    assert [t.verdict for t in result.tests] == ["AC", "IE"]
    assert (result.verdict, result.first_failed) == ("IE", 2)


def test_without_expected_output_ac_means_it_ran_cleanly():
    result = judge(Execution(compiled=True, runs=[ok(0, "anything")]), [TestSpec(1, "x", None)])
    assert result.verdict == "AC"
    result = judge(Execution(compiled=True, runs=[RunOutcome(index=0, status="OLE")]), [TestSpec(1, "x", None)])
    assert result.verdict == "OLE"


def test_the_checker_is_applied_to_every_test():
    execution = Execution(compiled=True, runs=[ok(0, "b\na"), ok(1, "0.50000001")])
    result = judge(execution, [(1, "", "a\nb", True), (2, "", "0.5", False)], checker="unordered_lines")
    assert [t.verdict for t in result.tests] == ["AC", "WA"]
    result = judge(execution, [(1, "", "a b", True), (2, "", "0.5", False)], checker="float", tolerance=1e-6)
    assert [t.verdict for t in result.tests] == ["WA", "AC"]
