"""A real HTTP server on loopback that speaks the Chat Completions protocol, with scripted faults.

Each request pops the next ``Step`` from the script (the last one repeats). Every request body is kept
in ``server.requests`` so tests can assert what was sent.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

Kind = Literal["text", "stream", "status", "hang", "truncated_stream", "garbage_body", "slow_stream"]


@dataclass
class Step:
    kind: Kind = "text"
    content: str = "Hello from the fake model."
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0  # hang duration, or the delay between stream chunks
    chunks: list[str] | None = None
    prompt_tokens: int = 11
    completion_tokens: int = 7


class FakeOpenAI:
    def __init__(self) -> None:
        self.script: list[Step] = [Step()]
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                return

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.requests.append(body)
                    server.headers.append({k.lower(): v for k, v in self.headers.items()})
                    step = server.script.pop(0) if len(server.script) > 1 else server.script[0]
                server._respond(self, step, body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def then(self, *steps: Step) -> FakeOpenAI:
        self.script = list(steps)
        return self

    # -- responses --------------------------------------------------------------------------------
    def _respond(self, handler: BaseHTTPRequestHandler, step: Step, body: dict) -> None:
        model = body.get("model", "fake-model")
        if step.kind == "hang":
            self._stop.wait(step.seconds or 30)
            return
        if step.kind == "status":
            payload = json.dumps({"error": {"message": f"scripted {step.status}", "type": "fake"}}).encode()
            self._send(handler, step.status, payload, step.headers)
            return
        if step.kind == "garbage_body":
            self._send(handler, 200, b"<html>definitely not json", {"Content-Type": "text/html"})
            return
        if step.kind == "text":
            payload = {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": step.content}, "finish_reason": "stop"}
                ],
                "usage": {
                    "prompt_tokens": step.prompt_tokens,
                    "completion_tokens": step.completion_tokens,
                    "total_tokens": step.prompt_tokens + step.completion_tokens,
                },
            }
            self._send(handler, 200, json.dumps(payload).encode(), step.headers)
            return
        # streams
        chunks = step.chunks or [step.content[i : i + 8] for i in range(0, len(step.content), 8)]
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Cache-Control", "no-cache")
        handler.send_header("Connection", "close")
        handler.end_headers()
        try:
            for index, piece in enumerate(chunks):
                if step.kind == "truncated_stream" and index >= max(1, len(chunks) // 2):
                    break
                self._event(handler, model, {"role": "assistant", "content": piece}, None)
                if step.seconds and self._stop.wait(step.seconds):
                    return
            if step.kind == "truncated_stream":
                handler.wfile.flush()
                handler.close_connection = True
                return  # connection closes: no finish_reason, no [DONE]
            self._event(handler, model, {}, "stop")
            handler.wfile.write(b"data: [DONE]\n\n")
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
        handler.close_connection = True

    @staticmethod
    def _event(handler, model: str, delta: dict, finish: str | None) -> None:
        chunk = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        handler.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        handler.wfile.flush()

    @staticmethod
    def _send(handler, status: int, payload: bytes, headers: dict[str, str]) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", headers.get("Content-Type", "application/json"))
        for key, value in headers.items():
            if key != "Content-Type":
                handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)
        handler.wfile.flush()
