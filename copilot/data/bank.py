"""Reading and validating the curated question bank in ``copilot/data/questions/*.jsonl``.

Pure Python (no Django): the loader command and the tests call :func:`read_bank`. One JSON object per
line; blank lines and lines starting with ``#`` are ignored. Any problem raises :class:`BankError`
naming the file, the line and the key, so a broken edit is caught before anything is written."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"

ROLE_FAMILIES = ("software", "data", "product", "design", "sales", "marketing", "customer_success", "general")
TYPES = ("behavioral", "technical", "situational", "leadership")
DIFFICULTIES = ("easy", "medium", "hard")
SENIORITIES = ("any", "junior", "mid", "senior", "lead")
# A closed vocabulary keeps competencies comparable across families (selection varies by competency).
COMPETENCIES = frozenset(
    {
        "adaptability",
        "communication",
        "conflict",
        "creativity",
        "customer-focus",
        "data-analysis",
        "debugging",
        "decision-making",
        "ethics",
        "execution",
        "experimentation",
        "failure-learning",
        "influence",
        "leadership",
        "mentoring",
        "motivation",
        "negotiation",
        "ownership",
        "prioritization",
        "problem-solving",
        "product-sense",
        "prospecting",
        "quality",
        "resilience",
        "self-awareness",
        "stakeholder-management",
        "strategy",
        "system-design",
        "teamwork",
        "technical-depth",
        "user-research",
    }
)
FIELDS = ("key", "text", "role_family", "competency", "type", "difficulty", "seniority", "guidance")
_CHOICES = {
    "role_family": ROLE_FAMILIES,
    "type": TYPES,
    "difficulty": DIFFICULTIES,
    "seniority": SENIORITIES,
    "competency": COMPETENCIES,
}
_KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEY_MAX = 80


class BankError(ValueError):
    """A data file is malformed; the message names the file, line and key."""


def _validate(row: object, where: str) -> dict[str, str]:
    if not isinstance(row, dict):
        raise BankError(f"{where}: expected a JSON object")
    key = row.get("key")
    if not isinstance(key, str) or not _KEY_RE.match(key) or len(key) > _KEY_MAX:
        raise BankError(f"{where}: key {key!r} must be a lowercase slug of at most {_KEY_MAX} characters")
    where = f"{where} (key {key!r})"
    unknown = set(row) - set(FIELDS)
    if unknown:
        raise BankError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    clean: dict[str, str] = {}
    for field in FIELDS:
        value = row.get(field)
        if not isinstance(value, str) or not value.strip():
            raise BankError(f"{where}: field {field!r} is missing or empty")
        clean[field] = value.strip()
    for field, allowed in _CHOICES.items():
        if clean[field] not in allowed:
            raise BankError(f"{where}: unknown {field} {clean[field]!r} (allowed: {', '.join(sorted(allowed))})")
    if len(clean["text"]) < 8:
        raise BankError(f"{where}: text is too short")
    return clean


def parse_lines(lines: Iterable[str], *, source: str) -> list[dict[str, str]]:
    rows = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"{source}:{number}"
        try:
            row = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise BankError(f"{where}: invalid JSON ({exc.msg})") from exc
        rows.append(_validate(row, where))
    return rows


def read_bank(directory: Path | str = QUESTIONS_DIR) -> list[dict[str, str]]:
    """Every question of every ``*.jsonl`` file in ``directory``, validated, in file order.
    Raises :class:`BankError` on a bad value or a key used twice (in one file or across files)."""
    directory = Path(directory)
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        raise BankError(f"{directory}: no *.jsonl question files found")
    seen: dict[str, str] = {}
    rows: list[dict[str, str]] = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for row in parse_lines(handle, source=path.name):
                if row["key"] in seen:
                    raise BankError(f"{path.name}: duplicate key {row['key']!r} (first seen in {seen[row['key']]})")
                seen[row["key"]] = path.name
                rows.append(row)
    return rows
