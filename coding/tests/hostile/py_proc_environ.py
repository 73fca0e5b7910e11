# expect: OK contained
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
# Other processes' environments, memory and descriptors: PID 1 is the non-dumpable runner.
import os

leaks = []
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == os.getpid():
        continue
    for name in ("environ", "mem", "fd/0", "fd/1", "fd/3"):
        try:
            with open(f"/proc/{pid}/{name}", "rb") as handle:
                data = handle.read(64)
            leaks.append(f"{pid}/{name}:{data[:20]!r}")
        except OSError:
            pass
print("contained" if not leaks else "LEAKED " + " ".join(leaks))
