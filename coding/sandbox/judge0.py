"""The Judge0 backend: the same ``Backend`` interface over Judge0 CE's REST API, for running code at scale.

One batch per submission: ``POST /submissions/batch?base64_encoded=true`` (one entry per test, limits
attached), then ``GET /submissions/batch?tokens=...`` until every entry has left "In Queue"/"Processing" or
the deadline passes. Every failure — down, slow, 4xx/5xx, garbage — is an internal error, never a hang: each
request has its own timeout and the whole submission has ``timeout_s``. Judge0 compiles per entry; its
output is mapped onto our ``RunStatus`` (it has no memory- or output-limit status: a crash at the memory
limit is MLE, output past our cap is OLE).
"""

from __future__ import annotations

import base64
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from .outcomes import MEMORY_MESSAGES, PROCESS_MESSAGES, exception_line
from .types import CompileLimits, Execution, LanguageKey, Limits, RunOutcome, RunStatus

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE_IDS: dict[str, int] = {"python": 71, "javascript": 63, "java": 62, "cpp": 54}
PENDING = {1, 2}  # In Queue, Processing
ACCEPTED, WRONG_ANSWER, TIME_LIMIT, COMPILATION_ERROR = 3, 4, 5, 6
SIGNALS = {7: ("SIGSEGV", 11), 8: ("SIGXFSZ", 25), 9: ("SIGFPE", 8), 10: ("SIGABRT", 6)}
NZEC, RUNTIME_OTHER, INTERNAL, EXEC_FORMAT = 11, 12, 13, 14
FIELDS = "token,status,stdout,stderr,compile_output,message,time,wall_time,memory,exit_code,exit_signal"


class Judge0Error(Exception):
    pass


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _unb64(value: Any) -> str:
    if not value:
        return ""
    if not isinstance(value, str):
        raise Judge0Error("Judge0 sent a non-text field")
    try:
        return base64.b64decode(value).decode("utf-8", "replace")
    except ValueError as exc:
        raise Judge0Error(f"Judge0 sent invalid base64: {exc}") from None


class Judge0Backend:
    name = "judge0"

    def __init__(
        self,
        *,
        base_url: str,
        auth_token: str = "",
        timeout_s: float = 60,
        language_ids: dict[str, int] | None = None,
        poll_interval_s: float = 0.25,
        request_timeout_s: float = 10,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.auth_token = auth_token
        self.timeout_s = timeout_s
        self.language_ids = language_ids or dict(DEFAULT_LANGUAGE_IDS)
        self.poll_interval_s = poll_interval_s
        self.request_timeout_s = request_timeout_s

    @staticmethod
    def parse_language_ids(items: list[str]) -> dict[str, int]:
        """``["python:71", ...]`` → ``{"python": 71, ...}`` (settings give ``JUDGE0_LANGUAGE_IDS`` this way)."""
        ids = dict(DEFAULT_LANGUAGE_IDS)
        for item in items:
            key, _, number = item.partition(":")
            if key.strip() not in DEFAULT_LANGUAGE_IDS or not number.strip().isdigit():
                raise ValueError(f"JUDGE0_LANGUAGE_IDS entry {item!r} is not language:id")
            ids[key.strip()] = int(number)
        return ids

    # ------------------------------------------------------------------ HTTP
    def _request(self, method: str, path: str, body: dict | None, deadline: float) -> Any:
        timeout = min(self.request_timeout_s, max(0.1, deadline - time.monotonic()))
        url = f"{self.base_url}{path}"
        if not url.startswith(("http://", "https://")):
            raise Judge0Error("JUDGE0_URL must be an http(s) URL")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.auth_token:
            headers["X-Auth-Token"] = self.auth_token
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310 - scheme checked
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                raw = response.read(64 * 1024 * 1024)
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace") if exc.fp else ""
            raise Judge0Error(
                f"Judge0 answered HTTP {exc.code} to {method} {path.partition('?')[0]}: {detail}"
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise Judge0Error(f"Judge0 is unreachable or too slow: {reason}") from None
        try:
            return json.loads(raw)
        except ValueError:
            raise Judge0Error("Judge0 sent a response that is not JSON") from None

    # ------------------------------------------------------------------ execute
    def execute(
        self,
        *,
        language: LanguageKey,
        source: str,
        inputs: list[str],
        limits: Limits,
        compile_limits: CompileLimits | None = None,
    ) -> Execution:
        execution = Execution(compiled=False, backend=self.name)
        language_id = self.language_ids.get(language)
        if language_id is None:
            execution.internal_error = f"no Judge0 language id for {language}"
            return execution
        if not inputs:
            inputs = [""]  # Judge0 compiles only as part of a run
        deadline = time.monotonic() + self.timeout_s
        entry = {
            "language_id": language_id,
            "source_code": _b64(source),
            "cpu_time_limit": limits.cpu_ms / 1000,
            "cpu_extra_time": 0.5,
            "wall_time_limit": limits.wall_ms / 1000,
            "memory_limit": limits.memory_mb * 1024,
            "stack_limit": 64 * 1024,
            "max_processes_and_or_threads": limits.processes,
            "enable_per_process_and_thread_time_limit": False,
            "enable_per_process_and_thread_memory_limit": False,
            "max_file_size": limits.file_size_kb,
            "redirect_stderr_to_stdout": False,
            "enable_network": False,
        }
        try:
            created = self._request(
                "POST",
                "/submissions/batch?base64_encoded=true",
                {"submissions": [{**entry, "stdin": _b64(text)} for text in inputs]},
                deadline,
            )
            tokens = self._tokens(created, len(inputs))
            results = self._poll(tokens, deadline)
        except Judge0Error as exc:
            logger.warning("judge0: %s", exc)
            execution.internal_error = str(exc)
            return execution
        try:
            return self._execution(results, language=language, limits=limits, execution=execution)
        except (Judge0Error, KeyError, TypeError, ValueError) as exc:
            execution.internal_error = f"Judge0 sent a result this backend cannot read: {exc}"
            execution.runs = []
            return execution

    @staticmethod
    def _tokens(created: Any, expected: int) -> list[str]:
        if not isinstance(created, list) or len(created) != expected:
            raise Judge0Error("Judge0 did not accept the batch (unexpected answer to the batch create)")
        tokens = []
        for item in created:
            token = item.get("token") if isinstance(item, dict) else None
            if not isinstance(token, str) or not token:
                raise Judge0Error(f"Judge0 refused a test: {item!r}"[:300])
            tokens.append(token)
        return tokens

    def _poll(self, tokens: list[str], deadline: float) -> list[dict]:
        query = urllib.parse.urlencode({"tokens": ",".join(tokens), "base64_encoded": "true", "fields": FIELDS})
        while True:
            answer = self._request("GET", f"/submissions/batch?{query}", None, deadline)
            items = answer.get("submissions") if isinstance(answer, dict) else None
            if not isinstance(items, list) or len(items) != len(tokens) or not all(isinstance(i, dict) for i in items):
                raise Judge0Error("Judge0 sent a batch result of the wrong shape")
            if all(self._status_id(item) not in PENDING for item in items):
                return items
            if time.monotonic() + self.poll_interval_s >= deadline:
                raise Judge0Error(f"Judge0 did not finish within {self.timeout_s:.0f} s")
            time.sleep(self.poll_interval_s)

    @staticmethod
    def _status_id(item: dict) -> int:
        status = item.get("status")
        if not isinstance(status, dict) or not isinstance(status.get("id"), int):
            raise Judge0Error("Judge0 sent a result without a status")
        return status["id"]

    def _execution(self, items: list[dict], *, language: LanguageKey, limits: Limits, execution: Execution):
        failed_compile = next((i for i in items if self._status_id(i) == COMPILATION_ERROR), None)
        if failed_compile is not None:
            execution.compile_output = _unb64(failed_compile.get("compile_output")) or "compilation failed"
            return execution
        execution.compiled = True
        execution.compile_output = _unb64(items[0].get("compile_output")) if items else ""
        execution.runs = [self._outcome(index, item, language, limits) for index, item in enumerate(items)]
        return execution

    @staticmethod
    def _outcome(index: int, item: dict, language: LanguageKey, limits: Limits) -> RunOutcome:
        status_id = Judge0Backend._status_id(item)
        stdout, stderr = _unb64(item.get("stdout")), _unb64(item.get("stderr"))
        message = _unb64(item.get("message"))
        memory_kb = int(item.get("memory") or 0)
        time_ms = int(float(item.get("time") or 0) * 1000)
        exit_code = item.get("exit_code") if isinstance(item.get("exit_code"), int) else None
        sig = item.get("exit_signal") if isinstance(item.get("exit_signal"), int) else None
        status: RunStatus
        detail = ""
        at_memory_limit = memory_kb >= limits.memory_mb * 1024 * 0.95
        if len(stdout.encode()) > limits.output_bytes or len(stderr.encode()) > limits.output_bytes:
            status, detail = "OLE", "output limit exceeded"
            stdout = stdout.encode()[: limits.output_bytes].decode("utf-8", "ignore")
            stderr = stderr.encode()[: limits.output_bytes].decode("utf-8", "ignore")
        elif status_id in (ACCEPTED, WRONG_ANSWER):
            status = "OK"
        elif status_id == TIME_LIMIT:
            status, detail = "TLE", f"time limit ({limits.cpu_ms} ms) exceeded"
        elif status_id == 8:
            status, detail = "OLE", "output limit exceeded (file size)"
        elif status_id in (*SIGNALS, NZEC, RUNTIME_OTHER):
            if any(m in stderr for m in PROCESS_MESSAGES):
                status = "RE"
                detail = f"process/thread limit ({limits.processes}) reached: {exception_line(language, stderr)}"
            elif at_memory_limit or any(m in stderr for m in MEMORY_MESSAGES):
                status, detail = "MLE", "memory limit exceeded"
            elif status_id in SIGNALS:
                name, number = SIGNALS[status_id]
                status, detail, sig = "RE", f"killed by {name}", sig or number
                if language == "cpp" and (thrown := exception_line(language, stderr)):
                    detail = f"{detail} ({thrown})"
            else:
                status = "RE"
                detail = exception_line(language, stderr) or message or f"exit code {exit_code}"
        else:
            status, detail = "IE", message or f"Judge0 status {status_id}: {item['status'].get('description', '')}"
        return RunOutcome(
            index=index,
            status=status,
            stdout=stdout,
            stderr=stderr,
            exit_code=exit_code,
            signal=sig,
            time_ms=time_ms,
            memory_kb=memory_kb,
            detail=detail,
        )
