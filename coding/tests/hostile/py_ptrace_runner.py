# expect: OK contained
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
# The runner (PID 1) is not dumpable: no ptrace, no /proc/1/mem, no signals that reach it.
import ctypes
import os
import signal

libc = ctypes.CDLL(None, use_errno=True)
PTRACE_ATTACH = 16
attached = libc.ptrace(PTRACE_ATTACH, 1, 0, 0) == 0
for sig in (signal.SIGTERM, signal.SIGSTOP, signal.SIGKILL):
    try:
        os.kill(1, sig)
    except OSError:
        pass
print("contained" if not attached else "LEAKED ptrace attached")
