# expect: MLE
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
import mmap

region = mmap.mmap(-1, 2 << 30, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
for offset in range(0, len(region), 4096):
    region[offset] = 1
