"""PostgreSQL connections come from a pool per process (settings in a fresh interpreter, pooling against the
real server): reused across requests, never shared with a forked child, and a request that cannot get one
fails with a clear error after DATABASE_POOL_TIMEOUT instead of hanging."""

import json
import subprocess
import textwrap

import pytest
from django.conf import settings

from tests.fresh import run_fresh

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def run_python(tmp_path, code: str, **env) -> subprocess.CompletedProcess:
    """``code`` in a fresh interpreter with this run's database settings left out: only ``env``'s count."""
    return run_fresh(
        tmp_path, "-c", textwrap.dedent(code), drop=("DATABASE_",), DJANGO_SETTINGS_MODULE="config.settings", **env
    )


SHOW_OPTIONS = """
    import json, django
    django.setup()
    from django.conf import settings
    db = settings.DATABASES["default"]
    print(json.dumps({"options": db["OPTIONS"], "max_age": db["CONN_MAX_AGE"]}))
"""


def test_postgres_is_pooled_by_default_and_the_pool_is_configurable(tmp_path):
    url = {"DATABASE_URL": "postgres://arena@db.internal:5432/arena"}
    result = run_python(tmp_path, SHOW_OPTIONS, **url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "options": {"pool": {"min_size": 1, "max_size": 10, "timeout": 10}},
        "max_age": 0,
    }

    result = run_python(
        tmp_path, SHOW_OPTIONS, DATABASE_POOL_MAX_SIZE="4", DATABASE_POOL_MIN_SIZE="9", DATABASE_POOL_TIMEOUT="3", **url
    )
    assert json.loads(result.stdout)["options"]["pool"] == {"min_size": 4, "max_size": 4, "timeout": 3}

    result = run_python(tmp_path, SHOW_OPTIONS, DATABASE_POOL_MAX_SIZE="0", DATABASE_CONN_MAX_AGE="60", **url)
    assert json.loads(result.stdout) == {"options": {}, "max_age": 60}


def test_persistent_connections_and_a_pool_at_once_are_refused_with_the_fix(tmp_path):
    result = run_python(
        tmp_path, SHOW_OPTIONS, DATABASE_URL="postgres://arena@db.internal:5432/arena", DATABASE_CONN_MAX_AGE="60"
    )
    assert result.returncode != 0
    assert "DATABASE_CONN_MAX_AGE needs DATABASE_POOL_MAX_SIZE=0" in result.stderr


def test_sqlite_has_no_pool(tmp_path):
    result = run_python(tmp_path, SHOW_OPTIONS)
    assert result.returncode == 0, result.stderr
    assert "pool" not in json.loads(result.stdout)["options"]


def server_url() -> str:
    """The test server's maintenance database: these scripts run no migrations and touch no tables."""
    db = settings.DATABASES["default"]
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/postgres"


BACKEND_PID = """
    import json, os, threading, django
    django.setup()
    from django.db import connection, OperationalError

    def backend_pid():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]

    def request():  # what a request does: its own thread, a query, the connection handed back at the end
        seen = []
        def run():
            try:
                seen.append(backend_pid())
            except Exception as error:
                seen.append(error)
            connection.close()
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
        if isinstance(seen[0], Exception):
            raise seen[0]
        return seen[0]
"""


@pytest.mark.skipif(not ON_POSTGRES, reason="connection pooling is a PostgreSQL setting (DATABASE_URL=postgres://…)")
def test_requests_reuse_pooled_connections(tmp_path):
    code = (
        BACKEND_PID
        + """
    print(json.dumps([request() for _ in range(20)]))
    """
    )
    result = run_python(tmp_path, code, DATABASE_URL=server_url(), DATABASE_POOL_MIN_SIZE="1")
    assert result.returncode == 0, result.stderr
    pids = json.loads(result.stdout)
    # a handful of server connections served 20 requests in 20 threads (the pool hands a returned connection
    # back after resetting it, so a request that comes right after may open a second one)
    assert len(set(pids)) < 5, pids

    result = run_python(tmp_path, code, DATABASE_URL=server_url(), DATABASE_POOL_MAX_SIZE="0")
    assert result.returncode == 0, result.stderr
    assert len(set(json.loads(result.stdout))) == 20  # without the pool every request connects anew


@pytest.mark.skipif(not ON_POSTGRES, reason="connection pooling is a PostgreSQL setting (DATABASE_URL=postgres://…)")
def test_a_forked_child_never_uses_its_parents_pooled_connections(tmp_path):
    code = (
        BACKEND_PID
        + """
    parent = [request() for _ in range(4)]
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        try:
            os.write(write, json.dumps(request()).encode())
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    os.close(write)
    in_child = json.loads(os.read(read, 100))
    print(json.dumps({"parent": parent, "child": in_child, "parent_after": [request() for _ in range(4)]}))
    """
    )
    result = run_python(tmp_path, code, DATABASE_URL=server_url(), DATABASE_POOL_MAX_SIZE="1")
    assert result.returncode == 0, result.stderr
    pids = json.loads(result.stdout)
    assert len(set(pids["parent"])) == 1, pids  # a pool of one connection
    assert pids["child"] not in pids["parent"]  # the child opened a pool of its own
    # the parent's connection is intact: a broken one would have been replaced by a new server process
    assert pids["parent_after"] == pids["parent"], pids


@pytest.mark.skipif(not ON_POSTGRES, reason="connection pooling is a PostgreSQL setting (DATABASE_URL=postgres://…)")
def test_an_exhausted_pool_fails_the_request_clearly_instead_of_hanging(tmp_path):
    code = (
        BACKEND_PID
        + """
    import time
    holding = threading.Event()
    done = threading.Event()

    def hold():
        backend_pid()
        holding.set()
        done.wait(30)
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(30)
    started = time.monotonic()
    try:
        request()
        outcome = "connected"
    except OperationalError as error:
        outcome = str(error)
    waited = time.monotonic() - started
    done.set()
    holder.join()
    print(json.dumps({"outcome": outcome, "waited": waited, "after": request() > 0}))
    """
    )
    result = run_python(
        tmp_path, code, DATABASE_URL=server_url(), DATABASE_POOL_MAX_SIZE="1", DATABASE_POOL_TIMEOUT="1"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "couldn't get a connection" in report["outcome"]
    assert 0.9 <= report["waited"] < 10
    assert report["after"] is True  # the connection came back to the pool and serves the next request
