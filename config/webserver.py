"""The web process: daphne (HTTP and WebSocket) with its Twisted reactor on uvloop's event loop.

    python -m config.webserver -b 127.0.0.1 -p 8000 config.asgi:application    # daphne's own arguments

daphne runs Twisted on an asyncio event loop (Twisted's asyncio reactor, installed when ``daphne.server`` is
imported, on a new default loop). Installed here first, on a uvloop loop, the same reactor and the same
daphne run on libuv's loop, whose per-iteration and per-callback costs are a fraction of the pure-Python
loop's: what a live-coaching socket pays ten times a second per stream. ``bench/live_nudges.py``, 500 streams
on one process acking every chunk, same minutes on a 2-core machine: p95 round trip 101 → 27 ms and the
slowest silence nudge 5.13 → 5.10 s after the onset (``bench/README.md``). ``scripts/serve.py`` (``make run``)
and the end-to-end tests start daphne this way; ``python -m daphne`` still works, on the plain loop.

Without uvloop (not installed, or a platform with no wheel for it) daphne runs on the plain asyncio loop and
a warning says so. ``ASGI_THREADS`` is honoured as daphne honours it.
"""

from __future__ import annotations

import asyncio
import os
import sys
import warnings


def install_reactor() -> str:
    """Install Twisted's asyncio reactor on a uvloop loop unless a reactor is installed already; returns
    which loop it runs on ("uvloop", "asyncio") or "existing"."""
    if "twisted.internet.reactor" in sys.modules:
        return "existing"
    from twisted.internet import asyncioreactor  # noqa: PLC0415 - Twisted reactors are import-order sensitive

    try:
        import uvloop  # noqa: PLC0415
    except ImportError:
        warnings.warn("uvloop is not installed: daphne runs on the plain asyncio event loop", stacklevel=2)
        loop, kind = asyncio.new_event_loop(), "asyncio"
    else:
        loop, kind = uvloop.new_event_loop(), "uvloop"
    if threads := os.environ.get("ASGI_THREADS"):
        from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

        loop.set_default_executor(ThreadPoolExecutor(max_workers=int(threads)))
    asyncioreactor.install(loop)
    return kind


def main() -> None:
    install_reactor()
    from daphne.cli import CommandLineInterface  # noqa: PLC0415 - after the reactor: it keeps the one installed

    CommandLineInterface.entrypoint()


if __name__ == "__main__":
    main()
