"""Where a metric's figures come from: the extracts its definition reads (through its inputs,
for a formula) and, for each, the last successful load recorded in `ingest_log`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from cockpit.catalog.loader import Catalog

if TYPE_CHECKING:
    from cockpit.engine.engine import Engine


@dataclass(frozen=True)
class Load:
    """One extract a metric reads and its last successful ingest (None: never loaded)."""

    kind: str
    file: str | None = None
    sha256: str | None = None
    rows: int | None = None
    period_start: str | None = None
    period_end: str | None = None
    loaded_at: datetime | None = None
    username: str | None = None


_LAST_LOADS = (
    "SELECT kind, file, sha256, rows, period_start, period_end, finished_at, username "
    "FROM ingest_log WHERE outcome = 'ok' "
    "QUALIFY row_number() OVER (PARTITION BY kind ORDER BY finished_at DESC, file) = 1"
)


def tables_read(catalog: Catalog, metric_id: str) -> tuple[str, ...]:
    """The fact extracts a metric reads, its formula's inputs followed, in a stable order."""
    metric = catalog.get(metric_id)
    if metric.table:
        return (metric.table,)
    found: dict[str, None] = {}
    for spec in (metric.inputs or {}).values():
        found.update(dict.fromkeys(tables_read(catalog, spec.metric)))
    return tuple(found)


def lineage(engine: Engine, metric_id: str) -> tuple[Load, ...]:
    """Each extract the metric reads with its last load (one query per warehouse version)."""
    rows = engine.cached(("last loads",), lambda: engine.execute_trusted(_LAST_LOADS))
    loads = {row[0]: Load(*row) for row in rows}
    return tuple(loads.get(kind, Load(kind)) for kind in tables_read(engine.catalog, metric_id))
