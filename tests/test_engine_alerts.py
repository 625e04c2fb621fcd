"""Threshold and budget alerts on the demo hospital, with the fields of SPEC §6."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine, Perimeter, PerimeterDenied, QueryPlan
from cockpit.engine.alerts import month_alerts
from cockpit.periods import Period

OCTOBER = date(2026, 10, 1)
FIELDS = {"metric", "scope", "period", "observed", "expected", "kind", "severity", "sentence"}


@pytest.fixture(scope="module")
def engine(demo_warehouse):
    return Engine(demo_warehouse, PROJECT_ROOT / "queries")


def test_an_expense_over_its_budget_is_a_budget_alert(engine):
    found = {a.metric.id: a for a in month_alerts(engine, Perimeter.everything(), OCTOBER)}
    general = found["general_expenses"].as_json()
    assert general.keys() == FIELDS
    assert (general["kind"], general["period"]) == ("budget", "2026-10")
    assert general["observed"] > general["expected"] * 1.03 and general["severity"] == "red"
    assert "au-dessus du budget de" in general["sentence"]
    assert found["gross_margin_rate"].as_json("en")["kind"] == "threshold"
    assert "below the threshold of 6.0%" in found["gross_margin_rate"].sentence("en")


def test_alerts_come_worst_first_and_within_the_perimeter(engine):
    alerts = month_alerts(engine, Perimeter("990000012", "Chirurgie"), OCTOBER)
    severities = [a.figure.status for a in alerts]
    assert severities == sorted(severities, key=lambda s: s != "red")
    assert {a.scope["pole"] for a in alerts} == {"Chirurgie"}
    assert not {"operating_result", "gross_margin_rate"} & {a.metric.id for a in alerts}


def test_a_result_is_refused_within_a_pole_perimeter(engine):
    plan = QueryPlan.build("operating_result", Period.parse("2026-01", "2026-10"))
    with pytest.raises(PerimeterDenied, match="not allocated to poles"):
        engine.run(plan, Perimeter("990000012", "Chirurgie"))
