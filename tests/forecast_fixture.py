"""Hand-made warehouses for the forecast tests: one establishment, two services, monthly
series whose landing can be worked out by hand, written straight into DuckDB."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import pandas as pd
from engine_fixture import write_frames

from cockpit.contracts import CONTRACTS
from cockpit.periods import add_months, months_between

FINESS, NAME = "990000012", "CH de Vallombre"
CARDIO = ("Médecine", "Cardiologie")
ORTHO = ("Chirurgie", "Chirurgie orthopédique")
# A season and a steady 5 % a year (whole numbers, as counts are stored): every landing
# method knows the answer exactly.
SEASON = [100, 90, 95, 85, 80, 70, 60, 55, 80, 95, 105, 110]
GROWTH = 1.05
# Orthopaedics: 100 a month in 2023 but 200 in December; 110, 120, 130 in early 2024.
ORTHO_2023 = [100] * 11 + [200]
ORTHO_2024 = [110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 220]


def steady(month: date) -> float:
    return SEASON[month.month - 1] * 400 * GROWTH ** (month.year - 2023)


def ortho(month: date) -> float:
    return float((ORTHO_2023 if month.year == 2023 else ORTHO_2024)[month.month - 1])


def write(
    path: Path,
    first: date = date(2023, 1, 1),
    last: date = date(2025, 6, 1),
    skip: Iterable[date] = (),
    cardio: Callable[[date], float] = steady,
) -> Path:
    """Activity (admissions, bed days, beds) and finance (staff expenses, with a budget) of
    `first`..`last`, without the months in `skip`."""
    skipped = set(skip)
    months = [add_months(first, i) for i in range(months_between(first, last))]
    months = [m for m in months if m not in skipped]
    activity, finance = [], []
    for month in months:
        for (pole, service), admissions in ((CARDIO, cardio(month)), (ORTHO, ortho(month))):
            activity.append(_activity(month, pole, service, admissions))
        budget = 1_000_000.0 * GROWTH ** (month.year - 2023)
        finance.append({"period": month, "establishment_id": FINESS, "pole": CARDIO[0],
                        "section": "charges", "titre": "1", "account": "6411",
                        "actual_eur": 250 * cardio(month), "budget_eur": budget})  # fmt: skip
    structure = pd.DataFrame(
        [(FINESS, NAME, "Vallombre-Centre", pole, service) for pole, service in (CARDIO, ORTHO)],
        columns=CONTRACTS["structure"].names,
    )
    write_frames(path, {"structure": structure, "activity": pd.DataFrame(activity),
                        "finance": pd.DataFrame(finance)})  # fmt: skip
    return path


def _activity(month: date, pole: str, service: str, admissions: float) -> dict:
    row = {name: 0 for name in CONTRACTS["activity"].names}
    row.update(period=month, establishment_id=FINESS, pole=pole, service=service)
    row.update(admissions=admissions, installed_beds=20, bed_days=round(admissions * 0.4))
    return row
