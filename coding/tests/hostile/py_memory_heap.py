# expect: MLE
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
keep = []
while True:
    keep.append(bytearray(16 << 20))
