"""Locker Room benchmark: requests per second and p95 at 8 concurrent clients on PostgreSQL, beside trivial views
on the same server in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ia_bench REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python bench/pages.py [--seconds 8] [--clients 8] [--sessions 300] [--web-processes N] \
        [--load wrk|threads]

It (re)creates a bench user with a long history (hundreds of analysed sessions, submissions, saved answers,
XP events) in the database ``DATABASE_URL`` names (migrated first; use a database of its own), logs it in
(a real session cookie), starts the web server as ``scripts/serve.py`` does — ``--web-processes`` daphne
processes on one listening socket (default: one per core, ``WEB_PROCESSES`` in production; 1 is a single
daphne) — checks every page answers 200 with its own content, warms up, then for each page runs ``--clients``
keep-alive HTTP clients for ``--seconds``. The load generator is ``wrk`` (C, one thread: it leaves the cores to
the server) when installed, else Python threads (``--load threads``; they take CPU from the server, so its
figures are lower). Trivial views: the landing page for a visitor (``/``, no database query) and ``/healthz``
(one query plus cache, channel layer and broker pings). Besides throughput and latency it reports the
server processes' CPU per request (user + sys), which other work on the machine moves far less than the
wall-clock figures. Target: the Locker Room at ≥ 1/6 of the landing page's throughput, p95 ≤ 25 ms. The load
average is printed before and after. Bounded: about 40 s.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

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
from scripts.serve import web_commands  # noqa: E402
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


def start_server(port: int, processes: int) -> list[subprocess.Popen]:
    commands, sock = web_commands("127.0.0.1", port, processes)
    fds = (sock.fileno(),) if sock else ()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    servers = [
        subprocess.Popen(command, cwd=ROOT, env=env, pass_fds=fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for command in commands.values()
    ]
    if sock:
        sock.close()  # the children hold it
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return servers
        except OSError:
            time.sleep(0.2)
    stop_server(servers)
    raise SystemExit("daphne did not become healthy within 30 s")


def stop_server(servers: list[subprocess.Popen]) -> None:
    for server in servers:
        server.terminate()
    for server in servers:
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a loaded machine can keep daphne from finishing its shutdown
            server.kill()
            server.wait()


def server_cpu(servers: list[subprocess.Popen]) -> float:
    """User + sys CPU seconds of the server processes so far."""
    total = 0.0
    for server in servers:
        times = psutil.Process(server.pid).cpu_times()
        total += times.user + times.system
    return total


def check(port: int, path: str, cookie: str | None, markers: tuple[str, ...]) -> None:
    """The page answers 200 with its own content (a login redirect or an error page would be cheap)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=cookie_header(cookie))
    response = connection.getresponse()
    body = response.read().decode()
    missing = [marker for marker in markers if marker not in body]
    if response.status != 200 or missing:
        raise SystemExit(f"{path} answered {response.status} without {missing}: the benchmark would measure nothing")


def cookie_header(cookie: str | None) -> dict:
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"} if cookie else {}


WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_ok = 0 end
function response(status, headers, body) if status ~= 200 then not_ok = not_ok + 1 end end
function done(summary, latency, requests)
  local bad = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  for _, thread in ipairs(threads) do bad = bad + thread:get("not_ok") end
  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), bad))
end
"""


def run_wrk(port: int, path: str, cookie: str | None, clients: int, seconds: float) -> dict:
    """``wrk`` with one thread and ``clients`` connections; a Lua ``done()`` reports p50/p95 and every answer
    that was not a 200 (wrk itself only counts 4xx/5xx)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT)
        script.flush()
        command = ["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "-s", script.name]
        for name, value in cookie_header(cookie).items():
            command += ["-H", f"{name}: {value}"]
        output = subprocess.run(
            [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
        ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    requests, duration_us, p50_us, p95_us, errors = (int(v) for v in line.split()[1:])
    return {
        "path": path,
        "requests": requests,
        "rps": requests / (duration_us / 1e6),
        "p50": p50_us / 1000,
        "p95": p95_us / 1000,
        "errors": errors,
    }


def run_threads(port: int, path: str, cookie: str | None, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    headers = cookie_header(cookie)

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
    parser.add_argument("--web-processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--load", choices=("wrk", "threads"), default="wrk" if shutil.which("wrk") else "threads")
    args = parser.parse_args()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        print("note: DATABASE_URL is not PostgreSQL; the target is set for PostgreSQL", file=sys.stderr)
    if args.web_processes > 1 and not os.environ.get("REDIS_URL"):
        raise SystemExit("--web-processes above 1 needs REDIS_URL, as scripts/serve.py does")
    if args.load == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk), or use --load threads")
    run = run_wrk if args.load == "wrk" else run_threads
    call_command("migrate", verbosity=0)
    cookie = seed(args.sessions)
    port = free_port()
    pages = {  # name: (path, logged in, what the page must contain)
        "landing (visitor)": ("/", False, ("Sign up",)),
        "healthz": ("/healthz", False, ('"status": "ok"',)),
        "Locker Room": (
            "/",
            True,
            ("data-next-step=", "lr-skilltree", 'data-badge="on_fire"', 'id="leaderboard-optin"'),
        ),
    }
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    servers = start_server(port, args.web_processes)
    results = {}
    try:
        for path, logged_in, markers in pages.values():
            check(port, path, cookie if logged_in else None, markers)
            run(port, path, cookie if logged_in else None, args.clients, 1.0)  # warm-up
        for name, (path, logged_in, _marker) in pages.items():
            cpu = server_cpu(servers)
            results[name] = run(port, path, cookie if logged_in else None, args.clients, args.seconds)
            results[name]["cpu_ms"] = (server_cpu(servers) - cpu) * 1000 / max(results[name]["requests"], 1)
    finally:
        stop_server(servers)
    load = os.getloadavg()
    print(f"load average after:  {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    processes = f"{args.web_processes} daphne processes on one socket" if args.web_processes > 1 else "one daphne"
    print(
        f"{args.clients} clients ({args.load}), {args.seconds:.0f} s each, {args.sessions} sessions in the user's "
        f"history, {processes}"
    )
    print(f"{'page':<20} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms/req':>11} {'errors':>7}")
    for name, r in results.items():
        print(
            f"{name:<20} {r['requests']:>9} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['cpu_ms']:>11.2f} "
            f"{r['errors']:>7}"
        )
    locker, trivial = results["Locker Room"], results["landing (visitor)"]
    ratio = locker["rps"] / trivial["rps"] if trivial["rps"] else 0
    ok = ratio >= 1 / 6 and locker["p95"] <= 25 and not locker["errors"]
    print(f"Locker Room / landing throughput: {ratio:.2f} (target ≥ 0.17); p95 {locker['p95']:.1f} ms (target ≤ 25)")
    print("PASS" if ok else "MISS")


if __name__ == "__main__":
    main()
