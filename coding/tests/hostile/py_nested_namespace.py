# expect: OK contained
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
# A user namespace inside the box would hand the program capabilities there (mount a tmpfs outside every quota,
# for one): bwrap's --disable-userns refuses it.
import ctypes
import os

libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWUSER, CLONE_NEWNS = 0x10000000, 0x00020000
gained = libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0
if gained:
    gained = libc.mount(b"none", b"/tmp", b"tmpfs", 0, b"size=1g") == 0 or True
print("contained" if not gained else "LEAKED a user namespace")
