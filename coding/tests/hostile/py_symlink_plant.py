# expect: OK contained
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
# Plant symlinks where a careless host might read or write results; the host only reads pipes.
import os

planted = []
for link, target in [
    ("/tmp/stdout", "/work/main/var/secret_key"),
    ("/tmp/output.txt", "/etc/shadow"),
    ("/dev/shm/result", "/work/main/var/canary"),
    ("/box/main.py", "/etc/shadow"),
    ("/dev/stdout2", "/etc/shadow"),
]:
    try:
        os.symlink(target, link)
        planted.append(link)
    except OSError:
        pass
try:
    os.unlink("/proc/self/fd/1")
except OSError:
    pass
print("contained" if planted == ["/tmp/stdout", "/tmp/output.txt", "/dev/shm/result"] else f"odd {planted}")
