"""A fake Judge0 CE on loopback: a real HTTP server speaking the part of its REST API the backend uses.

``mode`` chooses its behaviour:

* ``"run"`` — runs each batch through the real bubblewrap backend (one compile, every test) and answers in
  Judge0's shape (status ids, base64 fields, seconds and KB); the first poll of a batch says "Processing";
* ``"queued"`` — accepts the batch but never finishes it ("In Queue" forever);
* ``"error"`` — answers 500; ``"garbage"`` — answers 200 with a body that is not JSON;
* ``"stall"`` — accepts the connection and never answers; ``"refuse"`` — 401 unless the auth token matches.

A stopped server (``stop()``) is the "down" case.
"""

from __future__ import annotations

import base64
import json
import signal
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from coding.sandbox.types import Limits

LANGUAGES = {71: "python", 63: "javascript", 62: "java", 54: "cpp"}
STATUS = {
    1: "In Queue",
    2: "Processing",
    3: "Accepted",
    5: "Time Limit Exceeded",
    6: "Compilation Error",
    7: "Runtime Error (SIGSEGV)",
    8: "Runtime Error (SIGXFSZ)",
    9: "Runtime Error (SIGFPE)",
    10: "Runtime Error (SIGABRT)",
    11: "Runtime Error (NZEC)",
    12: "Runtime Error (Other)",
    13: "Internal Error",
}
SIGNAL_STATUS = {signal.SIGSEGV: 7, signal.SIGXFSZ: 8, signal.SIGFPE: 9, signal.SIGABRT: 10}


def _b64(text: str) -> str | None:
    return base64.b64encode(text.encode()).decode() if text else None


class FakeJudge0:
    def __init__(self, backend, *, mode: str = "run", auth_token: str = "") -> None:
        self.backend = backend
        self.mode = mode
        self.auth_token = auth_token
        self.results: dict[str, dict] = {}
        self.polls: dict[str, int] = {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                fake.requests.append(f"POST {self.path}")
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if fake._misbehave(self):
                    return
                if urlsplit(self.path).path != "/submissions/batch":
                    self._send(404, {"error": "not found"})
                    return
                entries = json.loads(body)["submissions"]
                self._send(201, fake._create(entries))

            def do_GET(self):
                fake.requests.append(f"GET {self.path}")
                if fake._misbehave(self):
                    return
                parts = urlsplit(self.path)
                if parts.path != "/submissions/batch":
                    self._send(404, {"error": "not found"})
                    return
                tokens = parse_qs(parts.query)["tokens"][0].split(",")
                self._send(200, {"submissions": [fake._poll(token) for token in tokens]})

            def _send(self, code, payload):
                data = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------------ behaviours
    def _misbehave(self, handler) -> bool:
        if self.auth_token and handler.headers.get("X-Auth-Token") != self.auth_token:
            handler._send(401, {"error": "Authentication failed"})
            return True
        if self.mode == "error":
            handler._send(500, {"error": "boom"})
            return True
        if self.mode == "garbage":
            data = b"<html>definitely not json"
            handler.send_response(200)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
            return True
        if self.mode == "stall":
            time.sleep(30)
            return True
        return False

    def _create(self, entries: list[dict]) -> list[dict]:
        tokens = [uuid.uuid4().hex for _ in entries]
        if self.mode == "queued":
            for token in tokens:
                self.results[token] = {"token": token, "status": {"id": 1, "description": STATUS[1]}}
            return [{"token": t} for t in tokens]
        first = entries[0]
        language = LANGUAGES[first["language_id"]]
        limits = Limits(
            cpu_ms=int(first["cpu_time_limit"] * 1000),
            wall_ms=int(first["wall_time_limit"] * 1000),
            memory_mb=first["memory_limit"] // 1024,
            processes=first["max_processes_and_or_threads"],
            file_size_kb=first["max_file_size"],
        )
        source = base64.b64decode(first["source_code"]).decode()
        inputs = [base64.b64decode(e.get("stdin") or "").decode() for e in entries]
        execution = self.backend.execute(language=language, source=source, inputs=inputs, limits=limits)
        for position, token in enumerate(tokens):
            self.results[token] = self._judge0_shape(token, execution, position, limits)
        return [{"token": t} for t in tokens]

    @staticmethod
    def _judge0_shape(token: str, execution, position: int, limits: Limits) -> dict:
        result = {"token": token, "stdout": None, "stderr": None, "compile_output": _b64(execution.compile_output)}
        if not execution.compiled:
            status = 6 if not execution.internal_error else 13
            return {**result, "status": {"id": status, "description": STATUS[status]}}
        run = execution.runs[position]
        status = {"OK": 3, "TLE": 5, "OLE": 8, "IE": 13}.get(run.status)
        memory = run.memory_kb
        if run.status == "MLE":
            status, memory = 12, limits.memory_mb * 1024  # Judge0 has no MLE: a crash at the limit
        elif run.status == "RE":
            status = SIGNAL_STATUS.get(run.signal, 11 if run.signal is None else 12)
        return {
            **result,
            "status": {"id": status, "description": STATUS[status]},
            "stdout": _b64(run.stdout),
            "stderr": _b64(run.stderr),
            "time": f"{run.time_ms / 1000:.3f}",
            "wall_time": f"{run.time_ms / 1000:.3f}",
            "memory": memory,
            "exit_code": run.exit_code,
            "exit_signal": run.signal,
            "message": None,
        }

    def _poll(self, token: str) -> dict:
        with self._lock:
            self.polls[token] = self.polls.get(token, 0) + 1
            first = self.polls[token] == 1
        result = self.results.get(token)
        if result is None:
            return {"token": token, "status": {"id": 13, "description": "unknown token"}}
        if first and self.mode == "run":
            return {"token": token, "status": {"id": 2, "description": STATUS[2]}}
        return result
