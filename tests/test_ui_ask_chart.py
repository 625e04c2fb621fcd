"""The answer's SVG bars: an image titled with its figures, winners marked, values in a
column of their own, zero and missing values without a bar, long names shortened."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from cockpit.ui.ask.chart import BAR_ROW, CHAR, WIDTH, Bar, bar_chart

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
