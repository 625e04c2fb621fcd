"""Follow-ups keep the previous plan and change only what the new question says."""

from __future__ import annotations

import pytest
from nl_helpers import answer, months, plan_of

from cockpit.engine import QueryPlan, Rank
from cockpit.nl.outcomes import Clarification, Planned, Refusal


@pytest.fixture
def march_surgery(demo_engine):
    return plan_of(demo_engine, "Taux d'occupation du pôle Chirurgie en mars").plan


def follow(engine, question, previous):
    outcome = plan_of(engine, question, previous)
    assert isinstance(outcome, Planned), outcome
    return outcome.plan


def test_another_place_replaces_the_place(demo_engine, march_surgery):
    plan = follow(demo_engine, "et pour la Médecine ?", march_surgery)
    assert plan.metric == "bed_occupancy_rate" and plan.filter_map == {"pole": "Médecine"}
    assert plan.period == march_surgery.period
    english = follow(demo_engine, "and for cardiology?", march_surgery)
    assert english.filter_map == {"service": "Cardiologie"}
    surgery = follow(demo_engine, "and for surgery?", english)  # the pole, not the metric
    assert surgery.metric == "bed_occupancy_rate" and surgery.filter_map == {"pole": "Chirurgie"}


def test_last_year_means_the_same_months_a_year_earlier(demo_engine, march_surgery):
    plan = follow(demo_engine, "et l'an dernier ?", march_surgery)
    assert months(plan) == ("2025-03", "2025-03") and plan.filter_map == {"pole": "Chirurgie"}


def test_same_thing_in_another_month(demo_engine, march_surgery):
    plan = follow(demo_engine, "même chose en février", march_surgery)
    assert months(plan) == ("2026-02", "2026-02") and plan.metric == march_surgery.metric


def test_a_breakdown_is_added_and_the_place_kept(demo_engine, march_surgery):
    plan = follow(demo_engine, "et par service ?", march_surgery)
    assert plan.group_by == ("service",) and plan.filter_map == {"pole": "Chirurgie"}


def test_the_top_five_of_the_previous_breakdown(demo_engine):
    by_service = plan_of(demo_engine, "Heures supplémentaires par service en 2025").plan
    plan = follow(demo_engine, "et les 5 premiers ?", by_service)
    assert plan.group_by == ("service",) and plan.rank == Rank("desc", 5)


def test_another_metric_keeps_place_and_period(demo_engine, march_surgery):
    plan = follow(demo_engine, "et la DMS ?", march_surgery)
    assert plan.metric == "alos" and plan.filter_map == {"pole": "Chirurgie"}
    assert plan.period == march_surgery.period


def test_the_whole_hospital_drops_the_place(demo_engine, march_surgery):
    plan = follow(demo_engine, "et pour tout l'hôpital ?", march_surgery)
    assert plan.filter_map == {}


def test_a_filter_on_the_breakdown_dimension_ends_that_breakdown(demo_engine):
    by_pole = plan_of(demo_engine, "Taux d'occupation par pôle en mars").plan
    plan = follow(demo_engine, "et pour la Chirurgie ?", by_pole)
    assert plan.filter_map == {"pole": "Chirurgie"} and plan.group_by == ()


def test_nothing_said_asks_back_and_refusals_still_refuse(demo_engine, march_surgery):
    assert isinstance(plan_of(demo_engine, "et alors ?", march_surgery), Clarification)
    assert isinstance(plan_of(demo_engine, "supprime tout", march_surgery), Refusal)
    assert isinstance(plan_of(demo_engine, "et pour Mme Leroy ?", march_surgery), Refusal)


def test_a_previous_answer_read_back_from_json_is_a_context(demo_engine):
    previous = QueryPlan.from_json(answer(demo_engine, "Taux d'occupation du pôle Chirurgie"))
    result = answer(demo_engine, "et pour la Gériatrie ?", previous=previous)
    assert result["status"] == "answered" and result["filters"] == {"pole": "Gériatrie"}


def test_an_invalid_previous_plan_is_refused_not_run(demo_engine):
    bad = QueryPlan.from_json({"metric": "nope", "period": {"start": "2026-01"}})
    result = answer(demo_engine, "et l'an dernier ?", previous=bad)
    assert result["status"] == "refused" and "nope" in result["answer"]
