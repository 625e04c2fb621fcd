"""Entity linking: places and staff named in full, in part, by stem, abbreviation or
English name, against the warehouse's values; close readings are asked back."""

from __future__ import annotations

import pytest
from nl_helpers import answer, plan_of

from cockpit.engine import Perimeter
from cockpit.nl.outcomes import Clarification, Planned


@pytest.mark.parametrize(
    "question, filters",
    [
        ("taux d'occupation du pôle chirurgie", {"pole": "Chirurgie"}),
        ("bed occupancy in surgery", {"pole": "Chirurgie"}),
        ("DMS en CARDIOLOGIE", {"service": "Cardiologie"}),
        ("DMS cardio", {"service": "Cardiologie"}),
        ("taux d'occupation pneumo", {"service": "Pneumologie"}),
        ("TO en chir", {"pole": "Chirurgie"}),  # the pole, whose name starts the services'
        ("heures sup en réa", {"service": "Réanimation"}),
        ("intérim chir ortho", {"service": "Chirurgie orthopédique"}),
        ("DMS en soins de suite", {"service": "Soins de suite et de réadaptation"}),
        ("DMS aux urgences", {"service": "Urgences"}),  # the service, not the pole
        ("intérim au pôle urgence réanimation", {"pole": "Urgences-Réanimation"}),
        ("lits installés à Rochebrune", {"establishment": "CH de Rochebrune"}),
        ("lits installés à rochbrune", {"establishment": "CH de Rochebrune"}),
        ("lits installés au 990000020", {"establishment": "CH de Rochebrune"}),
        ("passages aux urgences à Vallombre-Nord", {"site": "Vallombre-Nord"}),
        ("absentéisme des IDE", {"staff_category": "infirmier"}),
        ("absentéisme des aides soignantes", {"staff_category": "aide-soignant"}),
        ("overtime of nurses in geriatrics", {"pole": "Gériatrie", "staff_category": "infirmier"}),
        ("ETP PM au pôle urgences", {"pole": "Urgences-Réanimation", "staff_group": "medical"}),
        ("masse salariale du pole mère enfant", {"pole": "Femme-Mère-Enfant"}),
        ("admissions in the maternity ward", {"service": "Maternité"}),
    ],
)
def test_places_and_staff_are_linked(demo_engine, question, filters):
    outcome = plan_of(demo_engine, question)
    assert isinstance(outcome, Planned), outcome
    assert outcome.plan.filter_map == filters


def test_a_place_word_is_the_metric_when_nothing_else_is_said(demo_engine):
    outcome = plan_of(demo_engine, "les urgences en mars")
    assert outcome.plan.metric == "er_visits" and outcome.plan.filter_map == {}


def test_two_places_of_one_kind_are_asked_back_with_a_plan_each(demo_engine):
    outcome = plan_of(demo_engine, "taux d'occupation en cardiologie et en pneumologie")
    assert isinstance(outcome, Clarification)
    assert [(p.filter_map, p.group_by) for p in outcome.plans] == [
        ({"service": "Cardiologie"}, ()),
        ({"service": "Pneumologie"}, ()),
        ({}, ("service",)),
    ]
    assert outcome.labels == ["service Cardiologie", "service Pneumologie", "par service"]


def test_every_value_of_a_dimension_named_is_a_breakdown(demo_engine):
    outcome = plan_of(demo_engine, "DMS Rochebrune vs Vallombre")
    assert isinstance(outcome, Planned)
    assert outcome.plan.group_by == ("establishment",) and outcome.plan.filter_map == {}


def test_a_name_shared_by_a_pole_and_a_staff_category_is_asked_back(demo_engine):
    result = answer(demo_engine, "absentéisme en médico-technique")
    assert result["status"] == "clarify"
    filters = [c["plan"]["filters"] for c in result["choices"]]
    assert {"pole": "Médico-technique"} in filters
    assert {"staff_category": "médico-technique"} in filters


def test_a_dimension_noun_settles_a_shared_name(demo_engine):
    outcome = plan_of(demo_engine, "absentéisme du pôle médico-technique")
    assert outcome.plan.filter_map == {"pole": "Médico-technique"}


def test_an_unknown_place_after_its_noun_is_refused_with_its_name(demo_engine):
    result = answer(demo_engine, "Taux d'occupation du pôle Astrophysique en mars")
    assert result["status"] == "refused" and "astrophysique" in result["answer"].lower()


def test_values_come_from_the_whole_warehouse_and_the_perimeter_refuses(demo_engine):
    mine = Perimeter(establishment_id="990000012", pole="Médecine")
    result = answer(demo_engine, "bed occupancy in surgery", perimeter=mine)
    assert result["status"] == "refused" and "périmètre" not in result["answer"]
    assert "perimeter" in result["answer"]
    assert answer(demo_engine, "DMS en cardiologie", perimeter=mine)["status"] == "answered"


def test_a_long_name_misspelt_past_correction_is_still_found(demo_engine):
    assert plan_of(demo_engine, "occupency rate in cardiolgy").plan.filter_map == {
        "service": "Cardiologie"
    }
