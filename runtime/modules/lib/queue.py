"""queue — thread-safe FIFO, LIFO and priority queues for gilkit, built on
threading.Condition. Blocking get/put wait inside a native lock acquire, so
the GIL is released while they wait."""

import threading

__all__ = ["Empty", "Full", "Queue", "LifoQueue", "PriorityQueue", "SimpleQueue"]


class Empty(Exception):
    "Raised by get(block=False) / get_nowait() on an empty queue."


class Full(Exception):
    "Raised by put(block=False) / put_nowait() on a full queue."


class Queue:
    """A FIFO queue; maxsize <= 0 means unbounded."""

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        self.mutex = threading.Lock()
        self.not_empty = threading.Condition(self.mutex)
        self.not_full = threading.Condition(self.mutex)
        self.all_tasks_done = threading.Condition(self.mutex)
        self.unfinished_tasks = 0

    # Storage hooks: subclasses change the order.
    def _init(self, maxsize):
        self._items = []
        self._head = 0

    def _qsize(self):
        return len(self._items) - self._head

    def _put(self, item):
        self._items.append(item)

    def _get(self):
        item = self._items[self._head]
        self._items[self._head] = None
        self._head += 1
        if self._head > 64 and self._head * 2 > len(self._items):
            del self._items[:self._head]
            self._head = 0
        return item

    def qsize(self):
        with self.mutex:
            return self._qsize()

    def empty(self):
        with self.mutex:
            return self._qsize() == 0

    def full(self):
        with self.mutex:
            return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        with self.not_full:
            if self.maxsize > 0:
                if not block:
                    if self._qsize() >= self.maxsize:
                        raise Full
                elif timeout is not None and timeout < 0:
                    raise ValueError("'timeout' must be a non-negative number")
                elif not self.not_full.wait_for(lambda: self._qsize() < self.maxsize, timeout):
                    raise Full
            self._put(item)
            self.unfinished_tasks += 1
            self.not_empty.notify()

    def get(self, block=True, timeout=None):
        with self.not_empty:
            if not block:
                if not self._qsize():
                    raise Empty
            elif timeout is not None and timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            elif not self.not_empty.wait_for(self._qsize, timeout):
                raise Empty
            item = self._get()
            self.not_full.notify()
            return item

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    def task_done(self):
        with self.all_tasks_done:
            unfinished = self.unfinished_tasks - 1
            if unfinished < 0:
                raise ValueError("task_done() called too many times")
            self.unfinished_tasks = unfinished
            if unfinished == 0:
                self.all_tasks_done.notify_all()

    def join(self):
        with self.all_tasks_done:
            self.all_tasks_done.wait_for(lambda: self.unfinished_tasks == 0)


class LifoQueue(Queue):
    """A stack: the most recently added item comes out first."""

    def _init(self, maxsize):
        self._items = []

    def _qsize(self):
        return len(self._items)

    def _put(self, item):
        self._items.append(item)

    def _get(self):
        return self._items.pop()


class PriorityQueue(Queue):
    """The smallest item comes out first (a binary heap)."""

    def _init(self, maxsize):
        self._heap = []

    def _qsize(self):
        return len(self._heap)

    def _put(self, item):
        heap = self._heap
        heap.append(item)
        i = len(heap) - 1
        while i > 0:
            parent = (i - 1) // 2
            if heap[i] < heap[parent]:
                heap[i], heap[parent] = heap[parent], heap[i]
                i = parent
            else:
                break

    def _get(self):
        heap = self._heap
        top = heap[0]
        last = heap.pop()
        if heap:
            heap[0] = last
            i, n = 0, len(heap)
            while True:
                child = 2 * i + 1
                if child >= n:
                    break
                if child + 1 < n and heap[child + 1] < heap[child]:
                    child += 1
                if heap[child] < heap[i]:
                    heap[i], heap[child] = heap[child], heap[i]
                    i = child
                else:
                    break
        return top


class SimpleQueue:
    """An unbounded FIFO queue without task tracking."""

    def __init__(self):
        self._queue = Queue()

    def put(self, item, block=True, timeout=None):
        self._queue.put(item)

    def put_nowait(self, item):
        self._queue.put(item)

    def get(self, block=True, timeout=None):
        return self._queue.get(block, timeout)

    def get_nowait(self):
        return self._queue.get(False)

    def empty(self):
        return self._queue.empty()

    def qsize(self):
        return self._queue.qsize()
