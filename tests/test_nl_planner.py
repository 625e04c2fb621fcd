"""The planner's decisions: answer, ask back (each choice a runnable plan) or refuse."""

from __future__ import annotations

from datetime import date

import pytest
from nl_helpers import answer, plan_of

from cockpit.engine import Perimeter, QueryPlan
from cockpit.nl.ask import answer_plan
from cockpit.nl.outcomes import Clarification


def test_a_domain_word_without_a_metric_asks_back(demo_engine):
    result = answer(demo_engine, "Comment vont les finances ?")
    assert result["status"] == "clarify" and result["candidates"] and result["value"] is None
    assert all(demo_engine.metric(m).domain == "finance" for m in result["candidates"])
    assert isinstance(plan_of(demo_engine, "How is the staff doing?"), Clarification)


def test_how_the_hospital_is_doing_asks_back_across_domains(demo_engine):
    result = answer(demo_engine, "Comment va l'hôpital ?")
    domains = {demo_engine.metric(m).domain for m in result["candidates"]}
    assert result["status"] == "clarify" and domains == {"activity", "hr", "finance"}


def test_a_vague_rate_question_asks_back(demo_engine):
    result = answer(demo_engine, "Quel est le taux ?")
    assert result["status"] == "clarify" and len(result["candidates"]) > 1


def test_an_unreadable_period_asks_back_with_monthly_choices(demo_engine):
    result = answer(demo_engine, "Taux d'occupation cette semaine")
    assert result["status"] == "clarify"
    periods = [c["plan"]["period"] for c in result["choices"]]
    assert periods == [
        {"start": "2026-10", "end": "2026-10"},
        {"start": "2026-01", "end": "2026-10"},
    ]


def test_a_budget_comparison_without_a_budget_is_said(demo_engine):
    result = answer(demo_engine, "Operating result compared to budget in 2025")
    assert result["status"] == "answered" and result["compare"] is None
    assert "no budget" in result["answer"]


def test_clarification_offers_each_choice_as_a_runnable_plan(demo_engine):
    result = answer(demo_engine, "Quel taux en mars 2024 ?", today=date(2024, 11, 15))
    assert result["status"] == "clarify"
    choices = result["choices"]
    assert [c["metric"] for c in choices] == result["candidates"]
    plan = QueryPlan.from_json(choices[0]["plan"])
    assert plan.period.as_json() == {"start": "2024-03", "end": "2024-03"}
    tapped = answer_plan(plan, demo_engine, perimeter=Perimeter.everything(), lang="fr")
    assert tapped["status"] == "answered" and tapped["metric"] == choices[0]["metric"]


def test_a_question_outside_the_perimeter_is_refused_in_its_language(demo_engine):
    mine = Perimeter(establishment_id="990000012", pole="Médecine")
    result = answer(demo_engine, "Taux d'occupation du pôle Chirurgie", perimeter=mine)
    assert result["status"] == "refused" and "périmètre" in result["answer"]


def test_nothing_the_catalog_knows_is_refused_with_an_example(demo_engine):
    result = answer(demo_engine, "Qui a gagné la coupe du monde ?")
    assert result["status"] == "refused"


def test_a_metric_said_in_part_offers_the_metrics_that_say_it(demo_engine):
    result = answer(demo_engine, "Le coût ?")
    assert result["status"] == "clarify"
    assert result["candidates"] == ["interim_cost", "payroll_cost"]


def test_choices_are_metrics_that_can_be_filtered_as_asked(demo_engine):
    result = answer(demo_engine, "Performance of the maternity ward")
    assert result["status"] == "clarify"
    assert all("service" in demo_engine.metric(m).dimensions for m in result["candidates"])


def test_a_comparison_with_a_named_year_is_n_minus_1_or_said_impossible(demo_engine):
    result = answer(demo_engine, "Passages aux urgences en 2025 comparé à 2024")
    assert result["compare"] == "previous_year" and result["period"]["start"] == "2025-01"
    other = answer(demo_engine, "Passages aux urgences en 2025 par rapport à 2023")
    assert other["compare"] is None and "Comparaison avec 2023 non faite" in other["answer"]


@pytest.mark.parametrize("today", [date(1, 2, 1), date(1900, 1, 5), date(3000, 1, 1)])
def test_a_reference_date_off_the_calendar_is_refused_clearly(demo_engine, today):
    for question in ("l'hiver dernier", "Taux d'occupation l'an dernier", "cet été"):
        result = answer(demo_engine, question, today=today)
        assert result["status"] == "refused" and "1901" in result["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "Is the ALOS in cardiology getting worse?",
        "La DMS augmente-t-elle en cardiologie ?",
        "Évolution de la DMS en cardiologie",
    ],
)
def test_a_question_about_a_direction_shows_the_last_twelve_months(demo_engine, question):
    result = answer(demo_engine, question)
    assert result["status"] == "answered" and result["metric"] == "alos"
    assert result["grain"] == "month" and result["rank"] is None
    assert result["period"] == {"start": "2025-11", "end": "2026-10"}


def test_a_quarterly_curve_without_a_period_ends_at_the_last_complete_quarter(demo_engine):
    result = answer(demo_engine, "Évolution trimestrielle des entrées")
    assert result["grain"] == "quarter"
    assert result["period"] == {"start": "2025-10", "end": "2026-09"}


def test_the_budget_of_a_metric_compares_it_with_its_budget(demo_engine):
    result = answer(demo_engine, "Où en est le budget des dépenses de personnel ?")
    assert result["metric"] == "staff_expenses" and result["compare"] == "budget"
    assert "budget de" in result["answer"]


def test_budget_inside_a_metric_name_is_no_comparison(demo_engine):
    result = answer(demo_engine, "Taux d'exécution du budget des charges")
    assert result["metric"] == "expense_execution_rate" and result["compare"] is None
    assert "Pas de budget" not in result["answer"]


@pytest.mark.parametrize(
    "question",
    ["Show me overtime by staff category last month", "Heures sup par catégorie de personnel"],
)
def test_a_two_word_dimension_name_groups_by_it(demo_engine, question):
    result = answer(demo_engine, question)
    assert result["metric"] == "overtime_hours" and result["group_by"] == ["staff_category"]


def test_the_dimension_asked_after_quel_is_ranked_even_beside_a_place(demo_engine):
    result = answer(demo_engine, "Quel service de Rochebrune a la DMS la plus courte en 2025 ?")
    assert result["status"] == "answered" and result["group_by"] == ["service"]
    assert result["filters"] == {"establishment": "CH de Rochebrune"}
    assert result["rank"] == {"order": "asc", "limit": 1}


@pytest.mark.parametrize(
    "question",
    [
        "Les dépenses médicales du T1 2026 comparées au T1 2025",
        "Admissions in March 2026 compared with March 2025",
    ],
)
def test_a_comparison_with_the_same_part_of_last_year_is_n_minus_1(demo_engine, question):
    assert answer(demo_engine, question)["compare"] == "previous_year"


def test_a_share_said_with_part_links_the_rate(demo_engine):
    result = answer(demo_engine, "Part de l'ambulatoire en chirurgie par service en 2025")
    assert result["metric"] == "ambulatory_surgery_rate" and result["group_by"] == ["service"]


def test_the_longest_average_stay_ranks_the_length_of_stay(demo_engine):
    result = answer(demo_engine, "Which establishment has the longest average stay?")
    assert result["metric"] == "alos" and result["group_by"] == ["establishment"]


def test_years_named_one_by_one_are_shown_year_by_year(demo_engine):
    result = answer(demo_engine, "DMS moyenne en 2024 et 2025")
    assert result["grain"] == "year"
    assert result["period"] == {"start": "2024-01", "end": "2025-12"}
    assert len(result["rows"]) == 2
