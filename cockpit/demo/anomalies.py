"""The deliberate anomalies of the demo hospital, so that alerts have something to find.

1. CH de Vallombre, pole Urgences-Réanimation: interim cost ×2.5 in 2026-08..2026-10
   (agency emergency doctors hired to keep the ER open).
2. CH de Rochebrune, pole Chirurgie: an operating room closed in 2026-09 and 2026-10,
   so surgeries fall by 45 % and bed occupancy by 40 %.
3. CH de Vallombre, pole Gériatrie: absenteeism ×2.3 in 2026-10 (a winter-like wave).
4. CH de Vallombre: general expenses (charges titre 3) drift above budget all through
   2026, by 1.2 % more each month (+12 % in 2026-10).
Generated establishments have none. Each names the metrics it shows in, the one it is
planted in first, so benches and tests can tell the alerts it explains from the others.
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
    shows_in: tuple[str, ...] = ()  # metric ids, the one planted in first

    def explains(self, metric: str, finess: str, pole: str | None, period: str) -> bool:
        """Whether an alert on a metric of an establishment (and pole, None for the whole
        establishment) for a month is this anomaly showing."""
        return (
            metric in self.shows_in
            and finess == self.finess
            and period in self.factors
            and (self.pole is None or pole in (None, self.pole))
        )


_2026 = [f"2026-{m:02d}" for m in range(1, 11)]
# Less activity in surgery: fewer stays and less T2A, so less revenue and a different share
# of the medical expenses allocated by activity.
_SURGERY_SHOWS_IN = ("admissions", "stays_ambulatory", "t2a_valuation", "total_revenue",
                     "health_insurance_revenue", "medical_expenses", "general_expenses",
                     "gross_margin_rate", "staff_cost_share")  # fmt: skip

ANOMALIES = (
    Anomaly(
        "interim",
        VALLOMBRE,
        "Urgences-Réanimation",
        {"2026-08": 2.5, "2026-09": 2.5, "2026-10": 2.5},
        ("interim_cost", "staff_expenses", "total_expenses", "staff_cost_share",
         "expense_execution_rate", "gross_margin_rate"),
    ),
    Anomaly(
        "surgeries",
        ROCHEBRUNE,
        "Chirurgie",
        {"2026-09": 0.55, "2026-10": 0.55},
        ("surgeries", "ambulatory_surgery_rate", *_SURGERY_SHOWS_IN),
    ),
    Anomaly(
        "occupancy",
        ROCHEBRUNE,
        "Chirurgie",
        {"2026-09": 0.6, "2026-10": 0.6},
        ("bed_occupancy_rate", "bed_days", "stays_full", "alos", *_SURGERY_SHOWS_IN),
    ),
    Anomaly(
        "absenteeism",
        VALLOMBRE,
        "Gériatrie",
        {"2026-10": 2.3},
        ("absenteeism_rate", "overtime_hours", "payroll_cost", "staff_expenses",
         "total_expenses", "staff_cost_share", "expense_execution_rate", "medical_expenses"),
    ),
    Anomaly(
        "general_expenses",
        VALLOMBRE,
        None,
        {p: 1 + 0.012 * (i + 1) for i, p in enumerate(_2026)},
        ("general_expenses", "total_expenses", "expense_execution_rate", "gross_margin_rate",
         "staff_cost_share"),
    ),
)  # fmt: skip


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
