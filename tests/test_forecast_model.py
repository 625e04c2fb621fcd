"""The model on synthetic series (calibration of its interval, a burst at the end, signed
flows), the formula of landed parts, and which metrics break down into flows."""

from __future__ import annotations

import numpy as np
import pytest

from cockpit.catalog import load_catalog
from cockpit.config import PROJECT_ROOT
from cockpit.forecast.composition import Flow, compose
from cockpit.forecast.errors import NotLandable
from cockpit.forecast.formula import evaluate
from cockpit.forecast.model import project

SEASON = np.array([1.1, 1.0, 1.05, 0.95, 0.9, 0.85, 0.7, 0.65, 0.9, 1.0, 1.05, 1.2])


def _series(rng: np.random.Generator, years: int, noise: float) -> np.ndarray:
    months = np.arange(12 * years)
    trend = 1.02 ** (months / 12)
    return 1000 * SEASON[months % 12] * trend * np.exp(rng.normal(0, noise, len(months)))


@pytest.mark.parametrize("history_years", [1, 2])
def test_the_80_percent_interval_holds_the_rest_of_the_year_about_80_percent_of_the_time(
    history_years,
):
    rng = np.random.default_rng(7)
    held = []
    for _ in range(300):
        series = _series(rng, history_years + 1, noise=0.05)
        known = 12 * history_years + 6
        projection = project(series[:known], 6)
        totals = projection.draws(2000, rng).sum(axis=1)
        low, high = np.percentile(totals, [10, 90])
        held.append(low <= series[known:].sum() <= high)
    assert 0.72 <= np.mean(held) <= 0.9


def test_a_burst_at_the_end_of_a_short_history_fades_instead_of_exploding():
    rng = np.random.default_rng(3)
    series = _series(rng, 3, noise=0.02)[:26]
    series[-2:] *= [1.4, 1.6]  # a severe flu in January and February
    ahead = project(series, 10).point()
    same_months_last_year = series[14:24]
    assert np.all(ahead < 1.6 * same_months_last_year)
    assert ahead[-1] / same_months_last_year[-1] < ahead[0] / same_months_last_year[0]


def test_a_flow_that_crosses_zero_is_projected_on_its_own_scale():
    rng = np.random.default_rng(5)
    result = rng.normal(0, 100, 30) + np.tile([50, -20, 10] * 4, 3)[:30]
    projection = project(result, 6)
    assert not projection.log
    assert np.all(np.isfinite(projection.point()))


def test_one_change_gives_a_value_but_no_interval():
    projection = project(np.append(1000 * SEASON, 1.1 * 1000 * SEASON[0]), 11)
    assert projection.draws(10, np.random.default_rng(0)) is None
    assert projection.point() == pytest.approx(1.1 * 1000 * SEASON[1:])


def test_a_formula_of_landed_parts_is_evaluated_draw_by_draw_like_sql():
    values = {"revenue": np.array([10.0, np.nan, 0.0]), "expenses": np.array([8.0, 5.0, 1.0])}
    result = evaluate("coalesce(revenue, 0) - expenses", values)
    assert result.tolist() == [2.0, -5.0, -1.0]
    margin = evaluate("(revenue - expenses) / revenue", values)
    assert margin[0] == pytest.approx(0.2)
    assert np.isnan(margin[1]) and np.isnan(margin[2])  # NULL, and a division by zero


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(PROJECT_ROOT / "queries")


def test_ratios_and_formulas_break_down_into_flows(catalog):
    parts = (Flow("alos", "numerator"), Flow("alos", "denominator"))
    assert compose(catalog, "alos").flows == parts
    flows = set(compose(catalog, "self_financing_capacity").flows)
    assert flows == {Flow("total_revenue"), Flow("total_expenses"), Flow("treasury_depreciation")}


@pytest.mark.parametrize(
    ("metric", "reason"),
    [("cash", "value at the end"), ("days_of_cash", "computed from cash"),
     ("debt_payback_years", "trailing 12 months"), ("t2a_per_fte", "care_fte_paid")],
)  # fmt: skip
def test_what_does_not_add_up_over_months_says_why(catalog, metric, reason):
    with pytest.raises(NotLandable, match=reason):
        compose(catalog, metric)
