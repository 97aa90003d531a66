# An exception escaping a thread is printed ("Exception in thread ...") and
# the program goes on; daemon threads do not keep the program alive.
import threading
import time


def boom():
    raise ValueError("bad value in thread")


t = threading.Thread(target=boom, name="Boomer")
t.start()
t.join()
print("main continues, thread alive:", t.is_alive())

d = threading.Thread(target=time.sleep, args=(30,), daemon=True)
d.start()
print("daemon started:", d.daemon, d.is_alive())
print("done")
