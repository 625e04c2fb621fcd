"""A tiny hand-made group for checking definitions: 2 establishments, 3 services, 2023–2024.

Values follow simple formulas of the month index and service index, so an analyst can
recompute any figure by hand or in a spreadsheet (`cockpit queries fixture --out DIR`
writes the six extracts). `cockpit queries test` loads it and runs each metric's `checks`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

E1, E2 = "990000012", "990000020"
NAMES = {E1: "CH de Vallombre", E2: "CH de Rochebrune"}
SERVICES = [  # (establishment_id, site, pole, service)
    (E1, "Vallombre-Centre", "Médecine", "Cardiologie"),
    (E1, "Vallombre-Nord", "Chirurgie", "Chirurgie orthopédique"),
    (E2, "Rochebrune", "Médecine", "Médecine polyvalente"),
]
CATEGORIES = [
    ("medical", "médecin"),
    ("non_medical", "infirmier"),
    ("non_medical", "administratif"),
]
MONTHS = [date(2023 + i // 12, i % 12 + 1, 1) for i in range(24)]


def frames() -> dict[str, pd.DataFrame]:
    structure = pd.DataFrame(
        [(e, NAMES[e], site, pole, svc) for e, site, pole, svc in SERVICES],
        columns=["establishment_id", "establishment", "site", "pole", "service"],
    )
    activity, hr, finance, treasury = [], [], [], []
    for m, month in enumerate(MONTHS):
        for s, (est, _site, pole, svc) in enumerate(SERVICES):
            surgical = pole == "Chirurgie"
            er = 300 + m if s == 0 else 0
            activity.append(
                {
                    "period": month,
                    "establishment_id": est,
                    "pole": pole,
                    "service": svc,
                    "admissions": 100 + 10 * s + m,
                    "stays_full": 80 + 5 * s + m % 3,
                    "stays_ambulatory": 20 + s,
                    "bed_days": 400 + 20 * s + 3 * m,
                    "expected_bed_days": 390.0 + 20 * s + 2 * m,
                    "installed_beds": 15.0 + s * s + (1 if month.month in (1, 2) else 0),
                    "er_visits": er,
                    "er_admissions": er // 4,
                    "consultations": 200 + 7 * s,
                    "surgeries": 50 + m if surgical else 0,
                    "ambulatory_surgeries": 20 + m // 2 if surgical else 0,
                    "births": 10 + month.month if est == E2 else 0,
                    "t2a_valuation_eur": 100_000.0 + 1000 * s + 500 * m,
                }
            )
            for c, (group, category) in enumerate(CATEGORIES):
                hr.append(
                    {
                        "period": month,
                        "establishment_id": est,
                        "pole": pole,
                        "service": svc,
                        "staff_group": group,
                        "staff_category": category,
                        "fte_paid": 10.0 + s + 2 * c + 0.5 * (m % 2),
                        "fte_budget": 10.0 + s + 2 * c,
                        "headcount": 11 + s + 2 * c,
                        "absence_days": 5 + c + m % 4,
                        "theoretical_days": 200 + 10 * c,
                        "overtime_hours": 30.0 + 5 * c,
                        "interim_cost_eur": 1000.0 * c + 100 * m,
                        "hires": (m + c) % 3,
                        "departures": (m + s) % 2,
                        "payroll_cost_eur": 50_000.0 + 1000 * c,
                    }
                )
        for e, est in enumerate((E1, E2)):
            grow = 1 + 0.01 * m
            poles = sorted({p for x, _, p, _ in SERVICES if x == est})
            for p, pole in enumerate(poles):
                for titre, base in (("1", 600_000), ("2", 150_000), ("3", 120_000)):
                    amount = base * (e + 1) * (p + 1) / 2
                    finance.append(
                        _fin(
                            month, est, pole, "charges", titre, f"6{titre}1", amount * grow, amount
                        )
                    )
            finance.append(
                _fin(
                    month, est, None, "charges", "4", "6811", 60_000.0 * (e + 1), 60_000.0 * (e + 1)
                )
            )
            for titre, base in (("1", 900_000), ("2", 80_000), ("3", 50_000)):
                amount = base * (e + 1) * (1.5 if e == 0 else 1.0)
                finance.append(
                    _fin(
                        month,
                        est,
                        None,
                        "produits",
                        titre,
                        f"7{titre}1",
                        amount * (1 + 0.005 * m),
                        amount,
                    )
                )
            treasury.append(
                {
                    "period": month,
                    "establishment_id": est,
                    "cash_eur": 1_000_000.0 + 10_000 * m * (e + 1),
                    "debt_outstanding_eur": 5_000_000.0 - 10_000 * m,
                    "depreciation_eur": 20_000.0,
                }
            )
    targets = pd.DataFrame(
        [
            ("bed_occupancy_rate", E1, None, None, 2024, 0.85, 0.05, 0.10),
            ("admissions", E1, "Médecine", None, 2024, 110.0, 105.0, 100.0),
            ("admissions", E1, None, None, 2024, 230.0, 220.0, 200.0),
            ("admissions", E2, None, None, 2024, 130.0, 120.0, 100.0),
            ("absenteeism_rate", E1, None, date(2024, 3, 1), 2024, 0.02, 0.03, 0.04),
        ],
        columns=[
            "metric",
            "establishment_id",
            "pole",
            "period",
            "year",
            "target",
            "amber_threshold",
            "red_threshold",
        ],
    )
    return {
        "structure": structure,
        "activity": pd.DataFrame(activity),
        "hr": pd.DataFrame(hr),
        "finance": pd.DataFrame(finance),
        "treasury": pd.DataFrame(treasury),
        "targets": targets,
    }


def _fin(month, est, pole, section, titre, account, actual, budget) -> dict:
    return {
        "period": month,
        "establishment_id": est,
        "pole": pole,
        "section": section,
        "titre": titre,
        "account": account,
        "actual_eur": actual,
        "budget_eur": budget,
    }


def write_fixture(out: Path) -> list[Path]:
    """The fixture as the six canonical extract CSVs in `out` (UTF-8, comma, decimal point)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, frame in frames().items():
        path = out / f"{kind}.csv"
        shown = frame.copy()
        if "period" in shown:
            shown["period"] = shown["period"].map(lambda d: f"{d:%Y-%m}" if pd.notna(d) else "")
        shown.to_csv(path, index=False)
        paths.append(path)
    return paths
