"""Alerts: the metrics in red or amber for a month, worst first, and the home page's figures
(cards and alerts) fetched side by side through the Engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter, QueryError
from cockpit.periods import month_of
from cockpit.ui.figures import POOL, Figure, Kpi, allowed_filters, kpi, period_figure, visible

_SEVERITY = {"red": 2, "amber": 1}


@dataclass(frozen=True)
class Alert:
    metric: Metric
    figure: Figure

    @property
    def severity(self) -> tuple[int, float]:
        """Red before amber, then the furthest from target (or from last year)."""
        fig = self.figure
        gap = fig.target_delta_pct if fig.target_delta_pct is not None else fig.delta_pct
        return _SEVERITY.get(fig.status or "", 0), abs(gap or 0.0)


def _alert(
    engine: Engine, perimeter: Perimeter, metric: Metric, month: date, filters: dict[str, str]
) -> Alert | None:
    try:
        figure = period_figure(
            engine, perimeter, metric, month_of(month), allowed_filters(metric, filters)
        )
    except QueryError:
        return None
    return Alert(metric, figure) if figure.status in _SEVERITY else None


def worst_first(found: Iterable[Alert | None]) -> list[Alert]:
    return sorted((a for a in found if a is not None), key=lambda a: a.severity, reverse=True)


def home_figures(
    engine: Engine,
    perimeter: Perimeter,
    metric_ids: Iterable[str],
    month: date,
    filters: dict[str, str],
) -> tuple[list[Kpi], list[Alert]]:
    """The home cards (month and year to date) and the alerts over every visible metric,
    worst first; all their plans are submitted at once so a cold cache runs them side by side."""
    ids = [m for m in metric_ids if visible(engine, m)]
    period = month_of(month)
    cards = [POOL.submit(kpi, engine, perimeter, m, period, filters, True) for m in ids]
    others = [
        POOL.submit(_alert, engine, perimeter, m, month, filters)
        for m in engine.metrics()
        if m.id not in ids
    ]
    items = [item for item in (c.result() for c in cards) if item is not None]
    found = [Alert(k.metric, k.figure) for k in items if k.figure.status in _SEVERITY]
    return items, worst_first([*found, *(f.result() for f in others)])
