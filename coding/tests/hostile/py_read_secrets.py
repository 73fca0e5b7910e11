# expect: OK contained
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
# /etc/shadow, the project's files, the var dir and the host's /tmp are not in the box at all.
import glob
import os

leaks = []
for path in ["/etc/shadow", "/etc/passwd", "/work/main/config/settings.py", "/work/main/var/secret_key", "/root"]:
    if os.path.exists(path):
        leaks.append(path)
for pattern in ["/work/*", "/root/*", "/home/*", "/var/*", "/srv/*", "/tmp/*", "/etc/*"]:
    leaks += [p for p in glob.glob(pattern) if not p.startswith(("/etc/ld.so.cache", "/etc/alternatives", "/etc/java"))]
print("contained" if not leaks else "LEAKED " + " ".join(leaks))
