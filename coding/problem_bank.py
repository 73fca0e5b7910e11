"""Reading and validating the problem bank in ``coding/data/problems/<slug>/`` (format: coding/data/README.md),
and checking a reference solution against its tests through a sandbox backend.

Pure Python (no Django): the loader command, the admin's "Validate references" action and the tests call it.
Any problem raises :class:`ProblemBankError` naming the slug and the file, so a broken edit is caught before
anything is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from coding.data.generate import generated_input, sha256
from coding.data.scaffold import EXTENSIONS, LANGUAGES, TYPES
from coding.program import MARKER

PROBLEMS_DIR = Path(__file__).resolve().parent / "data" / "problems"

DIFFICULTIES = ("easy", "medium", "hard")
TOPICS = (
    "arrays",
    "strings",
    "hashing",
    "two-pointers",
    "sliding-window",
    "stack",
    "linked-lists",
    "trees",
    "graphs",
    "binary-search",
    "heaps",
    "intervals",
    "dynamic-programming",
    "greedy",
    "sorting",
    "math",
)
CHECKERS = ("exact", "unordered_lines", "unordered_tokens", "float")
MIN_TESTS = 10
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TEST_RE = re.compile(r"^\d{2}$")
_FIELDS = {
    "title": str,
    "difficulty": str,
    "topics": list,
    "position": int,
    "time_limit_ms": int,
    "memory_limit_mb": int,
    "checker": str,
    "checker_tolerance": float,
    "constraints": list,
    "hints": list,
    "signature": dict,
    "tests": list,
}
_OPTIONAL = {"checker_tolerance", "signature"}


class ProblemBankError(ValueError):
    """A problem's files are malformed; the message names the slug and the file."""


def _fail(where: str, message: str) -> ProblemBankError:
    return ProblemBankError(f"{where}: {message}")


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(str(path), "missing") from None
    except UnicodeDecodeError:
        raise _fail(str(path), "not UTF-8") from None


def _check_meta(meta: object, where: str) -> dict:
    if not isinstance(meta, dict):
        raise _fail(where, "expected a JSON object")
    unknown = set(meta) - set(_FIELDS)
    if unknown:
        raise _fail(where, f"unknown field(s) {sorted(unknown)}")
    for name, kind in _FIELDS.items():
        if name not in meta:
            if name in _OPTIONAL:
                continue
            raise _fail(where, f"missing field {name!r}")
        value = meta[name]
        if kind is float and isinstance(value, int):
            value = meta[name] = float(value)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise _fail(where, f"{name!r} must be a {kind.__name__}")
    if not meta["title"].strip() or len(meta["title"]) > 120:
        raise _fail(where, "title must be 1–120 characters")
    if meta["difficulty"] not in DIFFICULTIES:
        raise _fail(where, f"unknown difficulty {meta['difficulty']!r}")
    topics = meta["topics"]
    if not topics or any(t not in TOPICS for t in topics) or len(set(topics)) != len(topics):
        raise _fail(where, f"topics must be distinct values of {TOPICS}, got {topics!r}")
    if meta["checker"] not in CHECKERS:
        raise _fail(where, f"unknown checker {meta['checker']!r}")
    if not 100 <= meta["time_limit_ms"] <= 20_000:
        raise _fail(where, "time_limit_ms must be within 100–20000")
    if not 32 <= meta["memory_limit_mb"] <= 2048:
        raise _fail(where, "memory_limit_mb must be within 32–2048")
    if not 0 < meta.get("checker_tolerance", 1e-6) < 1:
        raise _fail(where, "checker_tolerance must be within (0, 1)")
    hints = meta["hints"]
    if len(hints) != 3 or not all(isinstance(h, str) and h.strip() for h in hints):
        raise _fail(where, "hints must be exactly three non-empty strings: nudge, approach, near-solution")
    if not meta["constraints"] or not all(isinstance(c, str) and c.strip() for c in meta["constraints"]):
        raise _fail(where, "constraints must be a non-empty list of strings")
    signature = meta.get("signature")
    if signature is not None:
        kinds = [k for _, k in signature.get("params", [])] + [signature.get("returns")]
        if not isinstance(signature.get("function"), str) or any(k not in TYPES for k in kinds):
            raise _fail(where, f"signature must name a function and use types from {TYPES}")
    return meta


def _read_tests(folder: Path, meta: dict, where: str) -> list[dict]:
    tests_dir = folder / "tests"
    declared = meta["tests"]
    names = [t.get("name") if isinstance(t, dict) else None for t in declared]
    if any(not isinstance(n, str) or not _TEST_RE.match(n) for n in names) or len(set(names)) != len(names):
        raise _fail(where, "every test needs a distinct two-digit 'name' (01, 02, ...)")
    on_disk = {p.name for p in tests_dir.iterdir()} if tests_dir.is_dir() else set()
    expected_files: set[str] = set()
    tests = []
    for position, test in enumerate(declared, start=1):
        name = test["name"]
        unknown = set(test) - {"name", "sample", "note"}
        if unknown:
            raise _fail(where, f"test {name}: unknown field(s) {sorted(unknown)}")
        if f"{name}.gen.json" in on_disk:
            spec_path = tests_dir / f"{name}.gen.json"
            try:
                spec = json.loads(_text(spec_path))
                stdin = generated_input(spec, meta["signature"])
            except (ValueError, KeyError, TypeError) as exc:
                raise _fail(str(spec_path), f"cannot generate the input: {exc!r}") from None
            if spec.get("sha256") != sha256(stdin):
                raise _fail(str(spec_path), "the generated input no longer matches its sha256")
            expected_files.add(spec_path.name)
        else:
            stdin = _text(tests_dir / f"{name}.in")
            expected_files.add(f"{name}.in")
        expected_files.add(f"{name}.out")
        tests.append(
            {
                "index": position,
                "input": stdin,
                "expected_output": _text(tests_dir / f"{name}.out"),
                "is_sample": bool(test.get("sample", False)),
                "note": str(test.get("note", ""))[:120],
            }
        )
    stray = on_disk - expected_files
    if stray:
        raise _fail(str(tests_dir), f"files not declared in problem.json: {sorted(stray)}")
    samples = sum(t["is_sample"] for t in tests)
    if len(tests) < MIN_TESTS or not 1 <= samples <= 3:
        raise _fail(where, f"needs at least {MIN_TESTS} tests with 1–3 samples (has {len(tests)}, {samples})")
    return tests


def read_problem(folder: Path | str) -> dict:
    """One problem as the fields of ``Problem`` plus ``tests`` (a list of ``TestCase`` field dicts)."""
    folder = Path(folder)
    slug = folder.name
    if not _SLUG_RE.match(slug) or len(slug) > 80:
        raise _fail(str(folder), "the folder name must be a lowercase slug of at most 80 characters")
    where = str(folder / "problem.json")
    try:
        meta = json.loads(_text(folder / "problem.json"))
    except json.JSONDecodeError as exc:
        raise _fail(where, f"invalid JSON: {exc}") from None
    meta = _check_meta(meta, where)
    statement = _text(folder / "statement.md").strip()
    if not statement:
        raise _fail(str(folder / "statement.md"), "empty")
    code: dict[str, dict[str, str]] = {"starter": {}, "wrapper": {}, "reference": {}}
    for language in LANGUAGES:
        for kind in ("starter", "wrapper", "reference"):
            path = folder / f"{kind}.{EXTENSIONS[language]}"
            text = _text(path)
            if not text.strip():
                raise _fail(str(path), "empty")
            if kind == "wrapper" and len(MARKER.findall(text)) != 1:
                raise _fail(str(path), "the wrapper must hold exactly one @@SOLUTION@@ marker line")
            code[kind][language] = text
    return {
        "slug": slug,
        "title": meta["title"].strip(),
        "difficulty": meta["difficulty"],
        "topics": meta["topics"],
        "statement": statement + "\n",
        "constraints": "\n".join(f"- {c}" for c in meta["constraints"]) + "\n",
        "time_limit_ms": meta["time_limit_ms"],
        "memory_limit_mb": meta["memory_limit_mb"],
        "hints": meta["hints"],
        **code,
        "checker": meta["checker"],
        "checker_tolerance": meta.get("checker_tolerance", 1e-6),
        "position": meta["position"],
        "tests": _read_tests(folder, meta, where),
    }


def read_bank(path: Path | str = PROBLEMS_DIR) -> list[dict]:
    """Every problem under ``path``, ordered by position; positions and titles must be unique."""
    folders = sorted(p for p in Path(path).iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise ProblemBankError(f"{path}: no problem folders")
    problems = [read_problem(folder) for folder in folders]
    for key in ("position", "title"):
        seen: dict[object, str] = {}
        for problem in problems:
            other = seen.setdefault(problem[key], problem["slug"])
            if other != problem["slug"]:
                raise ProblemBankError(f"{problem['slug']}: {key} {problem[key]!r} already used by {other}")
    return sorted(problems, key=lambda p: p["position"])


# ------------------------------------------------------------------------------------------------
# Reference checks (through a sandbox backend: coding.sandbox.get_backend())
# ------------------------------------------------------------------------------------------------
@dataclass
class ReferenceReport:
    slug: str
    language: str
    passed: int = 0
    total: int = 0
    max_time_ms: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and self.passed == self.total

    def summary(self) -> str:
        head = f"{self.slug} [{self.language}] {self.passed}/{self.total} passed, slowest {self.max_time_ms} ms"
        return head if self.ok else f"{head}: " + "; ".join(self.failures[:3])


WALL_FACTOR = 3  # as the arena's submissions: wall-clock limit = CPU limit x 3


def check_reference(backend, problem: dict, language: str) -> ReferenceReport:
    """Run ``problem``'s reference in ``language`` through ``backend`` (a ``coding.sandbox`` backend) against
    every test with the problem's own limits, and judge it with the problem's checker. ``problem`` is a
    ``read_problem`` dict (or the same fields taken from a ``Problem`` row)."""
    from coding.judge import AC, TestSpec, judge  # noqa: PLC0415 - keeps the reader importable alone
    from coding.program import assemble_program  # noqa: PLC0415
    from coding.sandbox.types import Limits  # noqa: PLC0415

    tests = problem["tests"]
    report = ReferenceReport(slug=problem["slug"], language=language, total=len(tests))
    source = assemble_program(wrapper=problem["wrapper"][language], solution=problem["reference"][language])
    execution = backend.execute(
        language=language,
        source=source,
        inputs=[t["input"] for t in tests],
        limits=Limits(
            cpu_ms=problem["time_limit_ms"],
            wall_ms=problem["time_limit_ms"] * WALL_FACTOR,
            memory_mb=problem["memory_limit_mb"],
        ),
    )
    result = judge(
        execution,
        [TestSpec(t["index"], t["input"], t["expected_output"], t["is_sample"]) for t in tests],
        checker=problem["checker"],
        tolerance=problem["checker_tolerance"],
    )
    report.passed, report.max_time_ms = result.passed, result.time_ms or 0
    if result.verdict == "CE":
        report.failures.append(f"compilation error: {result.compile_output.strip()[:300]}")
    for test in result.tests:
        if test.verdict != AC:
            detail = f" ({test.detail})" if test.detail else ""
            report.failures.append(f"test {test.index}: {test.verdict}{detail}")
    if result.verdict not in (AC, "CE") and not report.failures:
        report.failures.append(f"{result.verdict}: {result.detail}")
    return report
