"""The demo hospital: deterministic files, the SPEC §7 organisation, plausible figures,
seasonality, the documented anomalies and larger generated groups."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from cockpit.contracts import CONTRACTS
from cockpit.demo import write_demo
from cockpit.demo.targets import DIRECTIONS

ROOT = Path(__file__).resolve().parents[1]
VALLOMBRE, ROCHEBRUNE = "990000012", "990000020"
MCO_POLES = ("Médecine", "Chirurgie", "Femme-Mère-Enfant", "Urgences-Réanimation")
SPEC_ORGANISATION = {
    (VALLOMBRE, "CH de Vallombre"): {
        "Médecine": {"Cardiologie", "Pneumologie", "Médecine interne"},
        "Chirurgie": {"Chirurgie orthopédique", "Chirurgie digestive", "Bloc opératoire"},
        "Femme-Mère-Enfant": {"Maternité", "Pédiatrie", "Néonatologie"},
        "Urgences-Réanimation": {"Urgences", "Réanimation", "SMUR"},
        "Gériatrie": {"Court séjour gériatrique", "SSR"},
        "Psychiatrie": {"Psychiatrie adulte", "Pédopsychiatrie"},
        "Médico-technique": {"Imagerie", "Laboratoire", "Pharmacie"},
    },
    (ROCHEBRUNE, "CH de Rochebrune"): {
        "Médecine": {"Médecine polyvalente", "Médecine interne"},
        "Chirurgie": {"Chirurgie viscérale", "Ophtalmologie"},
        "Gériatrie": {"Unité de soins de longue durée", "Soins de suite et de réadaptation"},
    },
}
TARGET_METRICS = {
    "bed_occupancy_rate",
    "alos",
    "ip_dms",
    "absenteeism_rate",
    "fte_paid",
    "interim_cost",
    "overtime_hours",
    "er_visits",
    "admissions",
    "ambulatory_surgery_rate",
    "expense_execution_rate",
    "staff_cost_share",
    "days_of_cash",
    "gross_margin_rate",
}
_TEXT = ("period", "establishment_id", "pole", "service", "account", "titre", "section")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    write_demo(out)
    return out


@pytest.fixture(scope="module")
def db(demo_dir) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for kind, contract in CONTRACTS.items():
        types = {name: "VARCHAR" for name in contract.names if name in _TEXT}
        con.execute(
            f"CREATE TABLE {kind} AS SELECT * FROM "
            f"read_csv('{demo_dir / kind}.csv', header = true, types = {types})"
        )
    con.execute(
        "CREATE MACRO days_in(period) AS day(last_day(strptime(period || '-01', '%Y-%m-%d')))"
    )
    return con


def rows(db, sql: str) -> list[tuple]:
    return db.execute(sql).fetchall()


def test_two_runs_in_two_processes_write_identical_bytes(demo_dir, tmp_path):
    script = "import sys; from pathlib import Path; from cockpit.demo import write_demo; "
    script += "write_demo(Path(sys.argv[1]))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True, env=env)
    for kind in CONTRACTS:
        name = f"{kind}.csv"
        assert (tmp_path / name).read_bytes() == (demo_dir / name).read_bytes(), name


def test_files_have_exactly_the_contract_columns(demo_dir):
    for kind, contract in CONTRACTS.items():
        with (demo_dir / f"{kind}.csv").open(encoding="utf-8") as handle:
            assert handle.readline().rstrip("\n").split(",") == list(contract.names)


def test_periods_run_from_2023_01_to_2026_10_and_numbers_are_plain(demo_dir, db):
    periods = [p for (p,) in rows(db, "SELECT DISTINCT period FROM activity ORDER BY 1")]
    assert len(periods) == 46 and periods[0] == "2023-01" and periods[-1] == "2026-10"
    for kind in ("hr", "finance", "treasury"):
        assert rows(db, f"SELECT min(period), max(period), count(DISTINCT period) FROM {kind}") == [
            ("2023-01", "2026-10", 46)
        ]
    for kind in CONTRACTS:
        text = (demo_dir / f"{kind}.csv").read_text(encoding="utf-8")
        assert not re.search(r"\d[eE][+-]?\d", text), kind


def test_structure_has_the_spec_establishments_poles_and_services(db):
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    for est_id, name, pole, service in rows(
        db, "SELECT establishment_id, establishment, pole, service FROM structure"
    ):
        found.setdefault((est_id, name), {}).setdefault(pole, set()).add(service)
    assert set(found) == set(SPEC_ORGANISATION)
    for establishment, poles in SPEC_ORGANISATION.items():
        assert set(found[establishment]) == set(poles)
        for pole, services in poles.items():
            assert services <= found[establishment][pole], (establishment, pole)
    sites = dict(
        rows(
            db,
            "SELECT establishment_id, list(DISTINCT site ORDER BY site) FROM structure GROUP BY 1",
        )
    )
    assert sites[VALLOMBRE] == ["Vallombre-Centre", "Vallombre-Nord"]
    assert len(sites[ROCHEBRUNE]) == 1


def test_beds_and_monthly_occupancy_are_those_of_a_900_and_a_250_bed_ch(db):
    beds = dict(
        rows(
            db,
            "SELECT establishment_id, sum(installed_beds) FROM activity "
            "WHERE period = '2026-10' GROUP BY 1",
        )
    )
    assert 850 <= beds[VALLOMBRE] <= 950 and 220 <= beds[ROCHEBRUNE] <= 280
    occupancy = rows(
        db,
        "SELECT establishment_id, period, sum(bed_days) / sum(installed_beds * days_in(period)) "
        "FROM activity GROUP BY 1, 2",
    )
    assert len(occupancy) == 92
    assert all(0.80 <= rate <= 0.95 for *_, rate in occupancy), min(r for *_, r in occupancy)


def test_lengths_of_stay_and_ip_dms_are_plausible_in_mco_poles(db):
    by_pole_year = rows(
        db,
        "SELECT establishment_id, pole, left(period, 4), sum(bed_days) / sum(stays_full), "
        "sum(bed_days) / sum(expected_bed_days) FROM activity "
        f"WHERE pole IN {MCO_POLES} AND stays_full > 0 GROUP BY 1, 2, 3",
    )
    assert len(by_pole_year) == (4 + 2) * 4
    for est_id, pole, year, alos, ip_dms in by_pole_year:
        assert 4.0 <= alos <= 7.0, (est_id, pole, year, alos)
        assert 0.9 <= ip_dms <= 1.1, (est_id, pole, year, ip_dms)


def test_er_births_and_surgery_belong_to_their_services(db):
    [(er_elsewhere, births_elsewhere)] = rows(
        db,
        "SELECT sum(er_visits) FILTER (service <> 'Urgences'), "
        "sum(births) FILTER (service <> 'Maternité') FROM activity",
    )
    assert er_elsewhere == 0 and births_elsewhere == 0
    monthly = dict(
        rows(
            db,
            "SELECT establishment_id, avg(v) FROM (SELECT establishment_id, period, "
            "sum(er_visits) v FROM activity GROUP BY 1, 2) GROUP BY 1",
        )
    )
    assert 5000 <= monthly[VALLOMBRE] <= 6500
    [(births, er_rate, ambulatory_rate)] = rows(
        db,
        "SELECT sum(births) / 46, sum(er_admissions) / sum(er_visits), "
        "sum(ambulatory_surgeries) / sum(surgeries) FROM activity "
        f"WHERE establishment_id = '{VALLOMBRE}'",
    )
    assert 130 <= births <= 170 and 0.20 <= er_rate <= 0.25 and 0.40 <= ambulatory_rate <= 0.60


def test_yearly_absenteeism_and_turnover_are_plausible(db):
    for est_id, year, absenteeism, turnover in rows(
        db,
        "SELECT establishment_id, left(period, 4) y, sum(absence_days) / sum(theoretical_days), "
        "(sum(hires) + sum(departures)) / 2 / (sum(headcount) / count(DISTINCT period)) "
        "* 12 / count(DISTINCT period) FROM hr GROUP BY 1, 2",
    ):
        assert 0.06 <= absenteeism <= 0.12, (est_id, year, absenteeism)
        assert 0.10 <= turnover <= 0.15, (est_id, year, turnover)


def test_budget_staff_share_and_result_are_plausible_every_year(db):
    yearly = rows(
        db,
        """
        WITH f AS (
          SELECT establishment_id, left(period, 4) y,
            sum(actual_eur) FILTER (section = 'charges') expenses,
            sum(budget_eur) FILTER (section = 'charges') budget,
            sum(actual_eur) FILTER (section = 'charges' AND titre = '1') staff,
            sum(actual_eur) FILTER (section = 'produits') revenue
          FROM finance GROUP BY 1, 2),
        h AS (SELECT establishment_id, left(period, 4) y, sum(payroll_cost_eur) payroll
              FROM hr GROUP BY 1, 2)
        SELECT establishment_id, y, expenses / budget, staff / expenses,
               (revenue - expenses) / revenue, staff / payroll, revenue
        FROM f JOIN h USING (establishment_id, y)
        """,
    )
    assert len(yearly) == 8
    for est_id, year, execution, staff_share, result, staff_to_payroll, revenue in yearly:
        where = (est_id, year)
        assert 0.97 <= execution <= 1.03, where
        assert 0.60 <= staff_share <= 0.65, where
        assert -0.03 <= result <= 0.03, where
        assert 1.0 <= staff_to_payroll <= 1.05, where
        if est_id == VALLOMBRE and year != "2026":
            assert 250e6 <= revenue <= 350e6


def test_treasury_cash_days_and_debt_repayment(db):
    cash_days = rows(
        db,
        "SELECT t.cash_eur / (f.expenses * 12 / 365) FROM treasury t JOIN (SELECT period, "
        "sum(actual_eur) expenses FROM finance WHERE section = 'charges' AND establishment_id = "
        f"'{VALLOMBRE}' GROUP BY 1) f USING (period) WHERE t.establishment_id = '{VALLOMBRE}'",
    )
    assert all(12 <= days <= 33 for (days,) in cash_days)
    debt = [
        d
        for (d,) in rows(
            db,
            "SELECT debt_outstanding_eur FROM treasury "
            f"WHERE establishment_id = '{VALLOMBRE}' ORDER BY period",
        )
    ]
    assert all(later < earlier for earlier, later in zip(debt, debt[1:], strict=False))
    [(mismatches,)] = rows(
        db,
        "SELECT count(*) FROM treasury t JOIN finance f USING (period, establishment_id) "
        "WHERE f.account = '6811' AND abs(f.actual_eur - t.depreciation_eur) > 0.01",
    )
    assert mismatches == 0


def test_winter_raises_er_visits_and_summer_lowers_surgery(db):
    by_month = dict(
        rows(
            db,
            "SELECT right(period, 2), sum(er_visits) / count(DISTINCT period) "
            "FROM activity GROUP BY 1",
        )
    )
    assert by_month["01"] > 1.05 * by_month["05"]
    surgeries = dict(
        rows(
            db,
            "SELECT right(period, 2), sum(surgeries) / count(DISTINCT period) "
            "FROM activity GROUP BY 1",
        )
    )
    assert surgeries["08"] < 0.85 * surgeries["05"]
    absenteeism = dict(
        rows(
            db,
            "SELECT right(period, 2), sum(absence_days) / sum(theoretical_days) FROM hr GROUP BY 1",
        )
    )
    assert absenteeism["08"] > absenteeism["05"] and absenteeism["01"] > absenteeism["05"]


def _pole_figure(db, sql_value: str, table: str, est_id: str, pole: str | None) -> dict:
    pole_filter = f"AND pole = '{pole}'" if pole else ""
    return dict(
        rows(
            db,
            f"SELECT period, {sql_value} FROM {table} WHERE establishment_id = '{est_id}' "
            f"{pole_filter} GROUP BY 1",
        )
    )


def test_anomaly_vallombre_emergency_interim_spikes_in_autumn_2026(db):
    interim = _pole_figure(db, "sum(interim_cost_eur)", "hr", VALLOMBRE, "Urgences-Réanimation")
    for month in ("08", "09", "10"):
        assert interim[f"2026-{month}"] > 2 * interim[f"2025-{month}"]


def test_anomaly_rochebrune_surgery_falls_with_a_closed_operating_room(db):
    occupancy = _pole_figure(
        db,
        "sum(bed_days) / sum(installed_beds * days_in(period))",
        "activity",
        ROCHEBRUNE,
        "Chirurgie",
    )
    surgeries = _pole_figure(db, "sum(surgeries)", "activity", ROCHEBRUNE, "Chirurgie")
    for month in ("09", "10"):
        assert occupancy[f"2026-{month}"] < 0.6 < 0.75 < occupancy[f"2025-{month}"]
        assert surgeries[f"2026-{month}"] < 0.7 * surgeries[f"2025-{month}"]


def test_anomaly_vallombre_geriatrics_absenteeism_surges_in_october_2026(db):
    absenteeism = _pole_figure(
        db, "sum(absence_days) / sum(theoretical_days)", "hr", VALLOMBRE, "Gériatrie"
    )
    assert absenteeism["2026-10"] > 0.18 > 0.13 > absenteeism["2025-10"]


def test_anomaly_vallombre_general_expenses_drift_above_budget_in_2026(db):
    general = dict(
        rows(
            db,
            "SELECT left(period, 4), sum(actual_eur) / sum(budget_eur) FROM finance "
            f"WHERE establishment_id = '{VALLOMBRE}' AND section = 'charges' "
            "AND titre = '3' GROUP BY 1",
        )
    )
    assert general["2026"] > 1.05 and general["2025"] < 1.03


def test_targets_cover_the_key_metrics_per_establishment_year_and_pole(db):
    found = rows(
        db,
        "SELECT establishment_id, year, list(DISTINCT metric) FROM targets "
        "WHERE pole IS NULL GROUP BY 1, 2",
    )
    assert len(found) == 8
    for est_id, year, metrics in found:
        assert set(metrics) >= TARGET_METRICS, (est_id, year)
    [(with_period,)] = rows(db, "SELECT count(*) FROM targets WHERE period IS NOT NULL")
    assert with_period == 0
    poles = rows(
        db,
        "SELECT DISTINCT pole FROM targets WHERE establishment_id = "
        f"'{VALLOMBRE}' AND metric = 'bed_occupancy_rate' AND pole IS NOT NULL",
    )
    assert len(poles) == 6  # every Vallombre pole with beds
    [(occupancy_target,)] = rows(
        db, "SELECT max(target) FROM targets WHERE metric = 'bed_occupancy_rate'"
    )
    assert occupancy_target < 1  # rates are fractions


def test_target_directions_are_those_of_the_catalog():
    from cockpit.catalog.loader import load_catalog

    catalog = load_catalog(ROOT / "queries")
    for metric, direction in DIRECTIONS.items():
        if metric in catalog.metrics:
            assert catalog.metrics[metric].direction == direction, metric


def test_a_group_of_30_is_about_15_times_the_demo_and_keeps_it(demo_dir, tmp_path):
    counts = write_demo(tmp_path, 30)
    default_rows = sum(
        len((demo_dir / f"{kind}.csv").read_text(encoding="utf-8").splitlines()) - 1
        for kind in CONTRACTS
    )
    assert 12 <= sum(counts.values()) / default_rows <= 18
    con = duckdb.connect()
    structure = con.execute(
        f"SELECT establishment_id, establishment FROM read_csv('{tmp_path}/structure.csv', "
        "types = {'establishment_id': 'VARCHAR'}) GROUP BY ALL"
    ).fetchall()
    ids = [i for i, _ in structure]
    assert len(structure) == 30 and len(set(ids)) == 30 and len({n for _, n in structure}) == 30
    assert all(re.fullmatch(r"99\d{7}", i) for i in ids)
    default_activity = (demo_dir / "activity.csv").read_text(encoding="utf-8").splitlines()
    group_activity = (tmp_path / "activity.csv").read_text(encoding="utf-8").splitlines()
    demo_lines = [line for line in group_activity if line.split(",")[1] in (VALLOMBRE, ROCHEBRUNE)]
    assert demo_lines == default_activity[1:]


def test_cli_demo_writes_the_files_and_prints_a_summary(tmp_path, monkeypatch):
    import typer.main
    from click.testing import CliRunner

    from cockpit.cli import app, demo_cmd  # noqa: F401  (importing registers the command)

    cli = typer.main.get_group(app)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["demo", "--out", "out"])
    assert result.exit_code == 0, result.output
    assert "activity.csv" in result.output and "total" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{kind}.csv" for kind in CONTRACTS
    )
    assert CliRunner().invoke(cli, ["demo", "--establishments", "1"]).exit_code != 0
    assert CliRunner().invoke(cli, ["demo"]).exit_code == 0
    assert (tmp_path / "data" / "demo" / "activity.csv").exists()
