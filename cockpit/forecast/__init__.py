"""Year-end landing (atterrissage), its backtest, and seasonal alerts: read through the
engine only, inside the caller's perimeter."""

from cockpit.forecast.errors import (
    BeyondData,
    ForecastError,
    HistoryTooShort,
    MissingMonths,
    NotLandable,
)
from cockpit.forecast.landing import INTERVAL, METHODS, Landing, land

__all__ = [
    "INTERVAL",
    "METHODS",
    "BeyondData",
    "ForecastError",
    "HistoryTooShort",
    "Landing",
    "MissingMonths",
    "NotLandable",
    "land",
]
