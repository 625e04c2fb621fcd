"""Rankings and superlatives → group_by + rank; « le plus / le moins » speak of the value,
« meilleur / pire » of the metric's direction; the answer names the winner first."""

from __future__ import annotations

import pytest
from nl_helpers import answer, plan_of

from cockpit import config
from cockpit.catalog import load_catalog
from cockpit.engine import Rank
from cockpit.nl.dimension_words import dimension_words
from cockpit.nl.normalize import normalize
from cockpit.nl.outcomes import Clarification, Planned
from cockpit.nl.ranking import read_ranking, to_rank

NOUNS = dimension_words(load_catalog(config.queries_dir(None)).dimensions).nouns


def ranking_of(question: str):
    found, _rest = read_ranking(normalize(question), question, NOUNS)
    return found


@pytest.mark.parametrize(
    "question, order, limit",
    [
        ("quel pôle a le plus d'intérim", "desc", 1),
        ("les 3 services avec la DMS la plus longue", "desc", 3),
        ("la DMS la plus courte", "asc", 1),
        ("le service le moins occupé", "asc", 1),
        ("which service has the lowest occupancy", "asc", 1),
        ("top 5 services by overtime", "desc", 5),
        ("bottom 2 poles", "asc", 2),
        ("les 5 premiers services", "desc", 5),
        ("quels services ont le taux le plus élevé", "desc", 5),  # several, no number
        ("le taux le moins élevé", "asc", 1),
    ],
)
def test_superlatives_are_read(question, order, limit):
    found = ranking_of(question)
    assert (found.order, found.limit) == (order, limit)


def test_no_ranking_without_a_superlative_and_not_for_le_plus_recent():
    assert ranking_of("taux d'occupation par pôle") is None
    assert ranking_of("le mois le plus récent") is None
    assert ranking_of("dépenses du titre 2") is None


def test_best_and_worst_follow_the_metric_direction():
    best = ranking_of("le meilleur service")
    worst = ranking_of("le pire pôle")
    assert to_rank(best, "higher_is_better", 9) == Rank("desc", 1)
    assert to_rank(best, "lower_is_better", 9) == Rank("asc", 1)
    assert to_rank(worst, "lower_is_better", 9) == Rank("desc", 1)
    assert to_rank(best, "target_band", 9) is None


def test_a_ranking_of_every_value_ranks_them_all():
    found = ranking_of("classement des pôles")
    assert found.every and to_rank(found, "higher_is_better", 7) == Rank("desc", 7)


@pytest.mark.parametrize(
    "question, group_by, rank, filters",
    [
        ("Quel pôle a le plus d'absentéisme ?", ("pole",), Rank("desc", 1), {}),
        ("Les trois services avec la DMS la plus longue en 2025", ("service",),
         Rank("desc", 3), {}),
        ("Quel service a le taux d'occupation le plus élevé en Médecine ?", ("service",),
         Rank("desc", 1), {"pole": "Médecine"}),
        ("Which establishment has the lowest absenteeism?", ("establishment",),
         Rank("asc", 1), {}),
        ("quelle catégorie de personnel a le plus d'absentéisme", ("staff_category",),
         Rank("desc", 1), {}),
        ("le meilleur service en absentéisme", ("service",), Rank("asc", 1), {}),
        ("classement des pôles par masse salariale", ("pole",), Rank("desc", 7), {}),
    ],
)  # fmt: skip
def test_rankings_become_group_by_and_rank(demo_engine, question, group_by, rank, filters):
    outcome = plan_of(demo_engine, question)
    assert isinstance(outcome, Planned), outcome
    assert (outcome.plan.group_by, outcome.plan.rank, outcome.plan.filter_map) == (
        group_by,
        rank,
        filters,
    )


def test_a_ranking_naming_nothing_to_rank_asks_by_what(demo_engine):
    outcome = plan_of(demo_engine, "où est le taux d'occupation le plus élevé ?")
    assert isinstance(outcome, Clarification)
    assert [p.group_by for p in outcome.plans] == [("pole",), ("service",), ("establishment",)]
    assert all(p.rank == Rank("desc", 1) for p in outcome.plans)


def test_best_for_a_metric_aimed_at_a_target_asks_which_way(demo_engine):
    outcome = plan_of(demo_engine, "le meilleur pôle en taux d'occupation")
    assert isinstance(outcome, Clarification)
    assert [p.rank.order for p in outcome.plans] == ["desc", "asc"]


def test_the_answer_names_the_winners_first_with_their_values(demo_engine):
    result = answer(demo_engine, "Les 3 services avec la DMS la plus longue en 2025")
    rows = result["rows"]
    assert len(rows) == 3 and rows[0]["value"] >= rows[1]["value"] >= rows[2]["value"]
    first = rows[0]["service"]
    assert result["answer"].index(first) < result["answer"].index(rows[1]["service"])
    assert "les 3 valeurs les plus élevées" in result["answer"]
    lowest = answer(demo_engine, "Which service has the lowest occupancy?")
    assert f"lowest: {lowest['rows'][0]['service']} (" in lowest["answer"]


def test_a_comparison_is_not_a_ranking(demo_engine):
    outcome = plan_of(demo_engine, "Le taux de marge brute est-il meilleur que l'an dernier ?")
    assert outcome.plan.rank is None and outcome.plan.compare == "previous_year"
    month = plan_of(demo_engine, "Nombre d'entrées en juin dernier")
    assert month.plan.rank is None and month.plan.group_by == ()


def test_a_comparative_between_places_ranks_them(demo_engine):
    outcome = plan_of(demo_engine, "Which establishment has the higher day-surgery rate?")
    assert outcome.plan.group_by == ("establishment",) and outcome.plan.rank == Rank("desc", 1)
