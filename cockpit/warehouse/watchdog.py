"""One background thread that stops queries running past their deadline.

Starting a timer thread per query costs milliseconds on a busy machine; a
single watchdog waiting on the earliest deadline costs a lock and a notify.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Callable


class Watchdog:
    def __init__(self) -> None:
        self._deadlines: list[tuple[float, int, Callable[[], None]]] = []
        self._cancelled: set[int] = set()
        self._counter = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._loop, name="query-watchdog", daemon=True)
            self._thread.start()

    def arm(self, seconds: float, on_timeout: Callable[[], None]) -> int:
        """Call `on_timeout` after `seconds` unless disarmed first; returns a ticket."""
        ticket = next(self._counter)
        with self._wake:
            self._start()
            heapq.heappush(self._deadlines, (time.monotonic() + seconds, ticket, on_timeout))
            self._wake.notify()
        return ticket

    def disarm(self, ticket: int) -> None:
        with self._wake:
            self._cancelled.add(ticket)

    def _loop(self) -> None:
        while True:
            with self._wake:
                while self._deadlines and self._deadlines[0][1] in self._cancelled:
                    self._cancelled.discard(heapq.heappop(self._deadlines)[1])
                if not self._deadlines:
                    self._wake.wait()
                    continue
                deadline, ticket, on_timeout = self._deadlines[0]
                delay = deadline - time.monotonic()
                if delay > 0:
                    self._wake.wait(delay)
                    continue
                heapq.heappop(self._deadlines)
                # Under the lock: a query disarmed before this point is never
                # interrupted, so a reused cursor's next query is safe.
                on_timeout()


# One per process, shared by every backend that stops its queries itself.
WATCHDOG = Watchdog()
