"""A ratio's numerator and denominator read as flows (what a year-end landing projects)."""

from __future__ import annotations

import pytest
from engine_fixture import E1, fixture_engine

from cockpit.engine import Perimeter, QueryError, QueryPlan
from cockpit.periods import Period

YEAR = Period.parse("2024-01", "2024-12")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return fixture_engine(tmp_path_factory.mktemp("parts"))


def _by_month(result):
    return {(r["period"], r.get("pole")): r["value"] for r in result.rows}


def test_parts_of_a_ratio_divide_back_into_the_ratio_month_by_month(engine):
    plan = QueryPlan.build("bed_occupancy_rate", YEAR, grain="month", group_by=["pole"])
    ratio = _by_month(engine.run(plan, Perimeter()))
    numerator = _by_month(engine.run_part(plan, "numerator", Perimeter()))
    denominator = _by_month(engine.run_part(plan, "denominator", Perimeter()))
    assert ratio.keys() == numerator.keys() == denominator.keys()
    for key, value in ratio.items():
        assert numerator[key] / denominator[key] == pytest.approx(value)


def test_a_part_is_summed_over_the_period_like_a_flow(engine):
    monthly = QueryPlan.build("alos", YEAR, grain="month")
    whole = QueryPlan.build("alos", YEAR)
    months = sum(r["value"] for r in engine.run_part(monthly, "numerator", Perimeter()).rows)
    assert engine.run_part(whole, "numerator", Perimeter()).value == pytest.approx(months)
    bed_days = engine.run(QueryPlan.build("bed_days", YEAR), Perimeter()).value
    assert months == pytest.approx(bed_days)


def test_a_part_stays_inside_the_perimeter(engine):
    plan = QueryPlan.build("bed_occupancy_rate", YEAR, group_by=["establishment", "pole"])
    perimeter = Perimeter(establishment_id=E1, pole="Chirurgie")
    rows = engine.run_part(plan, "numerator", perimeter).rows
    assert rows and {r["pole"] for r in rows} == {"Chirurgie"}


@pytest.mark.parametrize(
    ("metric", "part"), [("admissions", "numerator"), ("alos", "share"), ("cash", "denominator")]
)
def test_only_a_ratio_has_parts(engine, metric, part):
    with pytest.raises(QueryError, match="part"):
        engine.run_part(QueryPlan.build(metric, YEAR), part, Perimeter())
