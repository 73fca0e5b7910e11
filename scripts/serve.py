"""Run the whole product in the foreground: daphne (HTTP + WebSocket) and a Celery worker.

One Ctrl-C (or SIGTERM) stops both; if either exits on its own, the other is stopped too and the
exit code is passed on. Usage: python scripts/serve.py [--host 127.0.0.1] [--port 8000]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time

GRACE_SECONDS = 10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
    parser.add_argument("--concurrency", default=os.environ.get("CELERY_CONCURRENCY", "2"))
    args = parser.parse_args()

    python = sys.executable
    commands = {
        "web": [python, "-m", "daphne", "-b", args.host, "-p", str(args.port), "config.asgi:application"],
        "worker": [
            python,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            str(args.concurrency),
            "--hostname",
            "worker@%h",
        ],
    }
    children = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}
    print(f"Interview Arena on http://{args.host}:{args.port}/ — Ctrl-C stops web and worker.", flush=True)

    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    exit_code = 0
    while not stopping:
        for name, child in children.items():
            code = child.poll()
            if code is not None:
                print(f"{name} exited with {code}; stopping the rest.", flush=True)
                exit_code = code or 1
                stopping = True
                break
        time.sleep(0.2)

    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
