# expect: OK contained
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
import socket

reached = []
for host, port in [("127.0.0.1", 5432), ("127.0.0.1", 6379), ("127.0.0.1", 8000), ("1.1.1.1", 53), ("::1", 5432)]:
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(1)
            sock.connect((host, port))
        reached.append(f"{host}:{port}")
    except OSError:
        pass
print("contained" if not reached else "LEAKED " + " ".join(reached))
