"""Every reference solution, in all four languages, passes every test of its problem through the real sandbox;
every starter compiles inside its wrapper and fails (WA/RE), so a candidate never starts from an error.

Marked slow: about 170 compiled-and-run submissions each way (C++ and Java compiles dominate; the sandbox
caches compiled programs by source hash, so a second run is much faster)."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from coding.judge import RE, WA, TestSpec, judge
from coding.models import Problem
from coding.problem_bank import PROBLEMS_DIR, WALL_FACTOR, check_reference, read_bank
from coding.program import assemble_program
from coding.sandbox.types import Limits, SandboxUnavailable

BANK = read_bank()
LANGUAGES = ("python", "javascript", "java", "cpp")
CASES = [pytest.param(p, lang, id=f"{p['slug']}-{lang}") for p in BANK for lang in LANGUAGES]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def backend():
    from coding.sandbox import get_backend

    try:
        return get_backend()
    except SandboxUnavailable as exc:
        pytest.skip(f"no sandbox to run the references in: {exc}")


@pytest.mark.parametrize(("problem", "language"), CASES)
def test_the_reference_passes_every_test(backend, problem, language):
    report = check_reference(backend, problem, language)
    assert report.ok, report.summary()


@pytest.mark.parametrize(("problem", "language"), CASES)
def test_the_starter_compiles_and_fails_the_samples(backend, problem, language):
    samples = [t for t in problem["tests"] if t["is_sample"]]
    execution = backend.execute(
        language=language,
        source=assemble_program(wrapper=problem["wrapper"][language], solution=problem["starter"][language]),
        inputs=[t["input"] for t in samples],
        limits=Limits(
            cpu_ms=problem["time_limit_ms"],
            wall_ms=problem["time_limit_ms"] * WALL_FACTOR,
            memory_mb=problem["memory_limit_mb"],
        ),
    )
    result = judge(
        execution,
        [TestSpec(t["index"], t["input"], t["expected_output"], True) for t in samples],
        checker=problem["checker"],
        tolerance=problem["checker_tolerance"],
    )
    assert execution.compiled, execution.compile_output
    assert result.verdict in (WA, RE), (result.verdict, result.detail)


@pytest.mark.django_db
def test_the_admin_action_validates_references_and_reports_failures(backend, client, staff_user, tmp_path):
    shutil.copytree(PROBLEMS_DIR / "climbing-stairs", tmp_path / "climbing-stairs")
    call_command("load_problems", "--path", str(tmp_path), stdout=StringIO())
    problem = Problem.objects.get(slug="climbing-stairs")
    problem.reference = {**problem.reference, "python": "def climb_stairs(n: int) -> int:\n    return n\n"}
    problem.save(update_fields=["reference"])
    client.force_login(staff_user)
    response = client.post(
        "/admin/coding/problem/",
        {"action": "validate_references", "_selected_action": [problem.pk]},
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("climbing-stairs [cpp] 10/10 passed") for m in shown), shown
    assert any(m.startswith("climbing-stairs [java] 10/10 passed") for m in shown), shown
    assert any("climbing-stairs [python]" in m and "3/10 passed" in m and "test 4: WA" in m for m in shown), shown
    assert "1 reference run(s) failed." in shown
