"""Fork safety for pooled PostgreSQL connections.

A child made by ``fork()`` (Celery's prefork pool, ``multiprocessing``) inherits its parent's connection pool:
the same sockets, and none of the pool's threads. Using them would interleave two processes' queries on one
connection; letting them be garbage-collected would send PostgreSQL a *Terminate* on the parent's socket.
So a child sets the inherited pools aside untouched (never used, never closed) and opens its own on first use.
"""

from __future__ import annotations

import os
import sys

_inherited: list[dict] = []  # kept for the life of the process: dropping them would close the parent's sockets


def forget_inherited_pools() -> None:
    backend = sys.modules.get("django.db.backends.postgresql.base")
    if backend is None:
        return
    pools = backend.DatabaseWrapper._connection_pools
    if pools:
        _inherited.append(dict(pools))
        pools.clear()


os.register_at_fork(after_in_child=forget_inherited_pools)
