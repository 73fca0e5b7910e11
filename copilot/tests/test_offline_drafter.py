"""The STAR drafter keeps every fact and invents none (pure: no database)."""

import re

from copilot.ai.offline import draft_star, estimate_speaking_seconds

NOTES = {
    "situation": "last job at fintech startup, legacy monolith, outages every wk",
    "task": "migrate payments db to postgres w/o downtime",
    "action": "- wrote migration plan\n- set up dual writes; ran shadow reads 2 weeks\n- migrated db, 3 weeks",
    "result": "zero downtime, p95 -40%, on-call pages from 12/wk to 2/wk",
}


def numbers(text):
    return sorted(re.findall(r"\d+(?:\.\d+)?", text))


def test_every_number_in_the_notes_appears_and_no_other_number_does():
    draft = draft_star(**NOTES, question="Tell me about a large technical migration you led.")
    assert numbers(draft.answer) == numbers(" ".join(NOTES.values()))


def test_fragments_become_first_person_sentences_in_star_order_with_connectives():
    answer = draft_star(**NOTES).answer
    assert "I migrated the database over 3 weeks." in answer
    assert "My goal was to migrate payments database to postgres without downtime." in answer
    assert (
        answer.index("fintech") < answer.index("My goal") < answer.index("First, I wrote") < answer.index("As a result")
    )
    assert "p95 down 40%" in answer
    assert "from 12 a week to 2 a week" in answer
    for sentence in re.split(r"(?<=[.!?])\s+", answer):
        assert sentence[0].isupper()
        assert sentence[-1] in ".!?"


def test_every_content_word_of_the_notes_survives():
    answer = draft_star(**NOTES).answer.lower()
    for word in ("fintech", "monolith", "outages", "payments", "postgres", "dual", "shadow", "zero", "on-call"):
        assert word in answer


def test_tips_point_at_weak_parts_without_filling_them_in():
    draft = draft_star(situation="", task="", action="we fixed the flaky deploys", result="the team was happier")
    assert any("context" in t for t in draft.tips)
    assert any("no number" in t for t in draft.tips)
    assert any("'we'" in t for t in draft.tips)
    assert numbers(draft.answer) == []


def test_empty_notes_still_give_a_valid_draft_with_a_prompt():
    draft = draft_star(situation="", task="", action="", result="")
    assert "[Add your notes" in draft.answer
    assert len(draft.tips) == 4


def test_the_title_comes_from_the_question_when_given():
    assert draft_star(**NOTES, question="Tell me about a large technical migration you led.").title == (
        "A large technical migration you led"
    )


def test_speaking_time_is_words_over_pace_ignoring_bracketed_prompts():
    assert estimate_speaking_seconds("word " * 150) == 60
    assert estimate_speaking_seconds("word " * 150, wpm=100) == 90
    assert estimate_speaking_seconds("[Add the measurable outcome: what changed?]") == 0
