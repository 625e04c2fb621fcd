"""A tiny canonical group of extracts and helpers to write and dump them (used by ingest tests),
and the demo's activity extract changed for a re-ingest (also used by bench/load.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

VALLOMBRE, ROCHEBRUNE = "990000012", "990000020"
SERVICES = [
    (VALLOMBRE, "CH de Vallombre", "Vallombre-Centre", "Médecine", "Cardiologie"),
    (VALLOMBRE, "CH de Vallombre", "Vallombre-Centre", "Médecine", "Pneumologie"),
    (VALLOMBRE, "CH de Vallombre", "Vallombre-Nord", "Chirurgie", "Bloc opératoire"),
    (ROCHEBRUNE, "CH de Rochebrune", "Rochebrune", "Médecine", "Médecine polyvalente"),
]
MONTHS = ("2024-01", "2024-02")


def _activity(month_index: int, service_index: int) -> dict:
    k = 1 + month_index + 10 * service_index
    return {
        "admissions": 100 * k, "stays_full": 60 * k, "stays_ambulatory": 40 * k,
        "bed_days": 450 * k, "expected_bed_days": 430.5 * k, "installed_beds": 20.5,
        "er_visits": 1200 * k, "er_admissions": 15 * k, "consultations": 800 + k,
        "surgeries": 3 * k, "ambulatory_surgeries": k, "births": 0,
        "t2a_valuation_eur": 1234567.25 * k,
    }  # fmt: skip


def canonical_frames() -> dict[str, pd.DataFrame]:
    """One small extract of each kind, with the canonical columns of SPEC §3."""
    org = [(m, s) for m in range(len(MONTHS)) for s in range(len(SERVICES))]
    structure = pd.DataFrame(
        SERVICES, columns=["establishment_id", "establishment", "site", "pole", "service"]
    )
    activity = pd.DataFrame(
        [
            {"period": MONTHS[m], "establishment_id": SERVICES[s][0], "pole": SERVICES[s][3],
             "service": SERVICES[s][4], **_activity(m, s)}
            for m, s in org
        ]
    )  # fmt: skip
    hr = pd.DataFrame(
        [
            {"period": MONTHS[m], "establishment_id": SERVICES[s][0], "pole": SERVICES[s][3],
             "service": SERVICES[s][4], "staff_group": group, "staff_category": category,
             "fte_paid": 12.5 + s, "fte_budget": 12.0 + m, "headcount": 14 + s,
             "absence_days": 20 + m, "theoretical_days": 300, "overtime_hours": 35.75,
             "interim_cost_eur": 4500.5 * (s + 1), "hires": 1, "departures": m,
             "payroll_cost_eur": 65432.1 * (s + 1)}
            for m, s in org
            for group, category in (("medical", "médecin"), ("non_medical", "infirmier"))
        ]
    )  # fmt: skip
    finance = pd.DataFrame(
        [
            {"period": month, "establishment_id": est, "pole": "", "section": section,
             "titre": titre, "account": account, "actual_eur": actual, "budget_eur": budget}
            for month in MONTHS
            for est in (VALLOMBRE, ROCHEBRUNE)
            for section, titre, account, actual, budget in (
                ("charges", "1", "6411", 2500000.5, 2450000.0),
                ("charges", "4", "6811", 150000.0, 150000.0),
                ("produits", "1", "73111", 3100000.75, 3000000.0),
                ("produits", "3", "7588", -1200.0, 0.0),
            )
        ]
    )  # fmt: skip
    treasury = pd.DataFrame(
        [
            {"period": month, "establishment_id": est, "cash_eur": -250000.5 + i,
             "debt_outstanding_eur": 45000000.0, "depreciation_eur": 150000.0}
            for i, month in enumerate(MONTHS)
            for est in (VALLOMBRE, ROCHEBRUNE)
        ]
    )  # fmt: skip
    targets = pd.DataFrame(
        [
            {"metric": "bed_occupancy_rate", "establishment_id": VALLOMBRE, "pole": "",
             "period": "", "year": "2024", "target": 0.88, "amber_threshold": 0.85,
             "red_threshold": 0.8},
            {"metric": "admissions", "establishment_id": VALLOMBRE, "pole": "Médecine",
             "period": "2024-02", "year": "", "target": 2500, "amber_threshold": "",
             "red_threshold": ""},
        ]
    )  # fmt: skip
    return {
        "structure": structure, "activity": activity, "hr": hr, "finance": finance,
        "treasury": treasury, "targets": targets,
    }  # fmt: skip


def write_csv(frame: pd.DataFrame, path: Path, **options) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, **options)
    return path


def table_contents(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, to compare a warehouse before and after."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {
            t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in sorted(tables)
        }
    finally:
        con.close()


DEMO_LAST_MONTH = "2026-10"


def doubled_last_month(demo_extracts: Path, out_dir: Path) -> Path:
    """The demo's activity extract with the last month's admissions doubled, written to
    `out_dir/activity.csv`: a re-ingest of it changes that month and no other."""
    frame = pd.read_csv(demo_extracts / "activity.csv", dtype=str)
    last = frame["period"] == DEMO_LAST_MONTH
    frame.loc[last, "admissions"] = (frame.loc[last, "admissions"].astype(int) * 2).astype(str)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "activity.csv"
    frame.to_csv(path, index=False)
    return path
