"""The answer's small SVG charts: accessible titles with the figures, winners first and
highlighted, gaps in series, round gridlines, labels that keep their distance."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from cockpit.ui.ask.chart import (
    BAR_ROW,
    CHAR,
    WIDTH,
    Bar,
    Point,
    bar_chart,
    line_chart,
    nice_ticks,
)

SVG = "{http://www.w3.org/2000/svg}"


def fmt(value):
    return "–" if value is None else f"{value:,.0f} €".replace(",", " ")


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def texts(root, css: str) -> list[ElementTree.Element]:
    return [t for t in root.iter(f"{SVG}text") if t.get("class") == css]


def test_a_bar_chart_is_an_image_titled_with_its_figures():
    svg = bar_chart([Bar("Chirurgie", 1200.0), Bar("Médecine", 800.0)], fmt, "Coût : Chirurgie…")
    root = parse(svg)
    assert root.get("role") == "img" and root.get("aria-label") == "Coût : Chirurgie…"
    assert root.find(f"{SVG}title").text == "Coût : Chirurgie…"
    assert [t.text for t in texts(root, "ac-name")] == ["Chirurgie", "Médecine"]
    assert [t.text for t in texts(root, "ac-value")] == ["1 200 €", "800 €"]


def test_bars_are_proportional_and_the_values_have_a_column_of_their_own():
    root = parse(bar_chart([Bar("A", 1000.0), Bar("B", 250.0)], fmt, "t"))
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[1] == pytest.approx(widths[0] / 4, abs=0.1)
    value_room = len("1 000 €") * CHAR
    assert max(float(r.get("x")) + float(r.get("width")) for r in root.iter(f"{SVG}rect")) <= (
        WIDTH - value_room
    )
    assert root.get("viewBox") == f"0 0 {WIDTH} {2 * BAR_ROW}"


def test_winners_are_marked_and_negative_values_grow_left_of_zero():
    bars = [Bar("Gériatrie", -300.0, True), Bar("Chirurgie", 600.0)]
    root = parse(bar_chart(bars, fmt, "t"))
    rows = [g for g in root.iter(f"{SVG}g")]
    assert rows[0].get("class") == "ac-row ac-win" and rows[1].get("class") == "ac-row"
    negative, positive = root.iter(f"{SVG}rect")
    zero = float(negative.get("x")) + float(negative.get("width"))
    assert float(positive.get("x")) == pytest.approx(zero)


def test_a_missing_value_is_a_dash_and_a_zero_a_figure_both_without_a_bar():
    bars = [Bar("Bloc opératoire", None), Bar("Gériatrie", 0.0), Bar("Urologie", 10.0)]
    root = parse(bar_chart(bars, fmt, "t"))
    assert len(list(root.iter(f"{SVG}rect"))) == 1
    assert [t.text for t in texts(root, "ac-value")] == ["–", "0 €", "10 €"]


def test_long_names_are_shortened_to_fit_the_width():
    name = "Unité de soins de longue durée et de réadaptation gériatrique polyvalente"
    (shown,) = texts(parse(bar_chart([Bar(name, 1.0)], fmt, "t")), "ac-name")
    assert shown.text.endswith("…") and len(shown.text) * CHAR <= WIDTH


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(6456, 7437, [6000, 6500, 7000, 7500]), (0.8, 0.9, [0.8, 0.85, 0.9]), (-3, 7, [-5, 0, 5, 10])],
)
def test_gridlines_fall_on_round_values_around_the_data(low, high, expected):
    assert nice_ticks(low, high) == pytest.approx(expected)


def test_a_flat_series_still_gets_gridlines_around_its_value():
    ticks = nice_ticks(5.0, 5.0)
    assert ticks[0] < 5.0 < ticks[-1] and len(ticks) <= 6


def months(values, references=None):
    references = references or [None] * len(values)
    return [
        Point(f"m{i:02d}", f"mois {i}", v, r)
        for i, (v, r) in enumerate(zip(values, references, strict=True))
    ]


def test_a_series_draws_one_line_and_marks_its_last_point():
    root = parse(line_chart(months([1.0, 3.0, 2.0]), fmt, "Entrées : mois 0 1 €…"))
    (line,) = [p for p in root.iter(f"{SVG}path") if p.get("class") == "ac-line"]
    assert line.get("d").count("L") == 2
    (dot,) = root.iter(f"{SVG}circle")
    assert float(dot.get("cx")) == pytest.approx(WIDTH - 8)


def test_a_month_without_data_lifts_the_pen_and_a_lone_month_is_a_dot():
    root = parse(line_chart(months([1.0, None, 2.0, 3.0]), fmt, "t"))
    (line,) = [p for p in root.iter(f"{SVG}path") if p.get("class") == "ac-line"]
    assert line.get("d").count("M") == 1 and line.get("d").count("L") == 1
    dots = [c.get("class") for c in root.iter(f"{SVG}circle")]
    assert dots == ["ac-line-dot", "ac-dot"]


def test_last_year_is_drawn_dashed_with_a_legend():
    points = months([1.0, 2.0, 3.0], [1.5, 1.5, 2.5])
    root = parse(line_chart(points, fmt, "t", legend=("Réalisé", "N-1")))
    classes = [p.get("class") for p in root.iter(f"{SVG}path")]
    assert classes == ["ac-ref", "ac-line"]
    assert {"Réalisé", "N-1"} <= {t.text for t in texts(root, "ac-tick")}


def test_month_labels_keep_their_distance_and_the_last_month_is_labelled():
    root = parse(line_chart(months([float(i) for i in range(24)]), fmt, "t"))
    labels = [t for t in texts(root, "ac-tick") if re.fullmatch(r"m\d\d", t.text or "")]
    assert labels[-1].text == "m23"
    xs = sorted(float(t.get("x")) for t in labels)
    room = len("m00") * CHAR
    assert all(b - a >= room for a, b in zip(xs, xs[1:], strict=False))
