import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coding.judge import JudgeResult, TestSpec, judge
from coding.models import Problem
from coding.program import WrapperError, assemble_program
from coding.sandbox import CompileLimits, Limits, SandboxUnavailable, get_backend

LANGUAGES = ("python", "javascript", "java", "cpp")
WALL_FACTOR = 3  # as the arena: wall-clock limit = CPU limit x 3
STDOUT_CAP = 64 * 1024


def _read(path: str, what: str) -> str:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{what} {path!r} does not exist or is not a file")
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{what} {path!r} cannot be read as UTF-8 text: {exc}") from None


class Command(BaseCommand):
    help = (
        "Run a source file through the configured sandbox exactly as the arena does, and print the result. "
        "With --problem SLUG the file is the candidate's solution: it is assembled into the problem's wrapper "
        "and judged against all its tests with the problem's limits and checker. With --stdin FILE it runs once "
        "on that input (judged against --expected FILE when given; without it, AC means it ran cleanly). "
        "Never runs code unsandboxed: with no sandbox it fails and says why. Safe to run any number of times."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="source file")
        parser.add_argument("--language", required=True, choices=LANGUAGES)
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--problem", metavar="SLUG", help="judge against this problem's tests")
        source.add_argument("--stdin", metavar="FILE", help="input for a single run")
        parser.add_argument("--expected", metavar="FILE", help="expected output for --stdin")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        language = options["language"]
        code = _read(options["file"], "source file")
        if options["expected"] and not options["stdin"]:
            raise CommandError("--expected needs --stdin")
        checker, tolerance = "exact", 1e-6
        limits = Limits()
        if options["problem"]:
            problem = Problem.objects.filter(slug=options["problem"]).first()
            if problem is None:
                raise CommandError(f"no problem with slug {options['problem']!r}")
            try:
                code = assemble_program(wrapper=(problem.wrapper or {}).get(language, ""), solution=code)
            except WrapperError as exc:
                raise CommandError(f"the problem's {language} wrapper is broken: {exc}") from None
            specs = [
                TestSpec(t.index, t.input, t.expected_output, t.is_sample) for t in problem.tests.order_by("index")
            ]
            if not specs:
                raise CommandError(f"problem {problem.slug!r} has no tests")
            checker, tolerance = problem.checker, problem.checker_tolerance
            limits = Limits(
                cpu_ms=problem.time_limit_ms,
                wall_ms=problem.time_limit_ms * WALL_FACTOR,
                memory_mb=problem.memory_limit_mb,
            )
        else:
            stdin = _read(options["stdin"], "input file") if options["stdin"] else ""
            expected = _read(options["expected"], "expected-output file") if options["expected"] else None
            specs = [TestSpec(1, stdin, expected, True)]
        try:
            backend = get_backend()
        except SandboxUnavailable as exc:
            raise CommandError(f"no sandbox: {exc}") from None
        execution = backend.execute(
            language=language,
            source=code,
            inputs=[spec.input for spec in specs],
            limits=limits,
            compile_limits=CompileLimits(),
        )
        result = judge(execution, specs, checker=checker, tolerance=tolerance)
        report = self._report(result, language=language, backend=execution.backend, execution=execution)
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self._print(report)

    @staticmethod
    def _report(result: JudgeResult, *, language: str, backend: str, execution) -> dict:
        shown = next((t for t in result.tests if t.verdict != "AC"), result.tests[0] if result.tests else None)
        return {
            "verdict": result.verdict,
            "language": language,
            "backend": backend,
            "detail": result.detail,
            "compile_output": result.compile_output,
            "compile_time_ms": execution.compile_time_ms,
            "compile_cached": execution.compile_cached,
            "stdout": shown.stdout[:STDOUT_CAP] if shown else "",
            "stderr": shown.stderr[:STDOUT_CAP] if shown else "",
            "passed": result.passed,
            "total": result.total,
            "first_failed": result.first_failed,
            "time_ms": result.time_ms,
            "memory_kb": result.memory_kb,
            "tests": [
                {
                    "index": t.index,
                    "verdict": t.verdict,
                    "time_ms": t.time_ms,
                    "memory_kb": t.memory_kb,
                    "detail": t.detail,
                }
                for t in result.tests
            ],
        }

    def _print(self, report: dict) -> None:
        head = f"{report['verdict']}  {report['passed']}/{report['total']} tests  ({report['backend']})"
        self.stdout.write(head + (f" — {report['detail']}" if report["detail"] else ""))
        if report["compile_output"]:
            self.stdout.write("compiler output:\n" + report["compile_output"])
        for test in report["tests"]:
            detail = f"  {test['detail']}" if test["detail"] else ""
            self.stdout.write(
                f"  test {test['index']}: {test['verdict']}  {test['time_ms']} ms  {test['memory_kb']} KB{detail}"
            )
        if report["stdout"]:
            self.stdout.write("stdout:\n" + report["stdout"])
