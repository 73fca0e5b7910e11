"""Running candidates' code: one interface (``types.Backend``), two backends, chosen by settings.

``get_backend()`` returns the configured backend or raises ``SandboxUnavailable`` with a reason a person can
act on; callers show that reason and run nothing. Untrusted code is never run unsandboxed.
"""

from __future__ import annotations

import threading

from django.conf import settings

from .types import (
    Backend,
    CompileLimits,
    Execution,
    LanguageKey,
    Limits,
    RunOutcome,
    RunStatus,
    SandboxUnavailable,
)

__all__ = [
    "Backend",
    "CompileLimits",
    "Execution",
    "LanguageKey",
    "Limits",
    "RunOutcome",
    "RunStatus",
    "SandboxUnavailable",
    "get_backend",
    "reset_backend",
]

_lock = threading.Lock()
_backend: Backend | None = None
_backend_key: tuple | None = None


def _settings_key() -> tuple:
    return (
        settings.SANDBOX_BACKEND,
        settings.JUDGE0_URL,
        str(settings.SANDBOX_DIR),
        settings.SANDBOX_UID,
        settings.SANDBOX_GID,
    )


def _build() -> Backend:
    choice = settings.SANDBOX_BACKEND
    if choice == "none":
        raise SandboxUnavailable("Running code is switched off on this server (SANDBOX_BACKEND=none).")
    if choice == "judge0" or (choice == "auto" and settings.JUDGE0_URL):
        from .judge0 import Judge0Backend  # noqa: PLC0415

        if not settings.JUDGE0_URL:
            raise SandboxUnavailable("SANDBOX_BACKEND=judge0 needs JUDGE0_URL.")
        try:
            ids = Judge0Backend.parse_language_ids(settings.JUDGE0_LANGUAGE_IDS)
        except ValueError as exc:
            raise SandboxUnavailable(str(exc)) from None
        return Judge0Backend(
            base_url=settings.JUDGE0_URL,
            auth_token=settings.JUDGE0_AUTH_TOKEN,
            timeout_s=settings.JUDGE0_TIMEOUT_SECONDS,
            language_ids=ids,
        )
    from .bubblewrap import BubblewrapBackend  # noqa: PLC0415

    backend = BubblewrapBackend(state_dir=settings.SANDBOX_DIR, uid=settings.SANDBOX_UID, gid=settings.SANDBOX_GID)
    backend.probe()
    return backend


def get_backend() -> Backend:
    """The configured backend, probed once per process (a failed probe is retried on the next call)."""
    global _backend, _backend_key  # a per-process cache of the probed backend
    key = _settings_key()
    with _lock:
        if _backend is None or _backend_key != key:
            _backend, _backend_key = _build(), key
        return _backend


def reset_backend() -> None:
    global _backend, _backend_key
    with _lock:
        _backend, _backend_key = None, None
