"""A catalog that follows its directory: changed or added files are picked up while the app
runs, a broken file is reported and never takes the others down, and a metric whose file
breaks keeps its last good version until the file is fixed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from cockpit.catalog.errors import DefinitionError
from cockpit.catalog.loader import Catalog, load_catalog

log = logging.getLogger("cockpit.catalog")

# How often the directory is looked at (a stat of each file): cheap, but not on every call.
CHECK_EVERY_S = 1.0


def _signature(directory: Path) -> tuple:
    try:
        entries = sorted(directory.glob("*.y*ml"))
        return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in entries)
    except OSError:
        return ()


def merge_last_good(fresh: Catalog, previous: Catalog) -> Catalog:
    """`fresh`, plus the previous version of each dimension and metric whose file is now
    broken (a metric's last good version may need its dimension's)."""
    broken = {e.path for e in fresh.errors}
    fresh.dimensions = previous.dimensions.merged_into(fresh.dimensions, broken)
    for metric_id, path in previous.sources.items():
        if metric_id in fresh.metrics or path not in broken or not path.exists():
            continue
        fresh.metrics[metric_id] = previous.metrics[metric_id]
        fresh.sources[metric_id] = path
        fresh.errors.append(
            DefinitionError(path, "(file)", "broken: the last good version keeps answering")
        )
    return fresh


def fingerprint(catalog: Catalog) -> str:
    """The same for the same definitions in any process (a cache shared between processes
    keys on it; a reload counter would differ from one process to the next)."""
    content = {metric_id: m.model_dump(mode="json") for metric_id, m in catalog.metrics.items()}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class CatalogVersion:
    catalog: Catalog
    number: int
    fingerprint: str


class LiveCatalog:
    """The current catalog of a directory, reloaded when its files change."""

    def __init__(self, directory: Path, check_every_s: float = CHECK_EVERY_S):
        self.directory = Path(directory)
        self.check_every_s = check_every_s
        self._lock = threading.Lock()
        self._signature = _signature(self.directory)
        self._checked = time.monotonic()
        catalog = load_catalog(self.directory)
        self._version = CatalogVersion(catalog, 0, fingerprint(catalog))

    def current(self) -> CatalogVersion:
        """The catalog now (a version number that changes with every reload)."""
        if time.monotonic() - self._checked >= self.check_every_s:
            self._refresh()
        return self._version

    def _refresh(self) -> None:
        with self._lock:
            self._checked = time.monotonic()
            signature = _signature(self.directory)
            if signature == self._signature:
                return
            fresh = merge_last_good(load_catalog(self.directory), self._version.catalog)
            for error in fresh.errors:
                log.warning("metric definition: %s", error)
            log.info("catalog reloaded from %s: %d metrics", self.directory, len(fresh.metrics))
            self._signature = signature
            self._version = CatalogVersion(fresh, self._version.number + 1, fingerprint(fresh))
