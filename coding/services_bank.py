"""Writes for the problem bank: ``problem_bank_sync`` loads ``coding.problem_bank.read_bank`` rows into
``Problem``/``TestCase``. Called by ``load_problems``; the admin's reference check lives in
``coding.problem_bank.check_reference`` (pure)."""

from __future__ import annotations

from django.db import transaction

from coding.models import Problem, TestCase

SYNCED_FIELDS = (
    "title",
    "difficulty",
    "topics",
    "statement",
    "constraints",
    "time_limit_ms",
    "memory_limit_mb",
    "hints",
    "starter",
    "wrapper",
    "reference",
    "checker",
    "checker_tolerance",
    "position",
)
_TEST_FIELDS = ("index", "input", "expected_output", "is_sample", "note")


def _tests_of(problem: Problem) -> list[tuple]:
    return [tuple(getattr(t, f) for f in _TEST_FIELDS) for t in problem.tests.order_by("index")]


def _replace_tests(problem: Problem, tests: list[dict]) -> None:
    problem.tests.all().delete()
    TestCase.objects.bulk_create([TestCase(problem=problem, **t) for t in tests])


def problem_bank_sync(*, problems: list[dict], prune: bool = False) -> dict[str, int]:
    """Upsert ``problems`` (``read_bank`` dicts) by ``slug`` in one transaction.

    Problems staff edited in admin (``edited_by_staff``) are skipped, tests included. Unchanged fields are
    not written, and a problem's test cases are replaced only when any of them changed (counted in
    ``tests_replaced``). ``prune`` deactivates problems whose slug is no longer in the files. Idempotent."""
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0, "deactivated": 0, "tests_replaced": 0}
    slugs = [p["slug"] for p in problems]
    with transaction.atomic():
        existing = {p.slug: p for p in Problem.objects.select_for_update().filter(slug__in=slugs)}
        for row in problems:
            fields = {f: row[f] for f in SYNCED_FIELDS}
            problem = existing.get(row["slug"])
            if problem is None:
                problem = Problem.objects.create(slug=row["slug"], **fields)
                _replace_tests(problem, row["tests"])
                counts["created"] += 1
                continue
            if problem.edited_by_staff:
                counts["skipped"] += 1
                continue
            changed = [f for f in SYNCED_FIELDS if getattr(problem, f) != fields[f]]
            for name in changed:
                setattr(problem, name, fields[name])
            if not problem.is_active:  # back in the files: reactivate what --prune retired
                problem.is_active = True
                changed.append("is_active")
            if _tests_of(problem) != [tuple(t[f] for f in _TEST_FIELDS) for t in row["tests"]]:
                _replace_tests(problem, row["tests"])
                counts["tests_replaced"] += 1
                changed.append("updated_at")
            if changed:
                problem.save(update_fields=sorted({*changed, "updated_at"}))
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
        if prune:
            retired = Problem.objects.filter(is_active=True).exclude(slug__in=slugs)
            counts["deactivated"] = retired.update(is_active=False)
    return counts
