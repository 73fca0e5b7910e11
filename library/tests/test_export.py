"""Markdown export as plain functions (no database)."""

from __future__ import annotations

from library.export import answer_markdown, answers_markdown
from library.models import SavedAnswer


def make(**fields) -> SavedAnswer:
    base = {"title": "Title", "question": "Question?", "category": "behavioral", "source": "written"}
    return SavedAnswer(**base | fields)


def test_one_answer_has_star_headings_in_order_and_skips_empty_parts():
    answer = make(situation="S line\r\nsecond", task="", action="A", result="R", text="Full", is_favorite=True)
    markdown = answer_markdown(answer, tag_names=["conflict"])
    assert markdown.startswith("# Title\n\n**Question:** Question?\n\n")
    assert "Category: Behavioral · Source: Written by me · Tags: `conflict` · ★ Favourite" in markdown
    assert "## Task" not in markdown
    assert markdown.index("## Situation\n\nS line\nsecond") < markdown.index("## Action") < markdown.index("## Result")
    assert markdown.index("## Result") < markdown.index("## Full answer\n\nFull")


def test_a_title_with_line_breaks_stays_one_heading():
    assert answer_markdown(make(title="Two\nlines"), tag_names=[]).startswith("# Two lines\n")


def test_an_empty_answer_says_so():
    assert "_No answer written yet._" in answer_markdown(make(), tag_names=[])


def test_an_empty_export_says_so():
    markdown = answers_markdown([], title="Mine")
    assert markdown == "# Mine\n\n_No answers._\n"
