# expect: MLE
# Memory written to memfd files that are never mapped shows in no RSS: hoard ~240 MB of it across
# eight processes (each under the open-files and file-size limits) and wait. The box must see it.
import os
import time

CHUNK = b"x" * (1024 * 1024 - 4096)
for _ in range(8):
    if os.fork() == 0:
        held = []
        for n in range(30):
            try:
                fd = os.memfd_create(f"hoard{n}")
                os.write(fd, CHUNK)
                held.append(fd)
            except OSError:
                break
        time.sleep(30)
        os._exit(0)
time.sleep(30)
