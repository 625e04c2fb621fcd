"""The year-end landing of one monthly flow from its series: the months so far, the model's
projection of the rest of the year (point and joint draws), and the controllers' pro-rata."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from cockpit.forecast.errors import HistoryTooShort, MissingMonths
from cockpit.forecast.model import SEASON, project
from cockpit.forecast.prorata import prorata_landing
from cockpit.forecast.series import MonthlySeries, missing_months
from cockpit.periods import add_months, months_between, parse_month

DRAWS = 4000
YEARS_OF_HISTORY = 4  # before the year; older months rarely tell about this year's shape
_SEED = 20_261_010


@dataclass(frozen=True)
class FlowLanding:
    actual_to_date: float
    value: float  # the model's year total
    draws: np.ndarray | None  # year totals, one per joint draw; None: no interval
    reference: float | None  # the controllers' pro-rata
    budget: float | None
    budget_months: int  # months of the year with a budget figure
    months_ahead: np.ndarray = field(default_factory=lambda: np.zeros(0))  # the model's months
    month_draws: np.ndarray | None = None  # draws × months left


def land_flow(name: str, series: MonthlySeries, year: int, as_of: date) -> FlowLanding:
    """Raises MissingMonths for a gap in the year so far, HistoryTooShort when the twelve
    months before the year are not all there."""
    january = date(year, 1, 1)
    gaps = missing_months(series, january, as_of)
    if gaps:
        raise MissingMonths(
            f"{name}: no data for {_months_text(gaps)} ({year} so far)",
            f"pas de données pour {_months_text(gaps)} ({year} jusqu'ici)",
        )
    so_far = series.window(january, as_of)
    actual = float(so_far.sum())
    budget, budget_months = _budget(series, year)
    known = len(so_far)
    if known == SEASON:
        return FlowLanding(actual, actual, np.asarray(actual), actual, budget, budget_months)
    last_year = series.window(add_months(january, -SEASON), add_months(january, -1))
    if np.isnan(last_year).any():
        gaps = missing_months(series, add_months(january, -SEASON), add_months(january, -1))
        raise HistoryTooShort(
            f"{name}: a landing of {year} needs the twelve months of {year - 1} before it; "
            f"no data for {_months_text(gaps)}",
            f"un atterrissage de {year} demande les douze mois de {year - 1} ; pas de données "
            f"pour {_months_text(gaps)}",
        )
    history = _contiguous(series.window(add_months(january, -SEASON * YEARS_OF_HISTORY), as_of))
    projection = project(history, SEASON - known)
    rng = np.random.default_rng([_SEED, zlib.crc32(name.encode())])
    draws = projection.draws(DRAWS, rng)
    return FlowLanding(
        actual_to_date=actual,
        value=actual + float(projection.point().sum()),
        draws=None if draws is None else actual + draws.sum(axis=1),
        reference=prorata_landing(last_year, so_far),
        budget=budget,
        budget_months=budget_months,
        months_ahead=projection.point(),
        month_draws=draws,
    )


def _contiguous(values: np.ndarray) -> np.ndarray:
    """The months after the last gap."""
    gaps = np.flatnonzero(np.isnan(values))
    return values[gaps[-1] + 1 :] if len(gaps) else values


def _budget(series: MonthlySeries, year: int) -> tuple[float | None, int]:
    months = series.budget_window(date(year, 1, 1), date(year, 12, 1))
    if months is None:
        return None, 0
    known = int(np.sum(~np.isnan(months)))
    return (float(np.nansum(months)) if known == SEASON else None), known


def _months_text(labels: list[str]) -> str:
    span = months_between(parse_month(labels[0]), parse_month(labels[-1]))
    if len(labels) > 3 and span == len(labels):
        return f"{labels[0]} to {labels[-1]}"
    return ", ".join(labels)
