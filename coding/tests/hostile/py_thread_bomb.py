# expect: RE
# ruff: noqa - a deliberately hostile program for the sandbox suite, not project code
import threading
import time

while True:
    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
