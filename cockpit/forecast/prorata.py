"""The controllers' own method, kept as the reference the model must beat: the year to date
prorated by last year's seasonality, year to date × last year's total / last year's same
months."""

from __future__ import annotations

import numpy as np


def prorata_landing(last_year: np.ndarray, year_to_date: np.ndarray) -> float | None:
    """Year-end total from the months so far and the twelve months of last year.

    None when last year's same months do not sum to a positive figure (a signed flow such
    as a result or a gap to budget has no meaningful proportion)."""
    same_months = float(np.sum(last_year[: len(year_to_date)]))
    if same_months <= 0:
        return None
    return float(np.sum(year_to_date)) * float(np.sum(last_year)) / same_months
