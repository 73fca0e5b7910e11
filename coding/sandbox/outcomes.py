"""What a failed run's stderr and signal mean, shared by the backends. No Django import."""

from __future__ import annotations

import signal

from .types import LanguageKey

# Limits on threads or processes, not memory, whatever the message's wording.
PROCESS_MESSAGES = ("unable to create native thread", "can't start new thread", "Resource temporarily unavailable")
MEMORY_MESSAGES = (
    "MemoryError",
    "std::bad_alloc",
    "java.lang.OutOfMemoryError: Java heap space",
    "java.lang.OutOfMemoryError: Direct buffer memory",
    "java.lang.OutOfMemoryError: Metaspace",
    "java.lang.OutOfMemoryError: GC overhead",
    "JavaScript heap out of memory",
    "Array buffer allocation failed",
    "Cannot allocate memory",
)


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def exception_line(language: LanguageKey, stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if not lines:
        return ""
    if language == "java":
        for line in lines:
            if line.startswith("Exception in thread"):
                return line.split('" ', 1)[-1]
        for line in lines:
            if "Exception" in line or "Error" in line:
                return line
    if language == "javascript":
        for line in lines:
            head = line.split(":", 1)[0]
            if head.endswith(("Error", "Exception")) and " " not in head:
                return line
    if language == "cpp":
        thrown = next((line for line in lines if line.startswith("terminate called")), "")
        what = next((line for line in lines if line.startswith("what():")), "")
        if thrown:
            return f"{thrown} {what}".strip()
    return lines[-1][:300]
