"""A pole manager's landing and seasonal alerts cover only their pole."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine, Perimeter, PerimeterDenied, QueryError
from cockpit.forecast import land, seasonal_alerts

ROCHEBRUNE = "990000020"
SURGERY = Perimeter(establishment_id=ROCHEBRUNE, pole="Chirurgie")


@pytest.fixture(scope="module")
def engine(demo_warehouse):
    return Engine(demo_warehouse, PROJECT_ROOT / "queries")


@pytest.mark.parametrize("metric", ["admissions", "bed_occupancy_rate", "staff_expenses"])
def test_a_pole_managers_landing_is_their_poles(engine, metric):
    own = land(engine, metric, SURGERY, 2026)
    pole = land(engine, metric, Perimeter.everything(), 2026,
                filters={"establishment": ROCHEBRUNE, "pole": "Chirurgie"})  # fmt: skip
    whole = land(engine, metric, Perimeter.everything(), 2026)
    assert (own.value, own.low, own.high, own.actual_to_date) == (
        pole.value, pole.low, pole.high, pole.actual_to_date)  # fmt: skip
    assert own.value != whole.value


def test_another_pole_is_refused_to_a_pole_manager(engine):
    with pytest.raises(PerimeterDenied):
        land(engine, "admissions", SURGERY, 2026, filters={"pole": "Médecine"})


def test_a_figure_only_known_for_the_whole_establishment_is_refused_in_a_pole(engine):
    with pytest.raises(QueryError, match="whole establishment"):
        land(engine, "self_financing_capacity", SURGERY, 2026)


def test_a_pole_managers_seasonal_alerts_are_all_in_their_pole(engine):
    alerts = seasonal_alerts(engine, SURGERY, date(2026, 9, 1))
    assert alerts
    for alert in alerts:
        scope = dict(alert.scope)
        assert scope["establishment"] == "CH de Rochebrune"
        assert scope["pole"] == "Chirurgie"
    assert any(a.metric.id == "surgeries" and a.severity in ("red", "amber") for a in alerts)


def test_another_poles_alerts_stay_out_of_a_pole_managers_list(engine):
    everything = seasonal_alerts(engine, Perimeter.everything(), date(2026, 10, 1))
    elsewhere = [a for a in everything if dict(a.scope).get("pole") == "Gériatrie"]
    assert elsewhere  # the absenteeism wave of Vallombre's geriatrics
    own = seasonal_alerts(engine, SURGERY, date(2026, 10, 1))
    assert not [a for a in own if dict(a.scope).get("pole") != "Chirurgie"]
