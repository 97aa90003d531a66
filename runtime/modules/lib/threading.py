"""threading — gilkit's thread API, written in Python on top of the native
`_thread` module (OS threads, locks, thread-local storage).

Everything here that blocks does so inside a native lock acquire, which
releases the GIL (or, without a GIL, detaches the thread) while it waits.
"""

import _thread

__all__ = [
    "Thread", "Lock", "RLock", "Condition", "Semaphore", "BoundedSemaphore",
    "Event", "Barrier", "BrokenBarrierError", "local", "current_thread",
    "main_thread", "get_ident", "get_native_id", "active_count", "enumerate",
    "excepthook", "TIMEOUT_MAX",
]

Lock = _thread.allocate_lock
RLock = _thread.RLock
local = _thread._local
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
TIMEOUT_MAX = _thread.TIMEOUT_MAX

_registry_lock = Lock()
_active = {}          # ident -> Thread, for started threads that have not finished
_counter = 0


def _new_name(target):
    global _counter
    with _registry_lock:
        _counter += 1
        number = _counter
    if target is not None and hasattr(target, "__name__"):
        return f"Thread-{number} ({target.__name__})"
    return f"Thread-{number}"


class Condition:
    """A condition variable: waiters park on private locks that notify() releases."""

    def __init__(self, lock=None):
        self._lock = RLock() if lock is None else lock
        self.acquire = self._lock.acquire
        self.release = self._lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def _owned(self):
        if hasattr(self._lock, "_is_owned"):
            return self._lock._is_owned()
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def _release_all(self):
        # Give up every level of an RLock, remembering how many there were.
        if hasattr(self._lock, "_release_save"):
            return self._lock._release_save()
        self._lock.release()
        return None

    def _reacquire(self, state):
        if hasattr(self._lock, "_acquire_restore"):
            self._lock._acquire_restore(state)
        else:
            self._lock.acquire()

    def wait(self, timeout=None):
        if not self._owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _thread.allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        state = self._release_all()
        try:
            if timeout is None:
                return waiter.acquire()
            return waiter.acquire(True, timeout) if timeout > 0 else waiter.acquire(False)
        finally:
            self._reacquire(state)
            try:
                self._waiters.remove(waiter)
            except ValueError:
                pass

    def wait_for(self, predicate, timeout=None):
        end = None
        result = predicate()
        while not result:
            if timeout is not None:
                if end is None:
                    end = _thread._monotonic() + timeout
                remaining = end - _thread._monotonic()
                if remaining <= 0:
                    break
                self.wait(remaining)
            else:
                self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        for waiter in self._waiters[:n]:
            self._waiters.remove(waiter)
            waiter.release()

    def notify_all(self):
        self.notify(len(self._waiters))


class Semaphore:
    """A counter that acquire() decrements (waiting at zero) and release() increments."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        with self._cond:
            if not blocking:
                if self._value == 0:
                    return False
            elif not self._cond.wait_for(lambda: self._value > 0, timeout):
                return False
            self._value -= 1
            return True

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            for _ in range(n):
                self._cond.notify()

    def __exit__(self, *exc):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore whose value may never exceed its initial value."""

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial = value

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial:
                raise ValueError("Semaphore released too many times")
            self._value += n
            for _ in range(n):
                self._cond.notify()


class Event:
    """A flag that threads can wait to become true."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def is_set(self):
        return self._flag

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            if not self._flag:
                self._cond.wait_for(lambda: self._flag, timeout)
            return self._flag


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    """Lets `parties` threads wait until all of them have arrived."""

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be >= 1")
        self._cond = Condition(Lock())
        self._parties = parties
        self._action = action
        self._timeout = timeout
        self._count = 0
        self._generation = 0
        self._broken = False

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._count

    @property
    def broken(self):
        return self._broken

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            if self._broken:
                raise BrokenBarrierError
            generation = self._generation
            index = self._count
            self._count += 1
            if self._count == self._parties:
                try:
                    if self._action:
                        self._action()
                except BaseException:
                    self._break()
                    raise
                self._count = 0
                self._generation += 1
                self._cond.notify_all()
                return index
            arrived = self._cond.wait_for(
                lambda: self._generation != generation or self._broken, timeout)
            if self._broken or not arrived:
                self._break()
                raise BrokenBarrierError
            return index

    def _break(self):
        self._broken = True
        self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def reset(self):
        with self._cond:
            self._broken = False
            self._count = 0
            self._generation += 1
            self._cond.notify_all()


class ExceptHookArgs:
    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread


def excepthook(args):
    """Print an exception that escaped a thread's run(), as CPython does."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else get_ident()
    _thread._print_thread_exception(f"Exception in thread {name}:", args.exc_value)


class Thread:
    """A thread of control running `target(*args, **kwargs)`, or run()."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        if group is not None:
            raise AssertionError("group argument must be None for now")
        self._target = target
        self._args = args
        self._kwargs = {} if kwargs is None else kwargs
        self._name = str(name) if name is not None else _new_name(target)
        self._daemonic = current_thread().daemon if daemon is None else bool(daemon)
        self._ident = None
        self._native_id = None
        self._started = Event()
        self._finished = Lock()     # held while the thread runs; join() waits on it
        self._is_finished = False

    def start(self):
        if self._started.is_set() or self._ident is not None:
            raise RuntimeError("threads can only be started once")
        self._finished.acquire()
        self._ident = -1            # marks "start() called"
        _thread.start_new_thread(self._bootstrap, ())
        self._started.wait()

    def _bootstrap(self):
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _registry_lock:
            _active[self._ident] = self
        self._started.set()
        try:
            self.run()
        except BaseException as exc:
            excepthook(ExceptHookArgs(type(exc), exc, exc.__traceback__, self))
        finally:
            with _registry_lock:
                _active.pop(self._ident, None)
            self._is_finished = True
            self._finished.release()

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def join(self, timeout=None):
        if self._ident is None:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if timeout is None:
            acquired = self._finished.acquire()
        else:
            acquired = self._finished.acquire(True, max(timeout, 0))
        if acquired:
            self._finished.release()

    def is_alive(self):
        return self._ident is not None and not self._is_finished

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = str(value)

    @property
    def ident(self):
        return None if self._ident == -1 else self._ident

    @property
    def native_id(self):
        return self._native_id

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, value):
        if self._ident is not None:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = bool(value)

    def isDaemon(self):
        return self._daemonic

    def setDaemon(self, value):
        self.daemon = value

    def getName(self):
        return self._name

    def setName(self, value):
        self.name = value

    def __repr__(self):
        status = "initial"
        if self._started.is_set():
            status = "started"
        if self._is_finished:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None and self._ident != -1:
            status += f" {self._ident}"
        return f"<{type(self).__name__}({self._name}, {status})>"


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._ident = get_ident()
        self._native_id = get_native_id()
        self._started.set()
        self._finished.acquire()
        _active[self._ident] = self


class _DummyThread(Thread):
    """Stands for a thread started with _thread directly."""

    def __init__(self):
        Thread.__init__(self, name=f"Dummy-{get_ident()}", daemon=True)
        self._ident = get_ident()
        self._started.set()

    def join(self, timeout=None):
        raise RuntimeError("cannot join a dummy thread")


def current_thread():
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


currentThread = current_thread


def main_thread():
    return _main_thread


def active_count():
    with _registry_lock:
        return len(_active)


activeCount = active_count


def enumerate():
    with _registry_lock:
        return list(_active.values())


def _shutdown():
    """Called by the interpreter at exit: wait for every non-daemon thread."""
    while True:
        with _registry_lock:
            pending = [t for t in _active.values()
                       if t is not _main_thread and not t.daemon and not t._is_finished]
        if not pending:
            break
        for t in pending:
            t.join()


_main_thread = None
_main_thread = _MainThread()
