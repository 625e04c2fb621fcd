"""The embedded warehouse: a copy of the live file built aside and renamed over it (swap.py)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from cockpit.warehouse import swap
from cockpit.warehouse.backends.location import Location


class DuckDBFile:
    def __init__(self, location: Location):
        self.location = location
        self.path = Path(location.path)

    @property
    def failure_log(self) -> Path:
        return swap.failure_log_path(self.path)

    def locked(self, on_wait: Callable[[], None] | None) -> AbstractContextManager[None]:
        return swap.exclusive_lock(self.path, on_wait=on_wait)

    def working_copy(self) -> Path:
        swap.remove_leftovers(self.path)
        return swap.start_copy(self.path)

    def publish(self, working: Path) -> None:
        swap.publish(working, self.path)

    def discard(self, working: Path) -> None:
        swap.discard(working)
