"""Seasonal alerts on the demo: its documented anomalies are found by the method, a new one
planted in a copy of the extracts and ingested through `cockpit ingest` is flagged, and the
severity follows the metric's direction."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date

import pandas as pd
import pytest

from cockpit.config import PROJECT_ROOT
from cockpit.demo.anomalies import ANOMALIES
from cockpit.engine import Engine, Perimeter
from cockpit.forecast import scan, seasonal_alerts
from cockpit.forecast.seasonal import severity_of
from cockpit.periods import month_label

NAMES = {"990000012": "CH de Vallombre", "990000020": "CH de Rochebrune"}


@pytest.fixture(scope="module")
def engine(demo_warehouse):
    return Engine(demo_warehouse, PROJECT_ROOT / "queries")


@pytest.fixture(scope="module")
def alerts_2026(engine):
    planted = sorted({a.shows_in[0] for a in ANOMALIES})
    return scan(engine, Perimeter.everything(), date(2026, 1, 1), date(2026, 10, 1), planted)


def _scope(anomaly) -> dict[str, str]:
    scope = {"establishment": NAMES[anomaly.finess]}
    return scope | ({"pole": anomaly.pole} if anomaly.pole else {})


def _flagged_months(alerts, anomaly) -> set[str]:
    return {
        month_label(a.period)
        for a in alerts
        if a.metric.id == anomaly.shows_in[0] and dict(a.scope) == _scope(anomaly)
    }


@pytest.mark.parametrize("anomaly", [a for a in ANOMALIES if len(a.factors) <= 3],
                         ids=lambda a: a.shows_in[0])  # fmt: skip
def test_each_planted_anomaly_is_flagged_on_every_one_of_its_months(alerts_2026, anomaly):
    assert _flagged_months(alerts_2026, anomaly) >= set(anomaly.factors)


def test_the_slow_drift_of_general_expenses_is_flagged_once_it_stands_out(alerts_2026):
    drift = next(a for a in ANOMALIES if a.shows_in[0] == "general_expenses")
    assert _flagged_months(alerts_2026, drift) & {"2026-08", "2026-09", "2026-10"}


def test_an_anomaly_in_the_bad_direction_is_red_or_amber_and_says_so(alerts_2026):
    interim = next(a for a in alerts_2026 if a.metric.id == "interim_cost"
                   and dict(a.scope) == {"establishment": "CH de Vallombre",
                                         "pole": "Urgences-Réanimation"})  # fmt: skip
    assert interim.severity == "red"
    assert interim.observed > 2 * interim.expected
    payload = interim.as_json("fr")
    assert payload["kind"] == "seasonal"
    assert {"metric", "scope", "period", "observed", "expected", "severity"} <= payload.keys()
    assert (
        "au-dessus des" in payload["sentence"] and "attendus pour la saison" in payload["sentence"]
    )
    assert "above the" in interim.sentence("en")


@pytest.mark.parametrize(
    ("direction", "departure", "severity"),
    [("higher_is_better", -6, "red"), ("higher_is_better", -4, "amber"),
     ("higher_is_better", 6, "info"), ("lower_is_better", 4, "amber"),
     ("lower_is_better", -9, "info"), ("target_band", -4, "amber"),
     ("lower_is_better", 3, None)],
)  # fmt: skip
def test_severity_follows_the_direction_of_the_metric(direction, departure, severity):
    assert severity_of(direction, departure) == severity


def test_a_month_within_the_season_raises_nothing(engine):
    quiet = seasonal_alerts(engine, Perimeter.everything(), date(2026, 5, 1), ["interim_cost"])
    assert not [a for a in quiet if a.severity in ("red", "amber") and len(a.scope) < 3]


def test_an_anomaly_planted_in_the_extracts_and_ingested_is_flagged(demo_warehouse, tmp_path):
    extracts = tmp_path / "extracts"
    shutil.copytree(demo_warehouse.parent / "extracts", extracts)
    hr = pd.read_csv(extracts / "hr.csv", dtype={"establishment_id": str})
    where = (
        (hr["period"] == "2026-05")
        & (hr["establishment_id"] == "990000012")
        & (hr["pole"] == "Psychiatrie")
    )
    hr.loc[where, "overtime_hours"] = (hr.loc[where, "overtime_hours"] * 1.8).round(1)
    hr.to_csv(extracts / "hr.csv", index=False)
    db = tmp_path / "planted.duckdb"
    files = [str(p) for p in sorted(extracts.glob("*.csv"))]
    subprocess.run([sys.executable, "-m", "cockpit", "ingest", "--db", str(db), *files],
                   check=True, capture_output=True, cwd=PROJECT_ROOT)  # fmt: skip
    scope = {"establishment": "CH de Vallombre", "pole": "Psychiatrie"}

    def flagged(warehouse):
        engine = Engine(warehouse, PROJECT_ROOT / "queries")
        found = seasonal_alerts(engine, Perimeter.everything(), date(2026, 5, 1),
                                ["overtime_hours"])  # fmt: skip
        return [a for a in found if dict(a.scope) == scope]

    assert not flagged(demo_warehouse)
    [alert] = flagged(db)
    assert alert.severity in ("red", "amber")  # more overtime is the bad direction
    assert alert.observed == pytest.approx(1.8 * alert.expected, rel=0.15)


def test_a_sentence_never_prints_the_observed_and_expected_figures_alike(engine):
    general = seasonal_alerts(engine, Perimeter.everything(), date(2026, 10, 1),
                              ["general_expenses"])  # fmt: skip
    [pole] = [a for a in general if dict(a.scope).get("pole") == "Médecine"]
    assert pole.observed < 1e6  # « 0,2 M€ » for both in the metric's own format
    assert "235,6\u00a0k€" in pole.sentence("fr") and "217,7\u00a0k€" in pole.sentence("fr")
