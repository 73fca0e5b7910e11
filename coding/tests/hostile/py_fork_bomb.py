# expect: TLE
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
import os

while True:
    try:
        os.fork()
    except OSError:
        pass
