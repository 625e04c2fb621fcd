"""What the season predicts for a month, robustly: the same month of each of the last three
years, moved by the median year-on-year change, and the median of those; the spread is
1.4826 × the median absolute deviation (statsmodels' MAD) of that prediction's errors.

It is the landing model's seasonal part without its AR term, estimated with medians: one
unusual year (a severe flu winter) does not set next year's expectation, and past anomalies
are cleaned as the history is walked (a month that departed is replaced by its expectation
before later months are judged), so a lasting anomaly is flagged every month instead of
becoming the new normal. Changes are proportional: only series positive in every month are
judged (a result or a gap to budget is judged through its parts).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cockpit.forecast.model import SEASON

YEARS_COMPARED = 3
MIN_CHANGES = SEASON  # a year of year-on-year changes before a month is judged
CLEAN_BEYOND = 3.5  # robust standard deviations: the seasonal alerts' own cut-off
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


def seasonal_walk(values: np.ndarray) -> list[Expectation | None]:
    """The expectation of every month of a series from the months before it (None while
    there is less than a year of year-on-year changes to learn from), in one causal walk:
    a month that departs is replaced by its expectation before later months are predicted
    from it. NaN marks a month without data; a month that is not positive departs downwards."""
    observed = np.full(len(values), np.nan)
    positive = values > 0
    observed[positive] = np.log(values[positive])
    clean = observed.copy()
    found: list[Expectation | None] = []
    for month in range(len(values)):
        past = _expectation(clean[:month], observed[:month])
        found.append(past)
        known = past is not None and not np.isnan(values[month])
        if known and abs(past.departure(float(values[month]))) > CLEAN_BEYOND:
            clean[month] = past.centre
    return found


def _expectation(clean: np.ndarray, observed: np.ndarray) -> Expectation | None:
    """Predictions from the cleaned months; the spread from what was observed, since a
    spread measured on cleaned months would shrink with every month cleaned (the MAD
    already ignores the anomalies)."""
    from statsmodels.robust.scale import mad

    change = clean[SEASON:] - clean[:-SEASON]
    change = change[~np.isnan(change)]
    if len(change) < MIN_CHANGES:
        return None
    growth = float(np.median(change))
    predicted = _predict(clean, growth)
    errors = observed[SEASON:] - predicted[SEASON:-1]
    scale = max(float(mad(errors[~np.isnan(errors)])), MIN_SCALE)
    centre = predicted[-1]
    return None if np.isnan(centre) else Expectation(float(centre), scale)


def _predict(level: np.ndarray, growth: float) -> np.ndarray:
    """For each month and the one after the last, its log value predicted from the same
    month of the past years (up to three) moved by the yearly growth: their median."""
    months = len(level) + 1
    bases = np.full((months, YEARS_COMPARED), np.nan)
    for k in range(1, YEARS_COMPARED + 1):
        shift = SEASON * k
        if shift < months:
            bases[shift:, k - 1] = level[: months - shift] + k * growth
    return _row_medians(bases)


def _row_medians(rows: np.ndarray) -> np.ndarray:
    """The median of each row's known values (NaN when none), for rows of up to three:
    numpy's nanmedian is 20× slower on so small an array."""
    ordered = np.sort(rows, axis=1)  # NaN last
    known = np.sum(~np.isnan(rows), axis=1)
    middle = np.take_along_axis(ordered, np.clip((known - 1) // 2, 0, None)[:, None], 1)[:, 0]
    upper = np.take_along_axis(ordered, np.clip(known // 2, 0, None)[:, None], 1)[:, 0]
    return np.where(known > 0, (middle + upper) / 2, np.nan)
