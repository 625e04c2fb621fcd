"""The one rule for status, colour and wording, over every direction × side × reference."""

from __future__ import annotations

import pytest

from cockpit.catalog.model import BudgetBands, Metric
from cockpit.engine.alerts import Alert, status_reason
from cockpit.engine.figures import Figure
from cockpit.engine.signals import budget_status, gap, tone_of_status, trend
from cockpit.engine.status import Threshold, status_of
from cockpit.periods import Period


def metric(direction: str, unit: str = "count", fmt: str = "int") -> Metric:
    return Metric(
        id="m",
        label={"fr": "Indicateur", "en": "Indicator"},
        description={"fr": "…", "en": "…"},
        domain="activity",
        unit=unit,
        format=fmt,
        aggregation="flow",
        table="activity",
        expr="sum(admissions)",
        dimensions=["establishment"],
        direction=direction,
        owner="tests",
    )


HIGH = Threshold(None, 10.0, 5.0)
LOW = Threshold(None, 10.0, 15.0)
BAND = Threshold(100.0, 5.0, 10.0)
TARGET_HIGH = Threshold(100.0, 97.0, 93.0)
TARGET_LOW = Threshold(100.0, 103.0, 108.0)

# direction, reference kind, threshold, value → status, sentence (fr) naming the actual side;
# thresholds alone are spoken of only once crossed
THRESHOLD_CASES = [
    ("higher_is_better", "threshold", HIGH, 12, "green", None),
    ("higher_is_better", "threshold", HIGH, 7, "amber", "7, en dessous du seuil de 10"),
    ("higher_is_better", "threshold", HIGH, 3, "red", "3, en dessous du seuil de 5"),
    ("lower_is_better", "threshold", LOW, 8, "green", None),
    ("lower_is_better", "threshold", LOW, 12, "amber", "12, au-dessus du seuil de 10"),
    ("lower_is_better", "threshold", LOW, 20, "red", "20, au-dessus du seuil de 15"),
    ("target_band", "target", BAND, 102, "green", "102, au-dessus de la cible de 100"),
    ("target_band", "target", BAND, 93, "amber", "93, en dessous de la cible de 100"),
    ("target_band", "target", BAND, 107, "amber", "107, au-dessus de la cible de 100"),
    ("target_band", "target", BAND, 85, "red", "85, en dessous de la cible de 100"),
    ("target_band", "target", BAND, 115, "red", "115, au-dessus de la cible de 100"),
    ("higher_is_better", "target", TARGET_HIGH, 101, "green", "101, au-dessus de la cible de 100"),
    ("higher_is_better", "target", TARGET_HIGH, 95, "amber", "95, en dessous de la cible de 100"),
    ("higher_is_better", "target", TARGET_HIGH, 90, "red", "90, en dessous de la cible de 100"),
    ("lower_is_better", "target", TARGET_LOW, 99, "green", "99, en dessous de la cible de 100"),
    ("lower_is_better", "target", TARGET_LOW, 105, "amber", "105, au-dessus de la cible de 100"),
    ("lower_is_better", "target", TARGET_LOW, 120, "red", "120, au-dessus de la cible de 100"),
]


@pytest.mark.parametrize("direction, reference, threshold, value, status, reason", THRESHOLD_CASES)
def test_status_gap_colour_and_sentence_agree_on_targets_and_thresholds(
    direction, reference, threshold, value, status, reason
):
    m = metric(direction)
    assert status_of(value, direction, threshold) == status
    target = threshold.target
    figure = Figure(value, None, target, reference, status, threshold.amber, threshold.red)
    assert status_reason(m, figure) == reason
    if status != "green":
        assert Alert(m, figure, Period.parse("2026-10"), {}).as_json()["kind"] == "threshold"
    if target is not None:
        shown = gap(m, value, target, status)
        assert shown.tone == expected_gap_tone(direction, status, shown.arrow)
        assert shown.arrow == ("up" if value > target else "down")


def expected_gap_tone(direction: str, status: str, arrow: str) -> str:
    """The gap takes the chip's colour; green only on the good side of the reference."""
    if status != "green":
        return tone_of_status(status)
    good = {"higher_is_better": "up", "lower_is_better": "down"}.get(direction)
    return "good" if arrow == good else "neutral"


def test_the_gap_colour_never_contradicts_the_chip():
    m = metric("target_band", "pct", "pct1")
    assert gap(m, 0.863, 0.88, "green").tone == "neutral"  # 1,7 pt under a band target
    assert gap(metric("lower_is_better"), 108, 100, "green").tone == "neutral"  # tolerated
    assert gap(metric("lower_is_better"), 96, 100, "green").tone == "good"
    assert gap(metric("higher_is_better"), 96, 100, "amber").tone == "watch"


# direction, value against a budget of 100 → status, side
BUDGET_CASES = [
    ("lower_is_better", 100.5, "green", "above"),
    ("lower_is_better", 90, "green", "below"),
    ("lower_is_better", 102, "amber", "above"),
    ("lower_is_better", 110, "red", "above"),
    ("higher_is_better", 110, "green", "above"),
    ("higher_is_better", 99.5, "green", "below"),
    ("higher_is_better", 98, "amber", "below"),
    ("higher_is_better", 90, "red", "below"),
    ("target_band", 97, "amber", "below"),
    ("target_band", 103, "amber", "above"),
    ("target_band", 110, "red", "above"),
]


@pytest.mark.parametrize("direction, value, status, side", BUDGET_CASES)
def test_budget_status_follows_the_direction_and_the_sentence_the_side(
    direction, value, status, side
):
    m = metric(direction, unit="eur", fmt="eur")
    assert budget_status(value, 100.0, direction, BudgetBands()) == status
    figure = Figure(value, None, 100.0, "budget", status)
    words = {"below": "en dessous du budget", "above": "au-dessus du budget"}[side]
    assert words in status_reason(m, figure)
    shown = gap(m, value, 100.0, status)
    assert shown.tone == expected_gap_tone(direction, status, shown.arrow)
    if status != "green":
        assert Alert(m, figure, Period.parse("2026-10"), {}).as_json()["kind"] == "budget"


def test_budget_bands_are_overridable_per_metric():
    assert budget_status(104, 100, "lower_is_better", BudgetBands(amber=0.05, red=0.1)) == "green"
    assert budget_status(104, 100, "lower_is_better", BudgetBands()) == "red"


def test_no_reference_means_no_status_a_neutral_gap_and_no_sentence():
    m = metric("higher_is_better")
    assert status_of(12, "higher_is_better", None) is None
    assert budget_status(12, None, "higher_is_better", BudgetBands()) is None
    assert status_reason(m, Figure(12)) is None
    assert gap(m, 12, None, None) is None


# direction, value, last year, target → arrow, tone
TREND_CASES = [
    ("higher_is_better", 110, 100, None, "up", "good"),
    ("higher_is_better", 90, 100, None, "down", "bad"),
    ("lower_is_better", 110, 100, None, "up", "bad"),
    ("lower_is_better", 90, 100, None, "down", "good"),
    ("target_band", 110, 100, None, "up", "neutral"),
    ("target_band", 95, 90, 100, "up", "good"),
    ("target_band", 85, 90, 100, "down", "bad"),
    ("target_band", 105, 100, 100, "up", "bad"),
    ("target_band", 99, 104, 100, "down", "good"),
    ("higher_is_better", 100.01, 100, None, "flat", "neutral"),
    ("lower_is_better", 99.99, 100, None, "flat", "neutral"),
]


@pytest.mark.parametrize("direction, value, previous, target, arrow, tone", TREND_CASES)
def test_a_change_vs_last_year_is_coloured_by_the_direction_only(
    direction, value, previous, target, arrow, tone
):
    shown = trend(metric(direction), value, previous, target=target)
    assert (shown.arrow, shown.tone) == (arrow, tone)


def test_a_rate_change_that_rounds_to_zero_points_is_flat_and_neutral():
    shown = trend(metric("lower_is_better", "pct", "pct1"), 0.0701, 0.0703)
    assert shown.text == "0,0\u00a0pt" and (shown.arrow, shown.tone) == ("flat", "neutral")


def test_never_green_for_a_move_away_from_the_band():
    for value in (101, 130, 70, 99):
        previous = 100.5 if value > 100 else 99.5
        shown = trend(metric("target_band"), value, previous, target=100)
        assert shown.tone != "good", value


def test_the_english_sentence_names_the_same_side():
    m = metric("higher_is_better", "pct", "pct1")
    figure = Figure(0.047, None, None, "threshold", "amber", 0.06, 0.04)
    assert status_reason(m, figure, "en") == "4.7%, below the threshold of 6.0%"
    assert status_reason(m, figure, "fr") == "4,7\u00a0%, en dessous du seuil de 6,0\u00a0%"
