# expect: OK contained
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
# The host test sets SECRET_KEY (and others) in its own environment: none of it may reach the box.
import os

allowed = {"PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "PWD"}
extra = sorted(set(os.environ) - allowed)
with open("/proc/self/environ", "rb") as handle:
    raw = handle.read()
print("contained" if not extra and b"SECRET" not in raw else "LEAKED " + repr(dict(os.environ)))
