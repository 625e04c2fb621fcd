"""The deliberate anomalies of the demo hospital, so that alerts have something to find.

1. CH de Vallombre, pole Urgences-Réanimation: interim cost ×2.5 in 2026-08..2026-10
   (agency emergency doctors hired to keep the ER open).
2. CH de Rochebrune, pole Chirurgie: an operating room closed in 2026-09 and 2026-10,
   so surgeries fall by 45 % and bed occupancy by 40 %.
3. CH de Vallombre, pole Gériatrie: absenteeism ×2.3 in 2026-10 (a winter-like wave).
4. CH de Vallombre: general expenses (charges titre 3) drift above budget all through
   2026, by 1.2 % more each month (+12 % in 2026-10).
Generated establishments have none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cockpit.demo.months import N_MONTHS, month_of
from cockpit.demo.org import ROCHEBRUNE, VALLOMBRE


@dataclass(frozen=True)
class Anomaly:
    figure: str  # which generated figure is multiplied
    finess: str
    pole: str | None  # None: every line of the establishment
    factors: dict[str, float]  # period -> multiplier


_2026 = [f"2026-{m:02d}" for m in range(1, 11)]

ANOMALIES = (
    Anomaly(
        "interim",
        VALLOMBRE,
        "Urgences-Réanimation",
        {"2026-08": 2.5, "2026-09": 2.5, "2026-10": 2.5},
    ),
    Anomaly("surgeries", ROCHEBRUNE, "Chirurgie", {"2026-09": 0.55, "2026-10": 0.55}),
    Anomaly("occupancy", ROCHEBRUNE, "Chirurgie", {"2026-09": 0.6, "2026-10": 0.6}),
    Anomaly("absenteeism", VALLOMBRE, "Gériatrie", {"2026-10": 2.3}),
    Anomaly(
        "general_expenses", VALLOMBRE, None, {p: 1 + 0.012 * (i + 1) for i, p in enumerate(_2026)}
    ),
)


def multiplier(figure: str, finess: str, poles: Sequence[str]) -> np.ndarray:
    """Multipliers (lines × months) of one figure for lines belonging to `poles`."""
    result = np.ones((len(poles), N_MONTHS))
    for anomaly in ANOMALIES:
        if anomaly.figure != figure or anomaly.finess != finess:
            continue
        rows = [i for i, pole in enumerate(poles) if anomaly.pole in (None, pole)]
        for period, factor in anomaly.factors.items():
            result[rows, month_of(period)] *= factor
    return result
