# expect: OLE
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
import sys

while True:
    sys.stderr.write("e" * 1000 + "\n")
