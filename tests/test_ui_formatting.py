"""Numbers, money, rates, variations and months as the dashboard shows them, in French and
English (babel), and the raw figures written to CSV."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cockpit.formatting import (
    format_delta,
    format_percent,
    format_points,
    format_value,
    month_name,
    plain_number,
    timestamp,
)

NARROW, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("value", "preset", "unit", "french", "english"),
    [
        (1234.5, "dec1", "count", f"1{NARROW}234,5", "1,234.5"),
        (7872, "int", "count", f"7{NARROW}872", "7,872"),
        (0.873, "pct1", "pct", f"87,3{NBSP}%", "87.3%"),
        (1234.5, "eur", "eur", f"1{NARROW}234{NBSP}€", "€1,234"),
        (12.44e6, "meur", "eur", f"12,4{NBSP}M€", "€12.4M"),
        (-1.5e6, "meur", "eur", f"−1,5{NBSP}M€", "−\u2060€1.5M"),
        (596_086.9, "keur", "eur", f"596,1{NBSP}k€", "€596.1k"),
        (8.04, "days1", "days", f"8,0{NBSP}j", f"8.0{NBSP}days"),
        (3237.62, "fte1", "fte", f"3{NARROW}237,6{NBSP}ETP", f"3,237.6{NBSP}FTE"),
        (0.987, "dec2", "ratio", "0,99", "0.99"),
        (5.24, "dec1", "years", f"5,2{NBSP}ans", f"5.2{NBSP}yrs"),
    ],
)
def test_values_follow_the_metric_format_in_each_language(value, preset, unit, french, english):
    assert format_value(value, preset, unit, "fr") == french
    assert format_value(value, preset, unit, "en") == english


def test_a_missing_value_is_a_dash_not_zero():
    assert format_value(None, "meur", "eur") == "–"


def test_variations_are_signed_with_a_true_minus():
    assert format_percent(0.0318) == f"+3,2{NBSP}%"
    assert format_percent(-0.0318, "en") == "−3.2%"
    assert format_points(-0.0066) == f"−0,7{NBSP}pt"
    assert format_percent(0.00001) == f"0,0{NBSP}%"  # rounds to zero: no sign


def test_rates_vary_in_points_and_amounts_in_percent():
    assert format_delta(-0.0066, -0.0075, "pct1", "pct") == f"−0,7{NBSP}pt"
    assert format_delta(243.0, 0.0318, "int", "count") == f"+3,2{NBSP}%"
    assert format_delta(-1.5e6, None, "meur", "eur") == f"−1,5{NBSP}M€"


def test_months_are_named_in_the_locale():
    assert month_name(date(2026, 3, 1)) == "mars 2026"
    assert month_name(date(2026, 10, 1), "en") == "October 2026"
    assert month_name(date(2026, 10, 1), "fr", short=True) == "oct. 2026"
    assert timestamp(datetime(2026, 11, 28, 15, 30)) == "28 novembre 2026 à 15:30"


def test_csv_figures_use_the_locale_decimal_mark_without_grouping():
    assert plain_number(29_344_739.549999) == "29344739,55"
    assert plain_number(0.870095, "en") == "0.8701"
    assert plain_number(-0.00001) == "0"
    assert plain_number(None) == ""
