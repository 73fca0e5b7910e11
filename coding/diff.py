"""Side-by-side line diff of two programs, as rows for a template (which escapes them). No Django import."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

RowKind = Literal["same", "changed", "removed", "added", "skip"]
CONTEXT = 3


@dataclass(frozen=True)
class DiffRow:
    kind: RowKind
    left_no: int | None = None
    left: str = ""
    right_no: int | None = None
    right: str = ""


def side_by_side(old: str, new: str, *, context: int = CONTEXT) -> list[DiffRow]:
    """Rows of a two-column diff; unchanged runs longer than ``2 * context`` collapse into one ``skip`` row."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    for group in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_grouped_opcodes(context):
        if rows:
            rows.append(DiffRow("skip"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [
                    DiffRow("same", i + 1, a[i], j + 1, b[j]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                ]
                continue
            left, right = list(range(i1, i2)), list(range(j1, j2))
            for k in range(max(len(left), len(right))):
                li = left[k] if k < len(left) else None
                rj = right[k] if k < len(right) else None
                kind: RowKind = (
                    "changed" if li is not None and rj is not None else ("removed" if rj is None else "added")
                )
                rows.append(
                    DiffRow(
                        kind,
                        li + 1 if li is not None else None,
                        a[li] if li is not None else "",
                        rj + 1 if rj is not None else None,
                        b[rj] if rj is not None else "",
                    )
                )
    return rows
