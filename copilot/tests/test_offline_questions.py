"""Question selection from the curated bank (pure: no database)."""

from collections import Counter

import pytest

from copilot.ai.offline import role_family, select_questions
from copilot.data.bank import read_bank

BANK = read_bank()


@pytest.mark.parametrize(
    ("role", "family"),
    [
        ("Senior backend engineer", "software"),
        ("Account Executive", "sales"),
        ("UX researcher", "design"),
        ("growth marketer", "marketing"),
        ("CSM", "customer_success"),
        ("Product designer", "design"),
        ("Data product manager", "product"),
        ("Senior data scientist", "data"),
        ("Pastry chef", "general"),
        ("", "general"),
    ],
)
def test_free_text_roles_map_to_a_family(role, family):
    assert role_family(role) == family


def test_questions_come_from_the_role_family_with_varied_competencies_and_types():
    picked = select_questions(BANK, role="Senior backend engineer", count=6, seed="s1").questions
    assert len(picked) == 6
    assert all(q.key.startswith("sw-") for q in picked)
    assert len({q.competency for q in picked}) == 6
    assert len({q.type for q in picked}) == 4


def test_the_same_seed_gives_the_same_list_and_another_seed_a_different_one():
    first = select_questions(BANK, role="Account Executive", count=5, seed="a")
    assert select_questions(BANK, role="Account Executive", count=5, seed="a") == first
    others = [select_questions(BANK, role="Account Executive", count=5, seed=s) for s in ("b", "c", "d")]
    assert any(o != first for o in others)


def test_type_and_seniority_filters_are_respected():
    picked = select_questions(BANK, role="Product manager", type="technical", seniority="junior", count=4).questions
    assert {q.type for q in picked} == {"technical"}
    by_key = {q["key"]: q for q in BANK}
    assert all(by_key[q.key]["seniority"] in {"any", "junior", "mid"} for q in picked)


def test_excluded_keys_are_skipped_and_general_questions_fill_a_short_family():
    first = select_questions(BANK, role="UX designer", type="leadership", count=5, seed="x")
    families = Counter(q.key.split("-")[0] for q in first.questions)
    assert families["des"] >= 1
    excluded = select_questions(
        BANK, role="UX designer", type="leadership", count=12, seed="x", exclude_keys=[q.key for q in first.questions]
    ).questions
    assert not {q.key for q in first.questions} & {q.key for q in excluded}
    assert any(q.key.startswith("gen-") for q in excluded)
    assert {q.type for q in excluded} == {"leadership"}


def test_the_company_name_tailors_questions_lightly():
    bank = [q for q in BANK if q["key"] in {"gen-why-this-company", "sw-tech-debt-vs-features", "sw-proud-project"}]
    texts = {q.key: q.text for q in select_questions(bank, role="engineer", company="Acme", count=3).questions}
    assert texts["gen-why-this-company"] == "Why do you want to work at Acme?"
    assert texts["sw-tech-debt-vs-features"].startswith("Imagine you've just joined Acme.")
    assert "Acme" not in texts["sw-proud-project"]


def test_an_empty_bank_falls_back_to_the_bundled_files_and_count_is_clamped():
    assert len(select_questions([], role="marketing manager", count=50).questions) == 20
    assert len(select_questions([], role="marketing manager", count=0).questions) == 5
