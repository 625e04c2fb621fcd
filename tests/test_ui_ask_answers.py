"""Answers of the question pipeline as the Question screen shows them, on the demo hospital:
examples the planner answers, a ranking's winners first, a series' last month, and how it
was computed (the perimeter in words, the SQL that ran)."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

import pytest
from dash import html

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine, Perimeter, QueryPlan
from cockpit.formatting import format_percent, format_value
from cockpit.nl.ask import answer_plan, ask
from cockpit.periods import Period
from cockpit.ui.ask.asker import ranking_context
from cockpit.ui.ask.card import answered_card
from cockpit.ui.ask.examples import example_questions
from cockpit.ui.ask.how import how_it_was_computed, perimeter_text
from cockpit.ui.ask.visual import chart, headline, shape
from cockpit.ui.ssr import to_html

SVG = "{http://www.w3.org/2000/svg}"
VALLOMBRE = "990000012"
CHEF = Perimeter(VALLOMBRE, "Chirurgie")
YEAR = Period.parse("2026-01", "2026-10")


@pytest.fixture(scope="module")
def engine(demo_warehouse) -> Engine:
    return Engine(demo_warehouse, PROJECT_ROOT / "queries")


EVERYONE = Perimeter.everything()


def run_plan(engine, perimeter=EVERYONE, **plan):
    return answer_plan(QueryPlan.build(**plan), engine, perimeter=perimeter)


def ranking(engine, metric: str, by: str, order: str, limit: int):
    rank = {"order": order, "limit": limit}
    return run_plan(engine, metric=metric, period=YEAR, group_by=[by], rank=rank)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("perimeter", [Perimeter.everything(), CHEF], ids=["director", "chef"])
def test_every_example_is_answered_in_the_shape_it_promises(engine, lang, perimeter):
    questions = example_questions(engine, perimeter, lang)
    assert len(questions) == 4
    shapes = []
    for question in questions:
        answer = ask(question, engine, today=date(2026, 11, 15), perimeter=perimeter)
        assert answer["status"] == "answered", (question, answer["answer"])
        shapes.append(shape(answer) + (" ranked" if answer["rank"] else ""))
        if answer["group_by"]:
            assert answer["group_by"] == (["service"] if perimeter.pole else ["pole"])
    assert sorted(shapes) == ["bars", "bars ranked", "series", "single"], shapes


def test_examples_follow_the_catalog_labels(engine):
    labels = {m.label.en for m in engine.metrics()}
    for question in example_questions(engine, Perimeter.everything(), "en"):
        assert any(label.casefold() in question.casefold() for label in labels), question


def test_a_ranking_shows_its_winner_first_highlighted_then_the_runners_up(engine):
    answer = ranking(engine, "interim_cost", "pole", "desc", 1)
    everyone = engine.run(
        QueryPlan.build("interim_cost", YEAR, group_by=["pole"]), Perimeter.everything()
    ).rows
    top = max(everyone, key=lambda r: r["value"])
    assert [r["pole"] for r in answer["rows"]] == [top["pole"]]
    metric = engine.metric("interim_cost")
    head = headline(answer, metric, "fr", "")
    assert head.caption == top["pole"]
    assert head.value == format_value(top["value"], metric.format, metric.unit, "fr")
    context = ranking_context(engine, answer, Perimeter.everything())
    drawn, left_out = chart(answer, metric, "fr", "Janv. – oct. 2026", context)
    rows = list(ElementTree.fromstring(drawn.html).iter(f"{SVG}g"))
    names = [next(r.iter(f"{SVG}text")).text for r in rows]
    assert names[0] == top["pole"] and rows[0].get("class") == "ac-row ac-win"
    assert all(r.get("class") == "ac-row" for r in rows[1:]) and len(rows) > 1
    ordered = sorted((r for r in everyone if r["value"] is not None), key=lambda r: -r["value"])
    assert len(ordered) == 7 and names == [r["pole"] for r in ordered] and left_out == 0


def test_an_ascending_ranking_puts_the_smallest_first(engine):
    answer = ranking(engine, "bed_occupancy_rate", "service", "asc", 3)
    context = ranking_context(engine, answer, Perimeter.everything())
    values = [r["value"] for r in context]
    assert values == sorted(values)
    assert [r["service"] for r in answer["rows"]] == [r["service"] for r in context[:3]]


def test_a_series_headline_is_its_last_month(engine):
    answer = run_plan(engine, metric="admissions", period=YEAR, grain="month")
    metric = engine.metric("admissions")
    head = headline(answer, metric, "fr", "")
    last = answer["rows"][-1]
    assert head.value == format_value(last["value"], metric.format, metric.unit, "fr")
    assert head.caption == "Octobre 2026, dernier mois"
    drawn, _ = chart(answer, metric, "fr", "Janv. – oct. 2026")
    painted = to_html(drawn)
    assert 'role="img"' in painted and 'class="chart detail-chart"' in painted
    title = drawn.to_plotly_json()["props"]["aria-label"]
    assert "octobre 2026 " + format_value(last["value"], "int", "count", "fr") in title


def test_a_series_by_quarter_is_drawn_as_bars_named_by_quarter(engine):
    answer = run_plan(engine, metric="admissions", period=YEAR, grain="quarter")
    drawn, _ = chart(answer, engine.metric("admissions"), "fr", "Janv. – oct. 2026")
    names = [t.text for t in ElementTree.fromstring(drawn.html).iter(f"{SVG}text")][::2]
    assert names == ["T1 2026", "T2 2026", "T3 2026", "T4 2026"]


def test_how_it_was_computed_names_the_perimeter_filters_and_the_sql(engine):
    answer = run_plan(
        engine, perimeter=CHEF, metric="admissions", period=YEAR, filters={"service": "Urologie"}
    )
    where = perimeter_text(engine, CHEF, "fr")
    assert where == "CH de Vallombre · Pôle Chirurgie"
    metric, dimensions = engine.metric("admissions"), engine.catalog.dimensions
    html = to_html(how_it_was_computed(answer, metric, "fr", where, None, dimensions))
    assert "Service : Urologie" in html and where in html
    assert "f.pole = 'Chirurgie'" in html
    assert answer["sql"].split("\n")[0] in html


def card_html(engine, answer) -> str:
    """The answered card's HTML (without its « how it was computed », tested apart)."""
    metric = engine.metric(answer["metric"])
    card = answered_card(
        answer,
        metric,
        "fr",
        question="q",
        scope="",
        period_text="Janv. – oct. 2026",
        how=html.Details(),
        dimensions=engine.catalog.dimensions,
    )
    return to_html(card)


def test_a_series_compared_with_last_year_shows_the_last_months_variation(engine):
    answer = run_plan(
        engine, metric="admissions", period=YEAR, grain="month", compare="previous_year"
    )
    last = answer["rows"][-1]
    card = card_html(engine, answer)
    change = format_percent((last["value"] - last["compare_value"]) / last["compare_value"])
    assert f"<b>{change}</b> vs N-1" in card and "Réalisé" in card


def test_a_figure_compared_with_its_budget_shows_the_gap(engine):
    answer = run_plan(engine, metric="total_expenses", period=YEAR, compare="budget")
    assert answer["compare_value"] is not None
    card = card_html(engine, answer)
    assert 'data-compare="reference"' in card and "vs budget" in card
