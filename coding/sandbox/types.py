"""The sandbox interface shared by every backend. No Django import.

A backend compiles the source once (inside the sandbox, with its own limits) and runs it against every
input, returning raw outcomes; judging (comparing outputs) is ``coding.judge``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

LanguageKey = Literal["python", "javascript", "java", "cpp"]
# Raw run outcome before judging: OK means "exited 0 within limits".
RunStatus = Literal["OK", "TLE", "MLE", "RE", "OLE", "IE"]


@dataclass(frozen=True)
class Limits:
    cpu_ms: int = 2000
    wall_ms: int = 6000
    memory_mb: int = 256
    processes: int = 64
    open_files: int = 64
    file_size_kb: int = 1024
    output_bytes: int = 64 * 1024
    tmp_size_mb: int = 16


@dataclass(frozen=True)
class CompileLimits:
    cpu_ms: int = 20_000
    wall_ms: int = 40_000
    memory_mb: int = 1024
    output_bytes: int = 64 * 1024


@dataclass
class RunOutcome:
    index: int
    status: RunStatus
    stdout: str = ""
    stderr: str = ""
    exit_code: int | None = None
    signal: int | None = None
    time_ms: int = 0
    memory_kb: int = 0
    detail: str = ""  # e.g. "killed by SIGSEGV", "java.lang.ArrayIndexOutOfBoundsException"


@dataclass
class Execution:
    compiled: bool
    compile_output: str = ""
    compile_time_ms: int = 0
    runs: list[RunOutcome] = field(default_factory=list)
    internal_error: str = ""
    backend: str = ""
    compile_cached: bool = False  # the compiled artifact came from the cache (no compiler ran)


class SandboxUnavailable(Exception):
    """No safe way to run untrusted code here; the arena refuses and says why."""


class Backend(Protocol):
    name: str

    def execute(
        self,
        *,
        language: LanguageKey,
        source: str,
        inputs: list[str],
        limits: Limits,
        compile_limits: CompileLimits | None = None,
    ) -> Execution: ...
