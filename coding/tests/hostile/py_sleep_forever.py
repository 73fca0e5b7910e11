# expect: TLE
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
import time

time.sleep(10**6)
