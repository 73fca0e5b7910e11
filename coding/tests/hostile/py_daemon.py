# expect: OK started
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
# A double-forked, setsid'd child that would outlive the run; the test checks no process is left behind.
import os
import time

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        for fd in (0, 1, 2):
            os.close(fd)
        time.sleep(300)
    os._exit(0)
os.wait()
print("started")
