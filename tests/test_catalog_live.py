"""The live catalog: edits to queries/ reach a running engine; a broken file never takes the
other metrics down, and the last good version of a broken metric keeps answering."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from engine_fixture import write_warehouse

from cockpit.engine import Engine, Perimeter, QueryPlan, UnknownMetric
from cockpit.periods import Period

QUERIES = Path(__file__).resolve().parent.parent / "queries"
YEAR = Period.parse("2024-01", "2024-12")


@pytest.fixture
def setup(tmp_path, queries):
    db = tmp_path / "w.duckdb"
    write_warehouse(db)
    engine = Engine(db, queries)
    engine.live_catalog.check_every_s = 0  # look at the files on every call
    return engine, queries


def _touch(path: Path, text: str) -> None:
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:  # coarse clocks: make the change visible
        os.utime(path, ns=(time.time_ns(), before + 1_000_000))


def _value(engine, metric, **filters):
    return engine.run(QueryPlan.build(metric, YEAR, filters=filters), Perimeter()).value


def test_an_added_file_is_picked_up_without_restart(setup):
    engine, queries = setup
    with pytest.raises(UnknownMetric):
        engine.metric("births_twice")
    text = (queries / "births.yaml").read_text(encoding="utf-8")
    text = text.replace("id: births", "id: births_twice").replace("sum(births)", "2 * sum(births)")
    _touch(queries / "births_twice.yaml", text)
    assert _value(engine, "births_twice") == 2 * _value(engine, "births")


def test_a_changed_definition_is_not_served_from_the_cache(setup):
    engine, queries = setup
    before = _value(engine, "births")
    path = queries / "births.yaml"
    _touch(path, path.read_text(encoding="utf-8").replace("sum(births)", "sum(births) * 10"))
    assert _value(engine, "births") == pytest.approx(10 * before)


def test_a_broken_file_keeps_its_last_good_version_and_the_others_answer(setup):
    engine, queries = setup
    before = _value(engine, "alos")
    path = queries / "alos.yaml"
    _touch(path, path.read_text(encoding="utf-8").replace("sum(bed_days)", "sum(bed_dayz)"))
    assert _value(engine, "alos") == before
    assert _value(engine, "admissions") is not None
    errors = [str(e) for e in engine.catalog.errors]
    assert any("alos.yaml: numerator: unknown column(s) bed_dayz" in e for e in errors), errors
    assert any("alos.yaml" in e and "last good version" in e for e in errors), errors
    _touch(path, (QUERIES / "alos.yaml").read_text(encoding="utf-8"))
    assert engine.catalog.errors == []


def test_a_removed_file_removes_its_metric(setup):
    engine, queries = setup
    (queries / "births.yaml").unlink()
    with pytest.raises(UnknownMetric):
        engine.metric("births")


def test_a_broken_registry_keeps_the_last_good_dimensions(setup):
    engine, queries = setup
    before = _value(engine, "admissions", site="Vallombre-Nord")
    path = queries / "dimensions.yaml"
    _touch(path, path.read_text(encoding="utf-8").replace("structure: site", "structure: floor"))
    assert _value(engine, "admissions", site="Vallombre-Nord") == before
    errors = [str(e) for e in engine.catalog.errors]
    assert any("dimensions.yaml: dimensions.site.structure" in e for e in errors), errors
    assert any("admissions.yaml" in e and "last good version" in e for e in errors), errors
