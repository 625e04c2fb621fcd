"""Landings and seasonal alerts through the engine's cache (keyed by warehouse and catalog
version, perimeter, metric, months), so a page asks for them as often as it likes; and
`warm`, which computes what home shows in a background thread when a server starts."""

from __future__ import annotations

import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date

from cockpit.engine import Engine, Perimeter, QueryError
from cockpit.forecast.landing import Landing, land
from cockpit.forecast.seasonal import SeasonalAlert, seasonal_alerts

# One scan at a time: two would only share the same two cores.
_BACKGROUND = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cockpit-seasonal")
# Each engine's scans, latest last (perimeters × months × versions of the data).
_SCANS: weakref.WeakKeyDictionary[Engine, OrderedDict[tuple, Future]] = weakref.WeakKeyDictionary()
_SCANS_LOCK = threading.Lock()
_SCANS_KEPT = 64
_LOG = logging.getLogger(__name__)


def landing_of(
    engine: Engine,
    metric_id: str,
    perimeter: Perimeter,
    year: int | None = None,
    as_of: date | None = None,
    filters: Mapping[str, str] | None = None,
) -> Landing:
    """`land`, computed once per version of the data; a refusal is remembered as well and
    raised again. The Landing is shared: read it, never change it."""
    filters = dict(filters or {})
    key = ("landing", metric_id, perimeter, year, as_of, tuple(sorted(filters.items())))

    def attempt() -> Landing | QueryError:
        try:
            return land(engine, metric_id, perimeter, year, as_of, filters)
        except QueryError as exc:
            return exc

    found = engine.cached(key, attempt)
    if isinstance(found, QueryError):
        raise found
    return found


def month_seasonal_alerts(
    engine: Engine, perimeter: Perimeter, month: date | None = None, wait: bool = True
) -> list[SeasonalAlert] | None:
    """Every seasonal alert of a month inside the perimeter, worst first, computed once per
    version of the data in a background thread. Without `wait`, None while that runs (a
    page shows the rest at once rather than hold for them)."""
    span = engine.months_available()
    month = month or (span[1] if span else None)
    if span is None or not span[0] <= month <= span[1]:
        return []  # no month to judge
    running = _scan(engine, perimeter, month)
    return running.result() if wait or running.done() else None


def _scan(engine: Engine, perimeter: Perimeter, month: date) -> Future:
    """This process's scan of the month for this version of the data: started once (two
    requests racing for a cold cache share it), its alerts kept here, a running scan being
    no value for the engine's cache, which other processes may share. The scan itself asks
    the engine's cache first, so a sibling worker's alerts are not computed again."""
    version = (engine.warehouse.generation, engine.live_catalog.current().fingerprint)
    key = (*version, perimeter, month)
    with _SCANS_LOCK:
        scans = _SCANS.setdefault(engine, OrderedDict())
        if key in scans:
            scans.move_to_end(key)
            return scans[key]
        scans[key] = _BACKGROUND.submit(
            engine.cached,
            ("seasonal_alerts", perimeter, month),
            lambda: seasonal_alerts(engine, perimeter, month),
        )
        while len(scans) > _SCANS_KEPT:
            scans.popitem(last=False)
        return scans[key]


def warm(engine: Engine, metric_ids: Iterable[str], perimeter: Perimeter) -> threading.Thread:
    """Compute the landings of `metric_ids`, then the latest month's seasonal alerts, in a
    daemon thread, so the first person to open home does not wait for them (the landings
    first: home waits for them, not for the alerts)."""
    ids = list(metric_ids)

    def run() -> None:
        try:
            for metric_id in ids:
                try:
                    landing_of(engine, metric_id, perimeter)
                except QueryError:
                    continue
            month_seasonal_alerts(engine, perimeter)
        except Exception:  # a warm-up that fails only leaves the cache cold: say why
            _LOG.exception("warming the forecast cache failed")

    thread = threading.Thread(target=run, name="cockpit-forecast-warm", daemon=True)
    thread.start()
    return thread
