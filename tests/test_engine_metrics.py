"""Every metric of the catalog against an independent pandas reading of its definition file
(`engine_reference.py`) on the hand-made fixture: a new metric file is tested with no code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from engine_fixture import E1, E2, write_warehouse
from engine_reference import Reference

from cockpit.catalog import load_catalog
from cockpit.engine import Engine, Perimeter, QueryPlan
from cockpit.periods import Period, parse_month

QUERIES = Path(__file__).resolve().parent.parent / "queries"
EVERYTHING = Perimeter.everything()

PERIODS = {
    "leap_february": ("2024-02", "2024-02"),
    "quarter": ("2024-01", "2024-03"),
    "year": ("2024-01", "2024-12"),
    "across_years": ("2023-11", "2024-04"),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("engine") / "cockpit.duckdb"
    data = write_warehouse(path)
    return path, data


@pytest.fixture(scope="module")
def engine(warehouse):
    return Engine(warehouse[0], QUERIES)


CATALOG = load_catalog(QUERIES)


@pytest.fixture(scope="module")
def reference(warehouse):
    return Reference(warehouse[1], CATALOG)


def _cases():
    for metric in sorted(CATALOG.metrics):
        for name in PERIODS:
            yield pytest.param(metric, name, id=f"{metric}-{name}")


def _approx(expected):
    return None if expected is None else pytest.approx(expected, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(("metric", "period_name"), list(_cases()))
def test_metric_matches_independent_computation(engine, reference, metric, period_name):
    start, end = PERIODS[period_name]
    for filters in ({}, {"establishment": E2}):
        plan = QueryPlan.build(metric, Period.parse(start, end), filters=filters)
        expected = reference.value(metric, parse_month(start), parse_month(end), filters)
        assert engine.run(plan, EVERYTHING).value == _approx(expected), filters


@pytest.mark.parametrize(
    "metric",
    [
        "admissions",
        "bed_occupancy_rate",
        "fte_paid",
        "absenteeism_rate",
        "staff_expenses",
        "staff_cost_share",
        "t2a_per_fte",
        "turnover_rate",
        "expense_execution_rate",
    ],
)
def test_pole_filter_matches_independent_computation(engine, reference, metric):
    start, end = date(2024, 1, 1), date(2024, 6, 1)
    plan = QueryPlan.build(metric, Period(start, end), filters={"pole": "Médecine"})
    expected = reference.value(metric, start, end, {"pole": "Médecine"})
    assert engine.run(plan, EVERYTHING).value == _approx(expected)


def test_leap_february_uses_29_days(engine, warehouse):
    activity = warehouse[1]["activity"]
    february = activity[activity.period == date(2024, 2, 1)]
    expected = february.bed_days.sum() / (february.installed_beds.sum() * 29)
    plan = QueryPlan.build("bed_occupancy_rate", Period.parse("2024-02"))
    assert engine.run(plan, EVERYTHING).value == pytest.approx(expected)


def test_ratio_over_months_is_a_ratio_of_sums_not_a_mean_of_ratios(engine, warehouse):
    activity = warehouse[1]["activity"]
    q1 = activity[(activity.period >= date(2024, 1, 1)) & (activity.period <= date(2024, 3, 1))]
    ratio_of_sums = q1.bed_days.sum() / q1.stays_full.sum()
    monthly = q1.groupby("period").apply(lambda g: g.bed_days.sum() / g.stays_full.sum())
    assert ratio_of_sums != pytest.approx(monthly.mean(), rel=1e-6)
    plan = QueryPlan.build("alos", Period.parse("2024-01", "2024-03"))
    assert engine.run(plan, EVERYTHING).value == pytest.approx(ratio_of_sums)


@pytest.mark.parametrize(
    "metric",
    ["admissions", "alos", "fte_paid", "cash", "days_of_cash", "operating_result", "turnover_rate"],
)
@pytest.mark.parametrize("grain", ["month", "quarter", "year"])
def test_series_buckets_equal_single_figures(engine, metric, grain):
    period = Period.parse("2024-01", "2024-12")
    series = engine.run(QueryPlan.build(metric, period, grain=grain), EVERYTHING)
    span = {"month": 1, "quarter": 3, "year": 12}[grain]
    assert len(series.rows) == 12 // span
    for index, row in enumerate(series.rows):
        start = date(2024, 1 + index * span, 1)
        bucket = Period(start, date(2024, index * span + span, 1))
        single = engine.run(QueryPlan.build(metric, bucket), EVERYTHING)
        assert row["value"] == _approx(single.value), row["period"]
    labels = [r["period"] for r in series.rows]
    assert labels[0] == {"month": "2024-01", "quarter": "2024-Q1", "year": "2024"}[grain]


@pytest.mark.parametrize(
    "metric", ["admissions", "bed_occupancy_rate", "fte_paid", "staff_cost_share"]
)
def test_group_by_pole_equals_each_pole_filtered(engine, metric):
    period = Period.parse("2024-01", "2024-03")
    grouped = engine.run(QueryPlan.build(metric, period, group_by=["pole"]), EVERYTHING)
    poles = [r["pole"] for r in grouped.rows]
    # Finance keeps the institution-level rows (no pole) as their own group.
    assert poles in (["Chirurgie", "Médecine"], ["Chirurgie", "Médecine", None])
    for row in grouped.rows[:2]:
        single = engine.run(
            QueryPlan.build(metric, period, filters={"pole": row["pole"]}), EVERYTHING
        )
        assert row["value"] == _approx(single.value)


def test_group_by_establishment_shows_names(engine):
    result = engine.run(
        QueryPlan.build("cash", Period.parse("2024-06"), group_by=["establishment"]), EVERYTHING
    )
    assert {r["establishment"] for r in result.rows} == {"CH de Vallombre", "CH de Rochebrune"}


def test_establishment_filter_accepts_name_or_finess(engine):
    period = Period.parse("2024-06")
    by_name = engine.run(
        QueryPlan.build("admissions", period, filters={"establishment": "CH de Rochebrune"}),
        EVERYTHING,
    )
    by_id = engine.run(
        QueryPlan.build("admissions", period, filters={"establishment": E2}), EVERYTHING
    )
    assert by_name.value == by_id.value == 100 + 20 + 17


@pytest.mark.parametrize(
    "metric",
    [
        "admissions",
        "bed_occupancy_rate",
        "cash",
        "days_of_cash",
        "fte_paid",
        "self_financing_capacity",
    ],
)
def test_previous_year_comparison_is_the_same_period_a_year_earlier(engine, metric):
    result = engine.run(
        QueryPlan.build(metric, Period.parse("2024-12"), compare="previous_year"), EVERYTHING
    )
    last_year = engine.run(QueryPlan.build(metric, Period.parse("2023-12")), EVERYTHING)
    row = result.single_row
    assert row["compare_value"] == _approx(last_year.value)
    assert row["delta"] == pytest.approx(row["value"] - last_year.value)


def test_previous_year_series_is_aligned_month_by_month(engine):
    result = engine.run(
        QueryPlan.build(
            "er_visits", Period.parse("2024-01", "2024-12"), grain="month", compare="previous_year"
        ),
        EVERYTHING,
    )
    for index, row in enumerate(result.rows):
        assert row["value"] == 300 + 12 + index
        assert row["compare_value"] == 300 + index


def test_budget_comparison(engine, warehouse):
    finance = warehouse[1]["finance"]
    q1 = finance[(finance.period <= date(2024, 3, 1)) & (finance.period >= date(2024, 1, 1))]
    charges = q1[q1.section == "charges"]
    result = engine.run(
        QueryPlan.build("total_expenses", Period.parse("2024-01", "2024-03"), compare="budget"),
        EVERYTHING,
    )
    assert result.single_row["compare_value"] == pytest.approx(charges.budget_eur.sum())
    assert result.value == pytest.approx(charges.actual_eur.sum())


def test_target_and_status_from_the_targets_extract(engine):
    plan = QueryPlan.build(
        "bed_occupancy_rate",
        Period.parse("2024-03"),
        filters={"establishment": E1},
        compare="target",
    )
    row = engine.run(plan, EVERYTHING).single_row
    assert row["target"] == 0.85
    assert row["compare_value"] == 0.85
    gap = abs(row["value"] - 0.85)
    assert row["status"] == ("green" if gap <= 0.05 else "amber" if gap <= 0.10 else "red")


def test_monthly_flow_targets_scale_with_months_and_add_up_across_establishments(engine):
    quarter = Period.parse("2024-01", "2024-03")
    one = engine.run(
        QueryPlan.build("admissions", quarter, filters={"establishment": E1}), EVERYTHING
    )
    assert one.single_row["target"] == pytest.approx(230 * 3)
    group = engine.run(QueryPlan.build("admissions", quarter), EVERYTHING)
    assert group.single_row["target"] == pytest.approx((230 + 130) * 3)
    pole = engine.run(
        QueryPlan.build("admissions", quarter, filters={"establishment": E1, "pole": "Médecine"}),
        EVERYTHING,
    )
    assert pole.single_row["target"] == pytest.approx(110 * 3)


def test_month_specific_target_wins_over_the_year(engine):
    plan = QueryPlan.build(
        "absenteeism_rate", Period.parse("2024-03"), filters={"establishment": E1}
    )
    row = engine.run(plan, EVERYTHING).single_row
    assert row["target"] == 0.02
    value = row["value"]
    assert row["status"] == ("green" if value <= 0.03 else "amber" if value <= 0.04 else "red")
    april = engine.run(
        QueryPlan.build("absenteeism_rate", Period.parse("2024-04"), filters={"establishment": E1}),
        EVERYTHING,
    )
    assert april.single_row["target"] is None  # no year row: the definition's thresholds
    assert april.single_row["status"] == "green"  # ≤ 0.08


def test_default_thresholds_apply_without_targets(engine):
    row = engine.run(QueryPlan.build("ip_dms", Period.parse("2024-03")), EVERYTHING).single_row
    value = row["value"]
    assert row["status"] == ("green" if value <= 1.0 else "amber" if value <= 1.05 else "red")
    # ALOS depends on the case mix: no default, so no status without a target.
    alos = engine.run(QueryPlan.build("alos", Period.parse("2024-03")), EVERYTHING).single_row
    assert alos["status"] is None


def test_missing_months_are_reported_not_invented(engine):
    result = engine.run(QueryPlan.build("admissions", Period.parse("2025-01")), EVERYTHING)
    assert result.value is None
    assert any("no data after 2024-12" in note for note in result.notes)


def test_debt_payback_has_no_value_without_twelve_months_of_history(engine):
    result = engine.run(QueryPlan.build("debt_payback_years", Period.parse("2023-06")), EVERYTHING)
    assert result.value is None
