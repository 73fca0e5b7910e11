"""Assemble the program that runs: the problem's wrapper (input/output) around the candidate's code.

The wrapper holds one marker line, ``# @@SOLUTION@@`` (Python) or ``// @@SOLUTION@@`` (JavaScript, Java,
C++); the candidate's code replaces that line. No Django import.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"^[ \t]*(?:#|//)[ \t]*@@SOLUTION@@[ \t]*$", re.MULTILINE)


class WrapperError(ValueError):
    pass


def assemble_program(*, wrapper: str, solution: str) -> str:
    """The wrapper with its single marker line replaced by ``solution`` (no wrapper: the solution alone)."""
    if not wrapper.strip():
        return solution
    found = MARKER.findall(wrapper)
    if len(found) != 1:
        raise WrapperError(f"the wrapper must hold exactly one @@SOLUTION@@ marker line, found {len(found)}")
    return MARKER.sub(lambda _: solution.rstrip("\n"), wrapper, count=1)
