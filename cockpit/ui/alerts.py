"""The home page's figures and the month's alerts (threshold and budget alerts from the
signals, seasonal alerts from the forecast, merged worst first), their plans submitted side
by side through the Engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cockpit.engine import Engine, Perimeter
from cockpit.engine.alerts import alert_of, metric_alert, scope_of
from cockpit.forecast import ListedAlert, all_alerts, month_seasonal_alerts
from cockpit.forecast.all_alerts import with_seasonal
from cockpit.periods import month_of
from cockpit.ui.figures import POOL, Kpi, kpi, visible


def home_figures(
    engine: Engine,
    perimeter: Perimeter,
    metric_ids: Iterable[str],
    month: date,
    filters: dict[str, str],
) -> tuple[list[Kpi], list[ListedAlert], bool]:
    """The home cards (month and year to date, those with data here), the alerts over
    every visible metric, worst first, and whether the seasonal ones are among them: home
    does not wait while they are computed in the background. All the plans are submitted
    at once so a cold cache runs them side by side."""
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
    signals = [a for a in [*found, *(f.result() for f in others)] if a is not None]
    seasonal = month_seasonal_alerts(engine, perimeter, month, wait=False)
    return items, with_seasonal(engine, filters, signals, seasonal or []), seasonal is not None


def alerts_of_month(
    engine: Engine, perimeter: Perimeter, month: date, filters: dict[str, str]
) -> list[ListedAlert]:
    """Every alert of a month in the user's perimeter, worst first."""
    return all_alerts(engine, perimeter, month, filters, POOL.map)
