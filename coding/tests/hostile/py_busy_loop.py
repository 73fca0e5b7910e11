# expect: TLE
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
x = 0
while True:
    x += 1
