# expect: OLE
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
import sys

line = "x" * 1000 + "\n"
while True:
    sys.stdout.write(line)
