"""Judging: turn a sandbox ``Execution`` and the problem's tests into verdicts. Pure, no Django import.

Outputs are compared after normalising line endings and trimming trailing whitespace (per line and at the
end), or by the problem's checker: ``unordered_lines``, ``unordered_tokens`` or ``float`` (numbers equal
within ``tolerance``, absolute or relative to the expected value; other tokens exactly).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coding.sandbox.types import Execution, RunOutcome

EXACT, UNORDERED_LINES, UNORDERED_TOKENS, FLOAT = "exact", "unordered_lines", "unordered_tokens", "float"
CHECKERS = (EXACT, UNORDERED_LINES, UNORDERED_TOKENS, FLOAT)
AC, WA, TLE, MLE, RE, CE, OLE, IE = "AC", "WA", "TLE", "MLE", "RE", "CE", "OLE", "IE"
_FROM_STATUS = {"TLE": TLE, "MLE": MLE, "RE": RE, "OLE": OLE, "IE": IE}


@dataclass(frozen=True)
class TestSpec:
    __test__ = False  # not a pytest class, whatever its name says

    index: int
    input: str
    expected: str | None  # None: nothing to compare (custom input); AC then means "ran cleanly"
    is_sample: bool = False


@dataclass
class TestResult:
    __test__ = False

    index: int
    verdict: str
    time_ms: int = 0
    memory_kb: int = 0
    is_sample: bool = False
    stdout: str = ""
    stderr: str = ""
    detail: str = ""


@dataclass
class JudgeResult:
    verdict: str
    tests: list[TestResult] = field(default_factory=list)
    passed: int = 0
    total: int = 0
    time_ms: int | None = None  # slowest test
    memory_kb: int | None = None  # largest peak
    first_failed: int | None = None  # index of the first test that is not AC
    compile_output: str = ""
    detail: str = ""  # why the first failing test failed (signal, exception line, limit) or the internal error


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _number(token: str) -> float | None:
    try:
        value = float(token)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _floats_match(got: Sequence[str], expected: Sequence[str], tolerance: float) -> bool:
    if len(got) != len(expected):
        return False
    for mine, theirs in zip(got, expected, strict=True):
        if mine == theirs:
            continue
        a, b = _number(mine), _number(theirs)
        if a is None or b is None or abs(a - b) > tolerance * max(1.0, abs(b)):
            return False
    return True


def outputs_match(got: str, expected: str, *, checker: str = EXACT, tolerance: float = 1e-6) -> bool:
    if checker == UNORDERED_LINES:
        return Counter(_lines(got)) == Counter(_lines(expected))
    if checker == UNORDERED_TOKENS:
        return Counter(got.split()) == Counter(expected.split())
    if checker == FLOAT:
        return _floats_match(got.split(), expected.split(), tolerance)
    if checker != EXACT:
        raise ValueError(f"unknown checker {checker!r}")
    return _lines(got) == _lines(expected)


def _as_specs(tests: Iterable[TestSpec | tuple]) -> list[TestSpec]:
    return [test if isinstance(test, TestSpec) else TestSpec(*test) for test in tests]


def _verdict(run: RunOutcome, spec: TestSpec, checker: str, tolerance: float) -> str:
    if run.status != "OK":
        return _FROM_STATUS.get(run.status, IE)
    if spec.expected is None or outputs_match(run.stdout, spec.expected, checker=checker, tolerance=tolerance):
        return AC
    return WA


def judge(
    execution: Execution,
    tests: Iterable[TestSpec | tuple],
    *,
    checker: str = EXACT,
    tolerance: float = 1e-6,
) -> JudgeResult:
    """Per-test verdicts and the overall one: the first non-AC verdict in test order (AC when none).

    ``tests`` are ``TestSpec`` or ``(index, input, expected, is_sample)`` tuples, in the order their inputs
    were given to the backend (``execution.runs[i]`` belongs to ``tests[i]``).
    """
    specs = _as_specs(tests)
    result = JudgeResult(verdict=AC, total=len(specs), compile_output=execution.compile_output)
    if not execution.compiled and not execution.internal_error:
        result.verdict, result.detail = CE, "compilation failed"
        return result
    if not execution.compiled or (execution.internal_error and not execution.runs):
        result.verdict, result.detail = IE, execution.internal_error or "the sandbox returned nothing"
        result.tests = [TestResult(index=s.index, verdict=IE, is_sample=s.is_sample) for s in specs]
        result.first_failed = specs[0].index if specs else None
        return result
    for position, spec in enumerate(specs):
        if position < len(execution.runs):
            run = execution.runs[position]
            verdict = _verdict(run, spec, checker, tolerance)
            test = TestResult(
                index=spec.index,
                verdict=verdict,
                time_ms=run.time_ms,
                memory_kb=run.memory_kb,
                is_sample=spec.is_sample,
                stdout=run.stdout,
                stderr=run.stderr,
                detail=run.detail,
            )
        else:
            test = TestResult(
                index=spec.index,
                verdict=IE,
                is_sample=spec.is_sample,
                detail=execution.internal_error or "no result",
            )
        result.tests.append(test)
        if test.verdict == AC:
            result.passed += 1
        elif result.first_failed is None:
            result.verdict, result.first_failed = test.verdict, test.index
            result.detail = test.detail or ("wrong answer" if test.verdict == WA else "")
    ran = [t for t in result.tests if t.verdict != IE]
    if ran:
        result.time_ms = max(t.time_ms for t in ran)
        result.memory_kb = max(t.memory_kb for t in ran)
    return result
