"""The engine's result cache: a per-process LRU, in front of a cache shared by every
process (Redis through flask-caching) when one is configured.

Keys carry the warehouse generation and the catalog fingerprint, so an entry never goes
stale: an ingest or a changed definition simply makes new keys. Values are immutable
results, so the local copy of a shared entry is as good as the shared one.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Protocol

log = logging.getLogger("cockpit.engine.cache")

# A shared entry outlives any process; an hour bounds what an unused generation leaves behind.
SHARED_TTL_S = 3600


class SharedCache(Protocol):
    """What the engine needs of a cachelib / flask-caching backend."""

    def get(self, key: str) -> Any: ...

    def set(self, key: str, value: Any, timeout: int | None = None) -> Any: ...


class ResultCache:
    def __init__(self, size: int = 1024, shared: SharedCache | None = None):
        self.size = size
        self.shared = shared
        self._local: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget this process's entries (the shared ones expire by themselves)."""
        with self._lock:
            self._local.clear()

    def get_or_compute(self, key: tuple[Hashable, ...], compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._local:
                self._local.move_to_end(key)
                return self._local[key]
        value = self._shared_get(key)
        if value is None:
            value = compute()
            self._shared_set(key, value)
        with self._lock:
            self._local[key] = value
            while len(self._local) > self.size:
                self._local.popitem(last=False)
        return value

    @staticmethod
    def shared_key(key: tuple) -> str:
        # repr of plans, perimeters and periods is stable across processes (dataclasses).
        return "q:" + hashlib.sha256(repr(key).encode()).hexdigest()

    def _shared_get(self, key: tuple) -> Any:
        if self.shared is None:
            return None
        try:
            return self.shared.get(self.shared_key(key))
        except Exception as exc:  # a cache that is down must not take answers down with it
            log.warning("shared cache unavailable (%s): computing locally", type(exc).__name__)
            return None

    def _shared_set(self, key: tuple, value: Any) -> None:
        if self.shared is None or value is None:
            return
        try:
            self.shared.set(self.shared_key(key), value, timeout=SHARED_TTL_S)
        except Exception as exc:
            log.warning("shared cache unavailable (%s): result kept locally", type(exc).__name__)
