"""The backtest on the demo hospital: every past year replayed month by month."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine, Perimeter
from cockpit.forecast import backtest, land


@pytest.fixture(scope="module")
def engine(demo_warehouse):
    return Engine(demo_warehouse, PROJECT_ROOT / "queries")


@pytest.fixture(scope="module")
def replayed(engine):
    return backtest(engine, [m.id for m in engine.metrics()], Perimeter.everything())


def test_the_80_percent_interval_holds_the_real_year_in_at_least_70_percent_of_cases(replayed):
    coverage, cases = replayed.coverage()
    assert cases > 500
    assert coverage >= 0.70


@pytest.mark.parametrize("group", ["finance flows", "activity counts"])
def test_the_landing_at_the_end_of_september_is_within_3_percent(replayed, group):
    assert replayed.mape("model", 9, group) < 0.03


def test_every_complete_year_with_a_year_before_it_is_replayed_month_by_month(replayed):
    years = {(c.year, c.month) for c in replayed.cases if c.metric == "admissions"}
    assert years == {(y, m) for y in (2024, 2025) for m in range(1, 12)}


def test_a_replayed_landing_is_what_land_said_with_the_data_of_that_month(engine, replayed):
    case = next(c for c in replayed.cases if (c.metric, c.year, c.month) == ("alos", 2025, 4))
    landing = land(engine, "alos", Perimeter.everything(), 2025, date(2025, 4, 1))
    assert (landing.value, landing.low, landing.high) == (case.value, case.low, case.high)
    assert landing.reference == case.reference
    assert case.actual == land(engine, "alos", Perimeter.everything(), 2025).value


def test_stocks_are_reported_as_refused_not_replayed(engine):
    result = backtest(engine, ["installed_beds", "admissions"], Perimeter.everything(), months=[6])
    assert "installed_beds" in result.refused
    assert {c.metric for c in result.cases} == {"admissions"}
