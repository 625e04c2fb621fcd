"""The shipped catalog is complete and valid; a broken definition is named and isolated."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from engine_fixture import write_warehouse

from cockpit.catalog import load_catalog
from cockpit.catalog.required import SPEC_METRIC_IDS
from cockpit.engine import Engine, Perimeter, QueryPlan
from cockpit.periods import Period

QUERIES = Path(__file__).resolve().parent.parent / "queries"


def _cockpit(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cockpit", *args], capture_output=True, text=True, timeout=120
    )


def test_shipped_catalog_is_valid_and_has_every_spec_metric():
    catalog = load_catalog(QUERIES)
    assert catalog.errors == []
    assert set(SPEC_METRIC_IDS) <= set(catalog.metrics)
    for metric in catalog.metrics.values():
        assert metric.label.fr and metric.label.en and metric.owner
        if not metric.hidden:
            assert metric.synonyms.fr and metric.synonyms.en, metric.id


def test_queries_check_command_lists_every_spec_id():
    done = _cockpit("queries", "check", "--queries", str(QUERIES))
    assert done.returncode == 0, done.stdout + done.stderr
    for metric_id in SPEC_METRIC_IDS:
        assert metric_id in done.stdout
    assert "0 error(s)" in done.stdout


@pytest.fixture
def broken_queries(tmp_path):
    directory = tmp_path / "queries"
    shutil.copytree(QUERIES, directory)
    alos = yaml.safe_load((directory / "alos.yaml").read_text(encoding="utf-8"))
    alos["numerator"] = "sum(bed_dayz)"
    (directory / "alos.yaml").write_text(yaml.safe_dump(alos, allow_unicode=True), "utf-8")
    births = yaml.safe_load((directory / "births.yaml").read_text(encoding="utf-8"))
    births["aggregation"] = "median"
    (directory / "births.yaml").write_text(yaml.safe_dump(births, allow_unicode=True), "utf-8")
    (directory / "garbage.yaml").write_text("id: [unclosed\n", "utf-8")
    return directory


def test_broken_definitions_are_named_by_file_and_field(broken_queries):
    catalog = load_catalog(broken_queries)
    errors = {(e.path.name, e.field) for e in catalog.errors}
    assert ("alos.yaml", "numerator") in errors
    assert ("births.yaml", "aggregation") in errors
    assert ("garbage.yaml", "(yaml)") in errors
    message = next(str(e) for e in catalog.errors if e.field == "numerator")
    assert "bed_dayz" in message and "activity" in message
    assert "alos" not in catalog.metrics and "births" not in catalog.metrics


def test_remaining_metrics_still_answer_when_one_is_broken(broken_queries, tmp_path):
    db = tmp_path / "w.duckdb"
    write_warehouse(db)
    engine = Engine(db, broken_queries)
    result = engine.run(
        QueryPlan.build("bed_occupancy_rate", Period.parse("2024-03")), Perimeter.everything()
    )
    assert result.value > 0


def test_queries_check_fails_on_a_broken_copy(broken_queries):
    done = _cockpit("queries", "check", "--queries", str(broken_queries))
    assert done.returncode == 1
    assert "alos.yaml: numerator" in done.stdout
    assert "births.yaml: aggregation" in done.stdout


def test_a_formula_over_a_broken_metric_is_reported_too(tmp_path):
    directory = tmp_path / "queries"
    shutil.copytree(QUERIES, directory)
    (directory / "total_revenue.yaml").unlink()
    catalog = load_catalog(directory)
    fields = {(e.path.name, e.field) for e in catalog.errors}
    assert ("operating_result.yaml", "inputs.revenue.metric") in fields
    # and what depends on operating_result goes too, with its own error
    assert ("self_financing_capacity.yaml", "inputs.result.metric") in fields
    assert "total_expenses" in catalog.metrics


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": "Bad Id"}, "id"),
        ({"dimensions": ["establishment", "ward"]}, "dimensions"),
        ({"unit": "furlongs"}, "unit"),
        ({"label": {"fr": "Entrées"}}, "label.en"),
        ({"filter": "section = 'charges'"}, "filter"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_each_field_rule_names_the_field(tmp_path, change, field):
    directory = tmp_path / "queries"
    directory.mkdir()
    shutil.copy(QUERIES / "dimensions.yaml", directory)
    definition = yaml.safe_load((QUERIES / "admissions.yaml").read_text(encoding="utf-8"))
    definition.update(change)
    (directory / "admissions.yaml").write_text(yaml.safe_dump(definition), "utf-8")
    catalog = load_catalog(directory)
    assert [e.field for e in catalog.errors] == [field]
