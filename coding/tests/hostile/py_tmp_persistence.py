# expect: OK contained
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
# Run twice (two tests, then a second submission): nothing written by one run may be read by the next.
import os

found = [p for p in ("/tmp/marker", "/dev/shm/marker") if os.path.exists(p)]
for path in ("/tmp/marker", "/dev/shm/marker"):
    try:
        with open(path, "w") as handle:
            handle.write("I was here")
    except OSError:
        pass
print("contained" if not found else "LEAKED " + " ".join(found))
