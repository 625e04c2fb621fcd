"""The statistical model of a monthly flow: each month is the same month a year before,
moved by a year-on-year change that follows an AR(1) around a constant growth c, i.e.
SARIMA(1,0,0)(0,1,0)₁₂ with drift on the series, fitted by statsmodels (Burg's method).

The controllers' pro rata assumes this year's change so far holds for the rest of the year;
the model estimates c from every change since the history starts and lets a deviation (an
epidemic winter, a strike) fade month after month at the fitted AR rate. Changes are
proportional (log scale) when every month is positive, else absolute. With a year of changes
or less the AR term cannot be told from noise: the changes are then iid around c, with c the
ratio of this year's sums to last year's (the controllers' own growth), and the Student-t
prediction is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEASON = 12


@dataclass(frozen=True)
class Projection:
    """The next months of a series as one joint distribution, on the modelled scale."""

    log: bool
    mean: np.ndarray
    cov: np.ndarray
    df: int | None  # Student-t degrees of freedom; None: too few changes for an interval

    def point(self) -> np.ndarray:
        return np.exp(self.mean) if self.log else self.mean

    def draws(self, count: int, rng: np.random.Generator) -> np.ndarray | None:
        """`count` joint draws of the months ahead (count × months), multivariate Student-t."""
        if self.df is None:
            return None
        normal = rng.standard_normal((count, len(self.mean))) @ _root(self.cov).T
        widen = np.sqrt(self.df / rng.chisquare(self.df, size=(count, 1)))
        values = self.mean + normal * widen
        if not self.log:
            return values
        with np.errstate(over="ignore"):  # a draw from a very wide tail
            return np.exp(values)


def project(history: np.ndarray, horizon: int) -> Projection:
    """The `horizon` months after `history` (contiguous months, more than 12, no gap).

    A horizon never exceeds twelve months, so each month ahead has its month a year before
    among the observations."""
    if len(history) <= SEASON or not 1 <= horizon <= SEASON:
        raise ValueError("project needs more than 12 months of history and 1–12 months ahead")
    log = bool(np.all(history > 0))
    level = np.log(history) if log else np.asarray(history, dtype=float)
    change = level[SEASON:] - level[:-SEASON]
    base = level[len(level) - SEASON : len(level) - SEASON + horizon]
    if len(change) > SEASON:
        mean, cov, df = _autoregressive(change, horizon)
    else:
        mean, cov, df = _iid(history, change, horizon, log)
    return Projection(log, base + mean, cov, df)


def _iid(history: np.ndarray, change: np.ndarray, horizon: int, log: bool):
    count = len(change)
    this_year, same_months = history[-count:].sum(), history[-count - SEASON : -SEASON].sum()
    # The ratio of sums weighs big months more, as their relative noise is smaller.
    if log:
        growth = float(np.log(this_year / same_months))
    else:
        growth = float((this_year - same_months) / count)
    mean = np.full(horizon, growth)
    if count < 2:
        return mean, np.zeros((horizon, horizon)), None
    variance = float(np.sum((change - growth) ** 2) / (count - 1))
    # Each month's own noise, plus the error on the growth shared by every month.
    cov = variance * (np.eye(horizon) + np.ones((horizon, horizon)) / count)
    return mean, cov, count - 1


def _autoregressive(change: np.ndarray, horizon: int):
    from statsmodels.regression.linear_model import burg  # statsmodels takes ~1 s to import

    # Burg's estimate is always stationary: a burst at the end of a short series (a severe
    # flu month) must not make the changes explode over the rest of the year.
    count, growth = len(change), float(change.mean())
    if np.ptp(change) == 0:  # the same change every month (beds × days): nothing to fit
        return np.full(horizon, growth), np.zeros((horizon, horizon)), count - 1
    coefficients, variance = burg(change, order=1, demean=True)
    rate, variance = float(coefficients[0]), float(variance)
    steps = np.arange(1, horizon + 1)
    gap = float(change[-1]) - growth
    mean = growth + rate**steps * gap
    # The h-step error sums the shocks of the months between, each weighed by rate^k.
    weights = rate ** np.arange(horizon)
    cov = np.zeros((horizon, horizon))
    for i in range(horizon):
        for j in range(i, horizon):
            cov[i, j] = cov[j, i] = variance * float(weights[: i + 1] @ weights[j - i : j + 1])
    # The growth and the rate are estimated, not known: their spread reaches every month
    # ahead (delta method, with their large-sample variances for an AR(1)).
    jacobian = np.column_stack([1 - rate**steps, steps * rate ** (steps - 1) * gap])
    param_var = np.array([variance / (count * (1 - rate) ** 2), (1 - rate**2) / count])
    cov = cov + (jacobian * param_var) @ jacobian.T
    return mean, cov, count - 2


def _root(cov: np.ndarray) -> np.ndarray:
    """A square root of a covariance that may be singular (eigenvalues clipped at 0)."""
    values, vectors = np.linalg.eigh((cov + cov.T) / 2)
    return vectors * np.sqrt(np.clip(values, 0, None))
