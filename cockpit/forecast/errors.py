"""What the forecast refuses, and why: each a QueryError whose message names the metric and
the months at fault, so every front end shows it as it shows a bad query; `said(lang)` gives
it in French (the message itself is English, as the engine's are)."""

from __future__ import annotations

from cockpit.engine import QueryError


class ForecastError(QueryError):
    code = "forecast_refused"

    def __init__(self, message: str, fr: str | None = None):
        super().__init__(message)
        self.fr = fr

    def said(self, lang: str) -> str:
        return self.fr if lang == "fr" and self.fr else str(self)

    def __reduce__(self):
        # Kept whole through a cache shared between processes (pickled): the French too.
        return type(self), (str(self), self.fr)


class NotLandable(ForecastError):
    """The metric does not add up over months (a stock, a rolling figure)."""

    code = "not_a_flow"


class MissingMonths(ForecastError):
    code = "missing_months"


class HistoryTooShort(ForecastError):
    code = "history_too_short"


class BeyondData(ForecastError):
    code = "beyond_data"


def said(error: QueryError, lang: str) -> str:
    """Any refusal in `lang` where the forecast gave one, else the engine's message."""
    return error.said(lang) if isinstance(error, ForecastError) else str(error)
