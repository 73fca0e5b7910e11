"""The curated bank's files and the ``load_question_bank`` command (DB tests for the loader)."""

import json
from collections import Counter
from io import StringIO

import pytest
from django.contrib.admin.sites import site
from django.core.management import CommandError, call_command

from copilot.data.bank import QUESTIONS_DIR, ROLE_FAMILIES, TYPES, BankError, read_bank
from copilot.models import Question

BANK = read_bank()


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_question_bank", *args, stdout=out)
    return out.getvalue()


def test_the_bank_has_at_least_300_questions_covering_every_family_and_type():
    assert len(BANK) >= 300
    families = Counter(q["role_family"] for q in BANK)
    assert set(families) == set(ROLE_FAMILIES)
    assert min(families.values()) >= 25
    types = Counter(q["type"] for q in BANK)
    assert set(types) == set(TYPES)
    assert min(types.values()) >= 40


def test_question_texts_are_unique_and_not_templated():
    texts = [q["text"].lower() for q in BANK]
    assert len(set(texts)) == len(texts)
    assert not [t for t in texts if "#" in t or "lorem" in t]
    assert all(q["guidance"].endswith(".") for q in BANK)


def test_each_family_lives_in_its_own_file():
    for path in QUESTIONS_DIR.glob("*.jsonl"):
        families = {json.loads(line)["role_family"] for line in path.read_text().splitlines() if line.strip()}
        assert families == {path.stem}


def write(tmp_path, name: str, rows: list[dict]) -> None:
    (tmp_path / name).write_text("\n".join(json.dumps(r) for r in rows) + "\n")


def row(**overrides) -> dict:
    base = dict(BANK[0])
    base.update(overrides)
    return base


def test_an_unknown_choice_value_names_the_file_and_key(tmp_path):
    write(tmp_path, "broken.jsonl", [row(key="ok-one"), row(key="bad-one", type="trivia")])
    with pytest.raises(BankError, match=r"broken\.jsonl:2 \(key 'bad-one'\): unknown type 'trivia'"):
        read_bank(tmp_path)


def test_a_duplicate_key_across_files_is_refused(tmp_path):
    write(tmp_path, "a.jsonl", [row(key="same-key")])
    write(tmp_path, "b.jsonl", [row(key="same-key")])
    with pytest.raises(BankError, match=r"b\.jsonl: duplicate key 'same-key' \(first seen in a\.jsonl\)"):
        read_bank(tmp_path)


@pytest.mark.django_db
def test_loading_twice_creates_once_and_then_changes_nothing():
    first = load()
    assert f"created: {len(BANK)}, updated: 0, unchanged: 0" in first
    second = load()
    assert f"created: 0, updated: 0, unchanged: {len(BANK)}, skipped (edited by staff): 0" in second
    assert Question.objects.count() == len(BANK)


@pytest.mark.django_db
def test_staff_edited_questions_are_left_alone_and_others_are_updated():
    load()
    Question.objects.filter(key=BANK[0]["key"]).update(text="Staff wording, keep me.", edited_by_staff=True)
    Question.objects.filter(key=BANK[1]["key"]).update(text="Drifted text.")
    output = load()
    assert "updated: 1" in output
    assert "skipped (edited by staff): 1" in output
    assert Question.objects.get(key=BANK[0]["key"]).text == "Staff wording, keep me."
    assert Question.objects.get(key=BANK[1]["key"]).text == BANK[1]["text"]


@pytest.mark.django_db
def test_prune_deactivates_questions_gone_from_the_files_and_reload_revives_them(tmp_path):
    load()
    Question.objects.create(
        key="retired-question",
        text="A question nobody ships any more?",
        role_family="general",
        competency="ownership",
        type="behavioral",
    )
    write(tmp_path, "general.jsonl", [row(key=BANK[0]["key"])])
    output = load("--prune", "--path", str(tmp_path))
    assert f"deactivated: {len(BANK)}" in output
    assert Question.objects.filter(is_active=True).count() == 1
    assert "updated: " in load()
    assert Question.objects.filter(is_active=True).count() == len(BANK)


@pytest.mark.django_db
def test_a_broken_file_is_a_command_error_and_writes_nothing(tmp_path):
    write(tmp_path, "sales.jsonl", [row(key="fine-one"), row(key="broken-one", difficulty="brutal")])
    with pytest.raises(CommandError, match=r"sales\.jsonl:2 \(key 'broken-one'\): unknown difficulty 'brutal'"):
        load("--path", str(tmp_path))
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_saving_in_admin_marks_the_question_as_edited_by_staff(client, staff_user):
    load()
    question = Question.objects.get(key=BANK[0]["key"])
    assert site.is_registered(Question)
    client.force_login(staff_user)
    url = f"/admin/copilot/question/{question.pk}/change/"
    assert client.get(url).status_code == 200
    data = {
        f: getattr(question, f)
        for f in ("key", "role_family", "competency", "type", "difficulty", "seniority", "guidance")
    }
    response = client.post(url, {**data, "text": "A clearer wording from staff?", "is_active": "on"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.edited_by_staff
    assert "skipped (edited by staff): 1" in load()
    assert client.get("/admin/copilot/question/?role_family__exact=sales&q=deal").status_code == 200
