"""Year-end landing (atterrissage), its backtest, and seasonal alerts: read through the
engine only, inside the caller's perimeter."""

from cockpit.forecast.all_alerts import ListedAlert, all_alerts
from cockpit.forecast.backtest import Backtest, backtest
from cockpit.forecast.cached import landing_of, month_seasonal_alerts, warm
from cockpit.forecast.errors import (
    BeyondData,
    ForecastError,
    HistoryTooShort,
    MissingMonths,
    NotLandable,
)
from cockpit.forecast.landing import INTERVAL, METHODS, Landing, land
from cockpit.forecast.seasonal import SeasonalAlert, scan, seasonal_alerts

__all__ = [
    "INTERVAL",
    "METHODS",
    "Backtest",
    "BeyondData",
    "ForecastError",
    "HistoryTooShort",
    "Landing",
    "ListedAlert",
    "MissingMonths",
    "NotLandable",
    "SeasonalAlert",
    "all_alerts",
    "backtest",
    "land",
    "landing_of",
    "month_seasonal_alerts",
    "scan",
    "seasonal_alerts",
    "warm",
]
