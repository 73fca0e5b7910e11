"""The problem bank's files (no database) and the ``load_problems`` command, service and admin."""

import json
import shutil
import subprocess
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from coding.data.generate import GENERATORS
from coding.models import Problem
from coding.models import TestCase as ProblemTest
from coding.problem_bank import (
    CHECKERS,
    DIFFICULTIES,
    PROBLEMS_DIR,
    TOPICS,
    ProblemBankError,
    read_bank,
    read_problem,
)
from coding.program import MARKER, assemble_program

BANK = read_bank()
BY_SLUG = {p["slug"]: p for p in BANK}
LANGUAGES = ("python", "javascript", "java", "cpp")
CORE_TOPICS = (
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
)
OUTPUT_CAP = 60 * 1024  # under the sandbox's 64 KB stdout cap (Limits.output_bytes)


# --- the bank's content


def test_the_bank_has_40_problems_across_difficulties():
    difficulties = Counter(p["difficulty"] for p in BANK)
    assert len(BANK) >= 40
    assert difficulties["easy"] >= 12
    assert difficulties["medium"] >= 18
    assert difficulties["hard"] >= 10


def test_every_core_topic_is_covered_at_least_twice():
    topics = Counter(t for p in BANK for t in p["topics"])
    assert {t: topics[t] for t in CORE_TOPICS if topics[t] < 2} == {}


def test_every_problem_is_complete():
    for p in BANK:
        assert p["difficulty"] in DIFFICULTIES, p["slug"]
        assert set(p["topics"]) <= set(TOPICS), p["slug"]
        assert p["checker"] in CHECKERS, p["slug"]
        assert len(p["hints"]) == 3, p["slug"]
        assert "Input format" in p["statement"], p["slug"]
        assert "Output format" in p["statement"], p["slug"]
        assert "### Example 1" in p["statement"], p["slug"]
        for kind in ("starter", "wrapper", "reference"):
            assert set(p[kind]) == set(LANGUAGES), (p["slug"], kind)
        for language in LANGUAGES:
            assert len(MARKER.findall(p["wrapper"][language])) == 1, (p["slug"], language)


def test_every_problem_has_ten_tests_with_two_or_three_samples():
    for p in BANK:
        samples = [t for t in p["tests"] if t["is_sample"]]
        assert len(p["tests"]) >= 10, p["slug"]
        assert 2 <= len(samples) <= 3, p["slug"]
        assert [t["index"] for t in p["tests"]] == list(range(1, len(p["tests"]) + 1)), p["slug"]
        assert all(t["note"] for t in p["tests"]), p["slug"]


def test_tests_are_distinct_and_outputs_fit_the_sandbox_cap():
    for p in BANK:
        inputs = [t["input"] for t in p["tests"]]
        assert len(set(inputs)) == len(inputs), p["slug"]
        too_big = [t["index"] for t in p["tests"] if len(t["expected_output"].encode()) > OUTPUT_CAP]
        assert too_big == [], p["slug"]


def test_some_problems_need_each_non_exact_checker():
    checkers = Counter(p["checker"] for p in BANK)
    assert checkers["unordered_lines"] >= 2
    assert checkers["unordered_tokens"] >= 2
    assert checkers["float"] >= 2


def test_every_generated_test_names_a_registered_generator():
    for spec in PROBLEMS_DIR.glob("*/tests/*.gen.json"):
        assert json.loads(spec.read_text())["generator"] in GENERATORS, spec


def test_python_and_javascript_starters_parse_inside_their_wrappers(tmp_path):
    for p in BANK:
        compile(assemble_program(wrapper=p["wrapper"]["python"], solution=p["starter"]["python"]), p["slug"], "exec")
        source = tmp_path / f"{p['slug']}.js"
        source.write_text(assemble_program(wrapper=p["wrapper"]["javascript"], solution=p["starter"]["javascript"]))
        checked = subprocess.run(["node", "--check", str(source)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, (p["slug"], checked.stderr)


# --- the reader refuses broken files, naming them


@pytest.fixture
def bank_copy(tmp_path):
    """Three real problems copied to a scratch folder (one with generated tests, one with trees)."""
    for slug in ("two-sum", "climbing-stairs", "maximum-depth-of-binary-tree"):
        shutil.copytree(PROBLEMS_DIR / slug, tmp_path / slug)
    return tmp_path


def edit_meta(folder, **changes):
    meta = json.loads((folder / "problem.json").read_text())
    meta.update(changes)
    (folder / "problem.json").write_text(json.dumps(meta))


def test_a_bad_difficulty_names_the_file(bank_copy):
    edit_meta(bank_copy / "two-sum", difficulty="brutal")
    with pytest.raises(ProblemBankError, match=r"two-sum/problem\.json: unknown difficulty 'brutal'"):
        read_bank(bank_copy)


def test_two_hints_are_refused(bank_copy):
    edit_meta(bank_copy / "climbing-stairs", hints=["one", "two"])
    with pytest.raises(ProblemBankError, match=r"climbing-stairs/problem\.json: hints must be exactly three"):
        read_problem(bank_copy / "climbing-stairs")


def test_a_wrapper_without_its_marker_is_refused(bank_copy):
    path = bank_copy / "two-sum" / "wrapper.java"
    path.write_text(path.read_text().replace("// @@SOLUTION@@", "// solution"))
    with pytest.raises(ProblemBankError, match=r"two-sum/wrapper\.java: .*exactly one @@SOLUTION@@"):
        read_problem(bank_copy / "two-sum")


def test_a_missing_language_is_refused(bank_copy):
    (bank_copy / "climbing-stairs" / "reference.cpp").unlink()
    with pytest.raises(ProblemBankError, match=r"climbing-stairs/reference\.cpp: missing"):
        read_problem(bank_copy / "climbing-stairs")


def test_a_missing_expected_output_and_a_stray_file_are_refused(bank_copy):
    (bank_copy / "climbing-stairs" / "tests" / "04.out").unlink()
    with pytest.raises(ProblemBankError, match=r"tests/04\.out: missing"):
        read_problem(bank_copy / "climbing-stairs")
    (bank_copy / "two-sum" / "tests" / "99.in").write_text("1 2\n3\n")
    with pytest.raises(ProblemBankError, match=r"not declared in problem\.json: \['99\.in'\]"):
        read_problem(bank_copy / "two-sum")


def test_a_generated_input_that_drifted_is_refused(bank_copy):
    spec_path = bank_copy / "two-sum" / "tests" / "09.gen.json"
    spec = json.loads(spec_path.read_text())
    spec["seed"] += 1
    spec_path.write_text(json.dumps(spec))
    with pytest.raises(ProblemBankError, match=r"09\.gen\.json: the generated input no longer matches"):
        read_problem(bank_copy / "two-sum")


def test_too_few_tests_are_refused(bank_copy):
    folder = bank_copy / "climbing-stairs"
    meta = json.loads((folder / "problem.json").read_text())
    for test in meta["tests"][9:]:
        for suffix in (".in", ".out"):
            (folder / "tests" / f"{test['name']}{suffix}").unlink()
    edit_meta(folder, tests=meta["tests"][:9])
    with pytest.raises(ProblemBankError, match=r"needs at least 10 tests"):
        read_problem(folder)


# --- load_problems


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_problems", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_loading_twice_creates_once_and_then_changes_nothing(bank_copy):
    first = load("--path", str(bank_copy))
    assert "3 problems, 30 tests" in first
    assert "created: 3, updated: 0 (tests replaced: 0), unchanged: 0" in first
    second = load("--path", str(bank_copy))
    assert "created: 0, updated: 0 (tests replaced: 0), unchanged: 3, skipped (edited by staff): 0" in second
    problem = Problem.objects.get(slug="two-sum")
    assert problem.tests.count() == 10
    assert problem.tests.filter(is_sample=True).count() == 3
    assert problem.starter["java"].startswith("class Solution")
    assert problem.constraints.startswith("- ")
    assert len(problem.tests.get(index=9).input) > 500_000  # generated at load time


@pytest.mark.django_db
def test_changed_tests_are_replaced_and_staff_edits_are_left_alone(bank_copy):
    load("--path", str(bank_copy))
    Problem.objects.filter(slug="climbing-stairs").update(title="Staff title", edited_by_staff=True)
    ProblemTest.objects.filter(problem__slug="two-sum", index=4).update(expected_output="drifted")
    tree_tests = ProblemTest.objects.filter(problem__slug="maximum-depth-of-binary-tree")
    first_ids = set(tree_tests.values_list("id", flat=True))
    output = load("--path", str(bank_copy))
    assert "updated: 1 (tests replaced: 1), unchanged: 1, skipped (edited by staff): 1" in output
    assert Problem.objects.get(slug="climbing-stairs").title == "Staff title"
    assert ProblemTest.objects.get(problem__slug="two-sum", index=4).expected_output != "drifted"
    # untouched problems keep their rows
    assert set(tree_tests.values_list("id", flat=True)) == first_ids


@pytest.mark.django_db
def test_prune_deactivates_problems_gone_from_the_files_and_reload_revives_them(bank_copy):
    load("--path", str(bank_copy))
    shutil.rmtree(bank_copy / "climbing-stairs")
    assert "deactivated: 1" in load("--path", str(bank_copy), "--prune")
    assert not Problem.objects.get(slug="climbing-stairs").is_active
    shutil.copytree(PROBLEMS_DIR / "climbing-stairs", bank_copy / "climbing-stairs")
    assert "updated: 1" in load("--path", str(bank_copy))
    assert Problem.objects.get(slug="climbing-stairs").is_active


@pytest.mark.django_db
def test_a_broken_file_is_a_command_error_and_writes_nothing(bank_copy):
    edit_meta(bank_copy / "two-sum", topics=["arrays", "astrology"])
    with pytest.raises(CommandError, match=r"two-sum/problem\.json: topics must be distinct values"):
        load("--path", str(bank_copy))
    assert not Problem.objects.exists()


# --- admin


def change_form_data(response) -> dict:
    """The POST body of an admin change page as rendered (main form and inline formsets)."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += list(formset.forms)
        management = formset.management_form
        data.update({management[name].html_name: management[name].value() for name in management.fields})
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = "on" if value is True else value
    return data


@pytest.mark.django_db
def test_saving_in_admin_marks_the_problem_as_edited_by_staff(client, staff_user, bank_copy):
    load("--path", str(bank_copy))
    problem = Problem.objects.get(slug="climbing-stairs")
    client.force_login(staff_user)
    url = f"/admin/coding/problem/{problem.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = change_form_data(page)
    data["title"] = "Climbing Stairs (staff)"
    data["tests-0-note"] = "edited note"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    problem.refresh_from_db()
    assert problem.edited_by_staff
    assert problem.title == "Climbing Stairs (staff)"
    assert problem.tests.get(index=1).note == "edited note"
    assert "skipped (edited by staff): 1" in load("--path", str(bank_copy))
    listing = client.get("/admin/coding/problem/?difficulty__exact=easy&q=stairs")
    assert listing.status_code == 200
    assert b"Climbing Stairs (staff)" in listing.content
