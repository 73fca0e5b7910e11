"""Markdown export of saved answers: plain functions over answer objects (any object with the fields)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_HEADING_BREAK = re.compile(r"\s*\n\s*")


def _one_line(text: str) -> str:
    return _HEADING_BREAK.sub(" ", text or "").strip()


def _block(text: str) -> str:
    # Normalise line endings and trim; blank lines inside the text are kept (paragraphs).
    return "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").strip().split("\n"))


def answer_markdown(answer, *, level: int = 1, tag_names: Iterable[str] | None = None) -> str:
    """One answer: its title as a heading at ``level``, then question, details, S/T/A/R and full text."""
    h = "#" * level
    sub = "#" * (level + 1)
    tags = list(tag_names) if tag_names is not None else [tag.name for tag in answer.tags.all()]
    lines = [f"{h} {_one_line(answer.title)}", "", f"**Question:** {_one_line(answer.question)}", ""]
    details = [f"Category: {answer.get_category_display()}", f"Source: {answer.get_source_display()}"]
    if tags:
        details.append("Tags: " + ", ".join(f"`{name}`" for name in tags))
    if answer.is_favorite:
        details.append("★ Favourite")
    lines += [" · ".join(details), ""]
    for _key, label, text in answer.star_parts:
        if text.strip():
            lines += [f"{sub} {label}", "", _block(text), ""]
    if answer.text.strip():
        lines += [f"{sub} Full answer", "", _block(answer.text), ""]
    if not answer.has_star and not answer.text.strip():
        lines += ["_No answer written yet._", ""]
    return "\n".join(lines)


def answers_markdown(answers: Iterable, *, title: str, subtitle: str = "") -> str:
    parts = [f"# {_one_line(title)}", ""]
    if subtitle:
        parts += [subtitle, ""]
    answers = list(answers)
    if not answers:
        parts += ["_No answers._", ""]
    body = "\n---\n\n".join(answer_markdown(answer, level=2) for answer in answers)
    return ("\n".join(parts) + "\n" + body).rstrip() + "\n"
