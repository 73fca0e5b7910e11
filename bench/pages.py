"""Locker Room benchmark: requests per second and p95 at 8 concurrent clients on PostgreSQL, beside trivial views
on the same server in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ia_bench REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python bench/pages.py [--seconds 8] [--clients 8] [--sessions 300]

It (re)creates a bench user with a long history (hundreds of analysed sessions, submissions, saved answers,
XP events) in the database ``DATABASE_URL`` names (migrated first; use a database of its own), logs it in
(a real session cookie), starts daphne on a free port with the same settings, warms up, then for each page
runs ``--clients`` keep-alive HTTP clients for ``--seconds``. Trivial views: the landing page for a visitor
(``/``, no database query) and ``/healthz`` (one query plus cache, channel layer and broker pings).
Target: the Locker Room at ≥ 1/6 of the landing page's throughput, p95 ≤ 25 ms. The load average is
printed before and after: other work on the machine moves every figure. Bounded: about 40 s.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.tests.factories import UserFactory  # noqa: E402
from gamification.tests.history import build_history  # noqa: E402
from tests.e2e.server import free_port  # noqa: E402

EMAIL = "bench.locker@example.com"


def seed(sessions: int) -> str:
    """The bench user with a long history; returns a logged-in session cookie value."""
    from accounts.models import User  # noqa: PLC0415

    User.objects.filter(email=EMAIL).delete()
    user = UserFactory(email=EMAIL, display_name="Bench Candidate")
    build_history(user, sessions=sessions, submissions=sessions, answers=sessions // 2, xp_events=sessions)
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def start_server(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("daphne did not become healthy within 20 s")


def run(port: int, path: str, cookie: str | None, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"} if cookie else {}

    def worker():
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except OSError:
                bad += 1
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    return {
        "path": path,
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95": p95 * 1000,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--sessions", type=int, default=300)
    args = parser.parse_args()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        print("note: DATABASE_URL is not PostgreSQL; the target is set for PostgreSQL", file=sys.stderr)
    call_command("migrate", verbosity=0)
    cookie = seed(args.sessions)
    port = free_port()
    print(f"load average before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    server = start_server(port)
    try:
        for path, with_cookie in (("/", False), ("/healthz", False), ("/", True)):
            run(port, path, cookie if with_cookie else None, args.clients, 1.0)  # warm-up
        results = {
            "landing (visitor)": run(port, "/", None, args.clients, args.seconds),
            "healthz": run(port, "/healthz", None, args.clients, args.seconds),
            "Locker Room": run(port, "/", cookie, args.clients, args.seconds),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"load average after:  {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    print(
        f"{args.clients} clients, {args.seconds:.0f} s each, {args.sessions} sessions in the user's history, one daphne"
    )
    print(f"{'page':<20} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for name, r in results.items():
        print(f"{name:<20} {r['requests']:>9} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['errors']:>7}")
    locker, trivial = results["Locker Room"], results["landing (visitor)"]
    ratio = locker["rps"] / trivial["rps"] if trivial["rps"] else 0
    ok = ratio >= 1 / 6 and locker["p95"] <= 25
    print(f"Locker Room / landing throughput: {ratio:.2f} (target ≥ 0.17); p95 {locker['p95']:.1f} ms (target ≤ 25)")
    print("PASS" if ok else "MISS")


if __name__ == "__main__":
    main()
