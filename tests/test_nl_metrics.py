"""Metric linking: the catalog's labels, synonyms and ai_instructions quotes are the only
vocabulary; stems and typos are read; a metric added as a YAML file is askable at once."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from nl_helpers import TODAY, answer, plan_of

from cockpit import config
from cockpit.engine import Engine
from cockpit.nl.lexicon import metric_phrases
from cockpit.nl.outcomes import Clarification, Planned

NEW_METRIC = """\
version: 1
id: er_hospitalisations
label: {fr: "Hospitalisations depuis les urgences", en: "Admissions from the ER"}
description: {fr: "Patients hospitalisés après leur passage aux urgences.", en: "ER admissions."}
domain: activity
unit: count
format: int
aggregation: flow
table: activity
expr: sum(er_admissions)
dimensions: [establishment, site, pole, service]
direction: higher_is_better
synonyms: {fr: ["montées des urgences"], en: ["ER admissions"]}
ai_instructions: 'A flow, summed; also asked as « brancards montés ».'
owner: Tests
"""


@pytest.mark.parametrize(
    "question, metric",
    [
        ("DMS en cardiologie", "alos"),
        ("average length of stay", "alos"),
        ("écart d'ETP au pôle Médecine", "fte_gap"),
        ("taux de chirurgie ambulatoire", "ambulatory_surgery_rate"),
        ("passages aux urgences", "er_visits"),
        ("taux doccupation en pneumologie", "bed_occupancy_rate"),  # apostrophe left out
        ("taux d'occupassion", "bed_occupancy_rate"),  # a typo
        ("le service le moins occupé", "bed_occupancy_rate"),  # a stem
        ("masse salarialle", "payroll_cost"),
        ("heures sup", "overtime_hours"),
        ("TO en chirurgie", "bed_occupancy_rate"),  # « TO » in a French question
        ("la d m s en cardio", "alos"),  # dictated letters
        ("spending on agency staff", "interim_cost"),
    ],
)
def test_metric_is_linked_from_what_people_say(demo_engine, question, metric):
    outcome = plan_of(demo_engine, question)
    assert isinstance(outcome, Planned), outcome
    assert outcome.plan.metric == metric


def test_to_in_an_english_question_is_not_occupancy(demo_engine):
    outcome = plan_of(demo_engine, "Admissions compared to last year")
    assert outcome.plan.metric == "admissions" and outcome.plan.compare == "previous_year"


def test_phrases_quoted_in_ai_instructions_are_vocabulary(demo_engine):
    phrases = metric_phrases(demo_engine.metric("departures"))
    assert ("agents partis", "fr") in phrases and ("staff who left", "en") in phrases


@pytest.fixture
def catalog_with(tmp_path):
    """A copy of the shipped catalog plus the given YAML files."""

    def build(files: dict[str, str]) -> Path:
        queries = tmp_path / "queries"
        shutil.copytree(config.queries_dir(None), queries)
        for name, text in files.items():
            (queries / name).write_text(text, encoding="utf-8")
        return queries

    return build


def test_a_metric_added_as_a_yaml_file_is_askable_by_its_synonyms(demo_warehouse, catalog_with):
    engine = Engine(demo_warehouse, catalog_with({"er_hospitalisations.yaml": NEW_METRIC}))
    for question in ("Combien de montées des urgences en mars ?",
                     "brancards montés en cardiologie en 2025",
                     "ER admissions last month"):  # fmt: skip
        result = answer(engine, question)
        assert result["status"] == "answered" and result["metric"] == "er_hospitalisations"
        assert result["value"] is not None


def test_two_metrics_said_the_same_way_are_asked_back(demo_warehouse, catalog_with):
    twin = NEW_METRIC.replace("er_hospitalisations", "er_hospitalisations_twin")
    files = {"er_hospitalisations.yaml": NEW_METRIC, "er_hospitalisations_twin.yaml": twin}
    engine = Engine(demo_warehouse, catalog_with(files))
    outcome = plan_of(engine, "montées des urgences en mars")
    assert isinstance(outcome, Clarification)
    assert sorted(outcome.candidates) == ["er_hospitalisations", "er_hospitalisations_twin"]
    assert [p.metric for p in outcome.plans] == outcome.candidates
    assert all(f"{p.period.start:%Y-%m}" == f"{TODAY.year}-03" for p in outcome.plans)


def test_no_metric_id_or_label_is_written_in_the_planner_code(demo_engine):
    said = set()
    for metric in demo_engine.metrics():
        said |= {metric.id, metric.label.fr.lower(), metric.label.en.lower()}
    nl = Path(__file__).parents[1] / "cockpit" / "nl"
    for path in nl.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef) and n.body
                      and isinstance(n.body[0], ast.Expr)}  # fmt: skip
        literals = [n for n in ast.walk(tree) if isinstance(n, ast.Constant)]
        for node in literals:
            if isinstance(node.value, str) and id(node) not in docstrings:
                assert node.value.lower() not in said, f"{path.name}: {node.value!r}"


def test_a_numbered_title_names_its_own_expenses(demo_engine):
    assert plan_of(demo_engine, "Dépenses de titre 2 en 2025").plan.metric == "medical_expenses"
    assert plan_of(demo_engine, "charges du titre 4").plan.metric == "depreciation_expenses"


def test_a_question_without_small_words_answers_in_the_catalog_phrase_language(demo_engine):
    assert answer(demo_engine, "Debt payback period")["answer"].startswith("Debt payback period")
    assert answer(demo_engine, "TO pneumo")["metric"] == "bed_occupancy_rate"
