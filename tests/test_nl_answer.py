"""The answer sentence: the question's language, figures formatted by cockpit.formatting."""

from __future__ import annotations

from datetime import date

from nl_helpers import answer

from cockpit.formatting import NBSP
from cockpit.nl.answer_words import missing_months, period_words
from cockpit.periods import Period


def test_period_words_read_as_people_write_them():
    assert period_words(Period.parse("2026-04", "2026-06"), "fr") == "d'avril à juin 2026"
    assert period_words(Period.parse("2026-03", "2026-06"), "fr") == "de mars à juin 2026"
    assert period_words(Period.parse("2025-11", "2026-02"), "fr") == (
        "de novembre 2025 à février 2026"
    )
    assert period_words(Period.parse("2025-01", "2025-12"), "fr") == "en 2025"
    assert period_words(Period.parse("2025-05", "2025-07"), "en") == "from May to July 2025"


def test_missing_months_are_said_in_the_question_language():
    notes = ["no data after 2026-10: the period asked ends 2026-12"]
    assert missing_months(notes, "fr") == "Attention : pas encore de données après octobre 2026."
    assert missing_months(notes, "en") == "Note: no data after October 2026."


def test_a_figure_in_french_uses_french_number_formats(demo_engine):
    result = answer(demo_engine, "Taux d'occupation du pôle Chirurgie en mars")
    assert result["answer"].startswith("Taux d'occupation des lits (Chirurgie) en mars 2026 : ")
    assert result["answer"].endswith(f"{NBSP}%.") and "," in result["answer"]


def test_an_english_question_gets_an_english_sentence(demo_engine):
    result = answer(demo_engine, "ER visits vs last year in October")
    assert result["answer"].startswith("ER visits in October 2026: ")
    assert "(last year, " in result["answer"]


def test_a_series_gives_first_last_highest_and_lowest(demo_engine):
    result = answer(demo_engine, "Évolution des passages aux urgences en 2025")
    assert result["grain"] == "month" and len(result["rows"]) == 12
    assert "de " in result["answer"] and "(janvier 2025)" in result["answer"]
    assert "(décembre 2025)" in result["answer"] and "plus haut" in result["answer"]


def test_a_breakdown_lists_each_value(demo_engine):
    result = answer(demo_engine, "Taux d'occupation par pôle le mois dernier")
    assert "Chirurgie" in result["answer"] and result["rows"]


def test_months_without_data_are_said(demo_engine):
    result = answer(demo_engine, "Passages aux urgences en décembre 2026", today=date(2027, 2, 1))
    assert result["status"] == "answered"
    assert "pas encore de données après octobre 2026" in result["answer"]


def test_this_month_is_answered_with_the_last_complete_month_and_said(demo_engine):
    result = answer(demo_engine, "Taux d'absentéisme ce mois-ci")
    assert result["period"] == {"start": "2026-10", "end": "2026-10"}
    assert "Le mois en cours n'est pas terminé" in result["answer"]


def test_a_daily_rate_is_answered_with_the_months_total_and_said(demo_engine):
    result = answer(demo_engine, "Combien de patients par jour aux urgences ?")
    assert result["status"] == "answered" and result["metric"] == "er_visits"
    assert "pas une moyenne par jour" in result["answer"]
