"""The home page's figures and the month's alerts (the engine's threshold and budget alerts,
worst first), their plans submitted side by side through the Engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cockpit.engine import Engine, Perimeter
from cockpit.engine.alerts import Alert, alert_of, metric_alert, month_alerts, scope_of, worst_first
from cockpit.periods import month_of
from cockpit.ui.figures import POOL, Kpi, kpi, visible


def home_figures(
    engine: Engine,
    perimeter: Perimeter,
    metric_ids: Iterable[str],
    month: date,
    filters: dict[str, str],
) -> tuple[list[Kpi], list[Alert]]:
    """The home cards (month and year to date, those with data here) and the alerts over
    every visible metric, worst first; all their plans are submitted at once so a cold
    cache runs them side by side."""
    ids = [m for m in metric_ids if visible(engine, m)]
    period = month_of(month)
    cards = [POOL.submit(kpi, engine, perimeter, m, period, filters, True) for m in ids]
    others = [
        POOL.submit(metric_alert, engine, perimeter, m, month, filters)
        for m in engine.metrics()
        if m.id not in ids
    ]
    items = [k for k in (c.result() for c in cards) if k is not None and k.has_data]
    scope = scope_of(engine, perimeter, filters)
    found = [alert_of(k.metric, k.figure, period, scope) for k in items]
    return items, worst_first([*found, *(f.result() for f in others)])


def alerts_of_month(
    engine: Engine, perimeter: Perimeter, month: date, filters: dict[str, str]
) -> list[Alert]:
    """Every alert of a month in the user's perimeter, worst first."""
    return month_alerts(engine, perimeter, month, filters, POOL.map)
