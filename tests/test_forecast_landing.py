"""Year-end landing on hand-made series whose answer is known, and the clear refusals."""

from __future__ import annotations

from datetime import date

import pytest
from forecast_fixture import CARDIO, ORTHO, ORTHO_2023, SEASON, steady, write

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine, Perimeter, QueryError
from cockpit.forecast import (
    BeyondData,
    HistoryTooShort,
    MissingMonths,
    NotLandable,
    land,
)

EVERYTHING = Perimeter.everything()


def _engine(path):
    return Engine(path, PROJECT_ROOT / "queries")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return _engine(write(tmp_path_factory.mktemp("landing") / "w.duckdb"))


def _ortho(engine, as_of):
    return land(engine, "admissions", EVERYTHING, 2024, as_of, {"service": ORTHO[1]})


def test_pro_rata_is_year_to_date_times_last_year_over_its_same_months(engine):
    landing = _ortho(engine, date(2024, 3, 1))
    # 110 + 120 + 130 = 360 so far; 2023 made 1,300, of which 300 by March.
    assert landing.actual_to_date == 360
    assert landing.reference == pytest.approx(360 * sum(ORTHO_2023) / 300)
    assert landing.reference == pytest.approx(1560)


def test_with_one_year_of_history_the_model_grows_last_year_like_the_pro_rata(engine):
    landing = _ortho(engine, date(2024, 3, 1))
    assert landing.method == "seasonal_model"
    assert landing.value == pytest.approx(landing.reference)
    assert landing.low < landing.value < landing.high


def test_a_steady_season_and_trend_is_landed_exactly(engine):
    landing = land(engine, "admissions", EVERYTHING, 2025, date(2025, 4, 1),
                   {"service": CARDIO[1]})  # fmt: skip
    truth = sum(steady(date(2025, m, 1)) for m in range(1, 13))
    assert landing.value == pytest.approx(truth)
    assert landing.reference == pytest.approx(truth)
    assert landing.low == pytest.approx(truth) and landing.high == pytest.approx(truth)
    assert landing.actual_to_date == pytest.approx(sum(SEASON[:4]) * 400 * 1.05**2)


def test_a_ratio_is_landed_through_its_numerator_and_denominator(engine):
    landing = land(engine, "bed_occupancy_rate", EVERYTHING, 2025, date(2025, 5, 1))
    parts = landing.parts
    numerator = parts["bed_occupancy_rate.numerator"]
    denominator = parts["bed_occupancy_rate.denominator"]
    assert landing.value == pytest.approx(numerator["value"] / denominator["value"])
    so_far = numerator["actual_to_date"] / denominator["actual_to_date"]
    assert landing.actual_to_date == pytest.approx(so_far)
    assert landing.low <= landing.value <= landing.high


def test_the_budget_is_the_full_year_budget_when_every_month_has_one(engine):
    landing = land(engine, "staff_expenses", EVERYTHING, 2024, date(2024, 6, 1))
    assert landing.budget == pytest.approx(12 * 1_050_000)
    partial = land(engine, "staff_expenses", EVERYTHING, 2025, date(2025, 6, 1))
    assert partial.budget is None
    assert any("known for 6 of its 12 months" in note for note in partial.as_json()["notes"])


def test_a_complete_year_lands_on_its_actual(engine):
    landing = land(engine, "admissions", EVERYTHING, 2024)
    assert landing.method == "actual"
    assert landing.as_of == date(2024, 12, 1)
    assert landing.value == landing.low == landing.high == landing.actual_to_date


def test_the_json_has_the_fields_of_the_spec(engine):
    payload = land(engine, "admissions", EVERYTHING).as_json()
    for field in ("metric", "year", "as_of", "value", "low", "high", "method",
                  "actual_to_date", "budget"):  # fmt: skip
        assert field in payload
    assert (payload["year"], payload["as_of"]) == (2025, "2025-06")


@pytest.mark.parametrize("metric", ["installed_beds", "cash", "fte_paid", "turnover_rate"])
def test_a_metric_that_does_not_add_up_over_months_is_refused(engine, metric):
    with pytest.raises(NotLandable, match="stock"):
        land(engine, metric, EVERYTHING)


def test_a_month_missing_in_the_year_so_far_is_named(tmp_path):
    engine = _engine(write(tmp_path / "w.duckdb", skip=[date(2025, 3, 1)]))
    with pytest.raises(MissingMonths, match="2025-03"):
        land(engine, "admissions", EVERYTHING, 2025, date(2025, 5, 1))


def test_less_than_twelve_months_before_the_year_is_refused(tmp_path):
    engine = _engine(write(tmp_path / "w.duckdb", first=date(2023, 4, 1)))
    with pytest.raises(HistoryTooShort, match="twelve months of 2023.*2023-01, 2023-02, 2023-03"):
        land(engine, "admissions", EVERYTHING, 2024, date(2024, 6, 1))


def test_an_as_of_beyond_the_data_is_refused(engine):
    with pytest.raises(BeyondData, match="end at 2025-06"):
        land(engine, "admissions", EVERYTHING, 2025, date(2025, 9, 1))
    with pytest.raises(BeyondData, match="no data for 2026"):
        land(engine, "admissions", EVERYTHING, 2026)


def test_an_as_of_outside_the_year_is_refused(engine):
    with pytest.raises(QueryError, match="not in 2024"):
        land(engine, "admissions", EVERYTHING, 2024, date(2025, 3, 1))


@pytest.mark.parametrize(("year", "message"), [(2021, "data start in 2023-01"),
                                               (0, "between 1904 and 2999"),
                                               (99_999, "between 1904 and 2999")])  # fmt: skip
def test_a_year_outside_the_data_or_the_calendar_is_refused(engine, year, message):
    with pytest.raises(QueryError, match=message):
        land(engine, "admissions", EVERYTHING, year)


def test_the_months_left_are_projected_one_by_one_with_their_band(engine):
    landing = land(engine, "admissions", EVERYTHING, 2025, date(2025, 4, 1))
    months = landing.months
    assert [m["period"] for m in months] == [f"2025-{m:02d}" for m in range(5, 13)]
    assert sum(m["value"] for m in months) == pytest.approx(landing.value - landing.actual_to_date)
    assert all(m["low"] <= m["value"] <= m["high"] for m in months)
    rate = land(engine, "bed_occupancy_rate", EVERYTHING, 2025, date(2025, 4, 1))
    # A ratio month by month (the parts' months divided), near the year's ratio, not a sum.
    assert all(0.5 < m["value"] / rate.value < 1.5 for m in rate.months)
    assert land(engine, "admissions", EVERYTHING, 2024).months == []
