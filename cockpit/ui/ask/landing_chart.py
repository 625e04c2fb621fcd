"""The chart of a landing answer: the months of the year so far, then the months left
projected with their 80 % band — the detail page's chart, read from the answer's `forecast`."""

from __future__ import annotations

from typing import Any

from dash import html

from cockpit.engine import Engine, Perimeter, QueryError
from cockpit.periods import parse_month
from cockpit.ui.components.chart import Projected, monthly_chart
from cockpit.ui.figures import allowed_filters, monthly


def landing_chart(engine: Engine, perimeter: Perimeter, answer: dict[str, Any], lang: str):
    """The chart, or None for an answer without a forecast (or months not readable here)."""
    forecast = answer.get("forecast")
    if not forecast:
        return None
    metric = engine.metric(forecast["metric"])
    as_of = parse_month(forecast["as_of"])
    filters = allowed_filters(metric, forecast["filters"])
    try:
        points = monthly(engine, perimeter, metric, as_of, filters, months=as_of.month)
    except QueryError:
        return None
    projected = [Projected.from_json(m) for m in forecast["months"]]
    return html.Div(monthly_chart(metric, points, lang, projected), className="ask-chart")
