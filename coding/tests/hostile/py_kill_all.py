# expect: OK survived
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
# kill(-1, SIGKILL) reaches only this box's processes (not PID 1, the runner, and never the host's).
import os
import signal

for target in (-1, 1):
    try:
        os.kill(target, signal.SIGKILL)
    except OSError:
        pass
print("survived")
