# expect: OK contained
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
# Run as two tests in one box: a System V shared memory segment, message queue or semaphore set outlives the
# process that made it (kernel.shm_rmid_forced is usually 0), so one test could leave its input there for the
# next to print. The runner removes every one between tests.
import ctypes

libc = ctypes.CDLL(None, use_errno=True)
IPC_CREAT, KEY = 0o1000, 0x5EED
found = []
for name, get in (
    ("shm", lambda flags: libc.shmget(KEY, 4096, flags)),
    ("msg", lambda flags: libc.msgget(KEY, flags)),
    ("sem", lambda flags: libc.semget(KEY, 1, flags)),
):
    if get(0o600) >= 0:
        found.append(name)
    get(IPC_CREAT | 0o600)
print("contained" if not found else "LEAKED " + " ".join(found))
