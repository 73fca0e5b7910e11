"""Run the whole product in the foreground: daphne (HTTP + WebSocket) and a Celery worker.

One Ctrl-C (or SIGTERM) stops all; if any exits on its own, the others are stopped too and the
exit code is passed on. Usage: python scripts/serve.py [--host 127.0.0.1] [--port 8000] [--web-processes 1]

``--web-processes N`` (``WEB_PROCESSES``) runs N daphne processes accepting on one listening socket that
this script binds and hands down (daphne ``--fd``), so a machine's cores all serve requests. It needs
``REDIS_URL``: the embedded default's cache and channel layer live inside one process.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time

GRACE_SECONDS = 10


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound, listening TCP socket that child processes inherit (for daphne ``--fd``)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # daphne adopts the descriptor as IPv4
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


def web_commands(host: str, port: int, processes: int) -> tuple[dict[str, list[str]], socket.socket | None]:
    """The daphne command lines (daphne on uvloop, ``config/webserver.py``): one bound to ``host:port``, or
    ``processes`` sharing one inherited socket
    (returned too: the parent keeps it open while the children run and passes it with ``pass_fds``)."""
    python = sys.executable
    if processes <= 1:
        return {"web": [python, "-m", "config.webserver", "-b", host, "-p", str(port), "config.asgi:application"]}, None
    sock = listening_socket(host, port)
    command = [python, "-m", "config.webserver", "--fd", str(sock.fileno()), "config.asgi:application"]
    return {f"web{n}": command for n in range(1, processes + 1)}, sock


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=os.environ.get("PORT", "8000"))
    parser.add_argument("--concurrency", default=os.environ.get("CELERY_CONCURRENCY", "2"))
    parser.add_argument("--web-processes", type=positive_int, default=os.environ.get("WEB_PROCESSES", "1"))
    args = parser.parse_args()
    if args.web_processes > 1 and not os.environ.get("REDIS_URL"):
        parser.error("--web-processes above 1 needs REDIS_URL (without it the cache and channel layer are per process)")
    if args.web_processes > 1 and ":" in args.host:
        parser.error("--web-processes above 1 needs an IPv4 --host")

    python = sys.executable
    commands, sock = web_commands(args.host, args.port, args.web_processes)
    commands |= {
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
    fds = (sock.fileno(),) if sock else ()
    children = {
        name: subprocess.Popen(cmd, pass_fds=fds if name.startswith("web") else ()) for name, cmd in commands.items()
    }
    web = f"{args.web_processes} web processes" if args.web_processes > 1 else "web"
    print(f"Interview Arena on http://{args.host}:{args.port}/ — Ctrl-C stops {web} and worker.", flush=True)

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
