"""The demo calendar: the 46 months 2023-01..2026-10 and their seasonal shapes.

Every generator works on arrays with one column per month, in this order.
"""

from __future__ import annotations

import calendar

import numpy as np

FIRST_YEAR = 2023
N_MONTHS = 46  # 2023-01 .. 2026-10
YEARS = (2023, 2024, 2025, 2026)

MONTH_INDEX = np.arange(N_MONTHS)
YEAR = FIRST_YEAR + MONTH_INDEX // 12
MONTH = MONTH_INDEX % 12 + 1
PERIODS = tuple(f"{y}-{m:02d}" for y, m in zip(YEAR.tolist(), MONTH.tolist(), strict=True))
DAYS = np.array([calendar.monthrange(int(y), int(m))[1] for y, m in zip(YEAR, MONTH, strict=True)])
# Years elapsed since 2023-01, for the activity and salary trends.
ELAPSED_YEARS = MONTH_INDEX / 12.0
# Working days of a full-time hospital employee (about 228 a year).
WORKING_DAYS = np.round(19.0 * DAYS / 30.4, 2)

# Strength of the winter epidemics (flu, bronchiolitis, covid) by season: the
# 2024-25 flu season was a severe one.
_EPIDEMIC_STRENGTH = {2023: 1.0, 2024: 0.9, 2025: 1.35, 2026: 0.85}
_WINTER_SHAPE = np.array([1.0, 0.8, 0.35, 0.1, 0, 0, 0, 0, 0, 0.1, 0.3, 0.8])
_SUMMER_SHAPE = np.array([0, 0, 0, 0, 0, 0.2, 0.85, 1.0, 0.15, 0, 0, 0])


def _season_year(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    # October to December belong to the epidemic season of the following January.
    return year + (month >= 10)


WINTER = _WINTER_SHAPE[MONTH - 1] * np.array(
    [_EPIDEMIC_STRENGTH.get(int(y), 1.0) for y in _season_year(YEAR, MONTH)]
)
SUMMER = _SUMMER_SHAPE[MONTH - 1]


def in_year(year: int) -> np.ndarray:
    """Boolean mask of the demo months that fall in `year`."""
    return np.equal(YEAR, year)


def month_of(period: str) -> int:
    """Index of a `YYYY-MM` period in the demo calendar."""
    return PERIODS.index(period)
