"""What the season predicts for a month, robustly: the same month of each of the last three
years, moved by the median year-on-year change, and the median of those; the spread is
1.4826 × the median absolute deviation (MAD) of that prediction's errors.

It is the landing model's seasonal part without its AR term, estimated with medians: one
unusual year (a severe flu winter) does not set next year's expectation, and past anomalies
are cleaned as the history is walked (a month that departed is replaced by its expectation
before later months are predicted from it), so a lasting anomaly is flagged every month
instead of becoming the new normal. Changes are proportional: only positive months are
judged (a result or a gap to budget is judged through its parts). Every scope of one query
is walked at once, one row each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cockpit.forecast.model import SEASON

YEARS_COMPARED = 3
MIN_CHANGES = SEASON  # a year of year-on-year changes before a month is judged
CLEAN_BEYOND = 3.5  # robust standard deviations: the seasonal alerts' own cut-off
MAD_TO_SD = 1.4826  # a normal distribution's standard deviation is 1.4826 × its MAD
# The spread is never taken under 1 %, so no month within 3.5 % of its expectation is flagged,
# however smooth the series: a smaller departure is not worth a director's attention.
MIN_SCALE = 0.01


@dataclass(frozen=True)
class Expectation:
    centre: float  # log of the expected value
    scale: float  # one robust standard deviation, on the log scale

    @property
    def value(self) -> float:
        return float(np.exp(self.centre))

    @property
    def spread(self) -> float:
        """One robust standard deviation, in the series' own unit."""
        return self.value * self.scale

    def departure(self, observed: float) -> float:
        """Signed distance of an observation, in robust standard deviations."""
        if observed <= 0:
            return float("-inf")
        return float((np.log(observed) - self.centre) / self.scale)

    def at_least(self, counting_noise: float) -> Expectation:
        """The same expectation with its spread raised to at least `counting_noise`, a
        standard deviation in the series' unit (the Poisson noise of a count)."""
        return Expectation(self.centre, max(self.scale, counting_noise / self.value))


@dataclass(frozen=True)
class Walk:
    """The expectation of every month of every row, from the months before it."""

    centre: np.ndarray  # rows × months, NaN where a month cannot be judged
    scale: np.ndarray

    def at(self, row: int, month: int) -> Expectation | None:
        centre = self.centre[row, month]
        return (
            None if np.isnan(centre) else Expectation(float(centre), float(self.scale[row, month]))
        )


def seasonal_walk(values: np.ndarray) -> Walk:
    """Walk the months of each row (a scope's monthly series; NaN for a month without data)
    in order: each month's expectation from the cleaned months before it, then the month is
    cleaned if it departs. A month that is not positive departs downwards."""
    values = np.atleast_2d(np.asarray(values, dtype=float))
    observed = np.full(values.shape, np.nan)
    positive = values > 0
    observed[positive] = np.log(values[positive])
    clean = observed.copy()
    centre, scale = np.full(values.shape, np.nan), np.full(values.shape, np.nan)
    for month in range(SEASON + MIN_CHANGES, values.shape[1]):
        centre[:, month], scale[:, month] = _expectation(clean[:, :month], observed[:, :month])
        with np.errstate(divide="ignore", invalid="ignore"):
            departure = np.where(positive[:, month], observed[:, month] - centre[:, month],
                                 -np.inf) / scale[:, month]  # fmt: skip
        departed = ~np.isnan(values[:, month]) & (np.abs(departure) > CLEAN_BEYOND)
        clean[departed, month] = centre[departed, month]
    return Walk(centre, scale)


def _expectation(clean: np.ndarray, observed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Predictions from the cleaned months; the spread from what was observed, since a
    spread measured on cleaned months would shrink with every month cleaned (the MAD
    already ignores the anomalies)."""
    change = clean[:, SEASON:] - clean[:, :-SEASON]
    enough = np.sum(~np.isnan(change), axis=1) >= MIN_CHANGES
    growth = nan_median(change)
    predicted = _predict(clean, growth)
    errors = observed[:, SEASON:] - predicted[:, SEASON:-1]
    deviation = np.abs(errors - nan_median(errors)[:, None])
    with np.errstate(invalid="ignore"):  # rows without data: NaN
        scale = np.maximum(MAD_TO_SD * nan_median(deviation), MIN_SCALE)
    return np.where(enough, predicted[:, -1], np.nan), scale


def _predict(level: np.ndarray, growth: np.ndarray) -> np.ndarray:
    """For each row, each month and the month after the last, the log value predicted from
    the same month of the past years (up to three) moved by the yearly growth: their median."""
    rows, months = level.shape[0], level.shape[1] + 1
    bases = np.full((rows, months, YEARS_COMPARED), np.nan)
    for k in range(1, YEARS_COMPARED + 1):
        shift = SEASON * k
        if shift < months:
            bases[:, shift:, k - 1] = level[:, : months - shift] + k * growth[:, None]
    return nan_median(bases)


def nan_median(values: np.ndarray) -> np.ndarray:
    """The median along the last axis, NaN ignored (NaN where a row has no value). numpy's
    nanmedian goes through masked arrays on short rows: 20× slower on these."""
    ordered = np.sort(values, axis=-1)  # NaN last
    known = np.sum(~np.isnan(values), axis=-1)
    middle = np.take_along_axis(ordered, np.clip((known - 1) // 2, 0, None)[..., None], -1)
    upper = np.take_along_axis(ordered, np.clip(known // 2, 0, None)[..., None], -1)
    return np.where(known > 0, (middle[..., 0] + upper[..., 0]) / 2, np.nan)
