"""Python in a fresh interpreter, started the way a deployment starts it: this process's environment without
what the test run set for itself (``DJANGO_*``, ``PYTEST_*``) or the names the caller drops, with a ``VAR_DIR``
of the test's own and the caller's variables."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_fresh(tmp_path: Path, *args: str, drop: tuple[str, ...] = (), **env: str) -> subprocess.CompletedProcess:
    """``python *args`` in the project root; ``drop``: prefixes of variable names not to pass on."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_", *drop))}
    environment.update({"VAR_DIR": str(tmp_path / "var"), **env})
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False
    )
