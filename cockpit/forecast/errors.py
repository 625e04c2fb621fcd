"""What the forecast refuses, and why: each a QueryError whose message names the metric and
the months at fault, so every front end shows it as it shows a bad query."""

from __future__ import annotations

from cockpit.engine import QueryError


class ForecastError(QueryError):
    code = "forecast_refused"


class NotLandable(ForecastError):
    """The metric does not add up over months (a stock, a rolling figure)."""

    code = "not_a_flow"


class MissingMonths(ForecastError):
    code = "missing_months"


class HistoryTooShort(ForecastError):
    code = "history_too_short"


class BeyondData(ForecastError):
    code = "beyond_data"
