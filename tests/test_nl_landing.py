"""Questions about the year-end landing: answered with a `forecast` object and a sentence
holding the value and the interval, through the grammar and the catalog; a stock or next
year is refused with its reason."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine, Perimeter
from cockpit.forecast import land
from cockpit.nl.ask import ask

TODAY = date(2026, 11, 15)
FORECAST_FIELDS = {"metric", "year", "as_of", "value", "low", "high", "method",
                   "actual_to_date", "budget"}  # fmt: skip


@pytest.fixture(scope="module")
def engine(demo_warehouse):
    return Engine(demo_warehouse, PROJECT_ROOT / "queries")


@pytest.mark.parametrize(
    "question, metric, filters",
    [
        ("où va-t-on atterrir sur les dépenses de personnel ?", "staff_expenses", {}),
        ("projection des entrées à fin d'année", "admissions", {}),
        ("year-end forecast of interim costs", "interim_cost", {}),
        (
            "atterrissage de la masse salariale du pôle Chirurgie",
            "payroll_cost",
            {"pole": "Chirurgie"},
        ),
        ("Quel sera le total des charges à fin décembre ?", "total_expenses", {}),
        (
            "What will admissions be at the end of the year in cardiology?",
            "admissions",
            {"service": "Cardiologie"},
        ),
    ],
)
def test_a_landing_question_is_answered_with_the_forecast(engine, question, metric, filters):
    answer = ask(question, engine, today=TODAY)
    assert answer["status"] == "answered", answer["answer"]
    assert (answer["metric"], answer["filters"]) == (metric, filters)
    forecast = answer["forecast"]
    assert forecast.keys() >= FORECAST_FIELDS
    expected = land(engine, metric, Perimeter.everything(), 2026, filters=filters)
    assert forecast["value"] == answer["value"] == expected.value
    assert (forecast["low"], forecast["high"]) == (expected.low, expected.high)
    words = (
        ("entre", "intervalle à 80\u00a0%")
        if answer["answer"][0] == "A"
        else ("between", "80% interval")
    )
    assert all(w in answer["answer"] for w in words), answer["answer"]


def test_the_sentence_gives_the_value_and_the_interval_in_french_figures(engine):
    answer = ask("où va-t-on atterrir sur les dépenses de personnel ?", engine, today=TODAY)
    assert answer["answer"].startswith("Atterrissage estimé de « Dépenses de personnel » en 2026")
    assert "\u202fM€" in answer["answer"] or "\u00a0M€" in answer["answer"]


def test_a_pole_managers_landing_question_covers_their_pole(engine):
    surgery = Perimeter("990000012", "Chirurgie")
    answer = ask("projection des entrées à fin d'année", engine, today=TODAY, perimeter=surgery)
    expected = land(engine, "admissions", surgery, 2026)
    assert answer["status"] == "answered" and answer["value"] == expected.value


@pytest.mark.parametrize(
    "question, words",
    [
        ("atterrissage des effectifs à fin d'année", "stock"),
        ("where will cash land at year end?", "a stock"),
        ("prévision des entrées l'an prochain", "au-delà de l'année en cours"),
        ("What will ER visits be next year?", "beyond the year in progress"),
    ],
)
def test_a_stock_or_next_year_is_refused_with_its_reason(engine, question, words):
    answer = ask(question, engine, today=TODAY)
    assert answer["status"] == "refused"
    assert words in answer["answer"]
    assert answer.get("forecast") is None and answer["value"] is None


def test_the_question_screen_shows_the_landing_its_interval_and_projection(director):
    question = "où va-t-on atterrir sur les dépenses de personnel ?"
    page = director.post("/question", data={"question": question})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Atterrissage estimé 2026 · entre" in text
    assert 'class="s-projection"' in text and 'class="s-band"' in text
    assert "Méthode" in text and "modèle saisonnier" in text
