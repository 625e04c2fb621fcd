"""The compiled SQL of every metric × plan shape, kept as files and diffed in review.

A change to the compiler or to a definition shows up as a change of these files.
Regenerate with `COCKPIT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_sql_snapshots.py`
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from engine_fixture import E1, write_warehouse

from cockpit.catalog import load_catalog
from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter, QueryPlan
from cockpit.engine.shapes import plan_shapes
from cockpit.periods import Period

QUERIES = Path(__file__).resolve().parent.parent / "queries"
SNAPSHOTS = Path(__file__).resolve().parent / "sql_snapshots"
UPDATE = os.environ.get("COCKPIT_UPDATE_SNAPSHOTS") == "1"
PERIOD = Period.parse("2024-01", "2024-06")
POLE = Perimeter(establishment_id=E1, pole="Chirurgie")
ESTABLISHMENT = Perimeter(establishment_id=E1)


def shapes(metric: Metric) -> dict[str, tuple[QueryPlan, Perimeter]]:
    """The plan shapes every metric is compiled for (and its budget comparison if any)."""
    return plan_shapes(metric, PERIOD, POLE, ESTABLISHMENT)


def _cases():
    for metric in sorted(load_catalog(QUERIES).metrics.values(), key=lambda m: m.id):
        for shape in shapes(metric):
            yield pytest.param(metric.id, shape, id=f"{metric.id}-{shape}")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("snapshots") / "cockpit.duckdb"
    write_warehouse(path)
    return Engine(path, QUERIES)


@pytest.mark.parametrize(("metric_id", "shape"), list(_cases()))
def test_compiled_sql_matches_its_snapshot(engine, metric_id, shape):
    plan, perimeter = shapes(engine.metric(metric_id))[shape]
    sql = engine.sql_for(plan, perimeter).strip() + "\n"
    snapshot = SNAPSHOTS / metric_id / f"{shape}.sql"
    if UPDATE or not snapshot.exists():
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(sql, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"new snapshot written: {snapshot.relative_to(SNAPSHOTS.parent)}")
    assert sql == snapshot.read_text(encoding="utf-8"), (
        f"compiled SQL of {metric_id} ({shape}) changed: review and regenerate with "
        "COCKPIT_UPDATE_SNAPSHOTS=1"
    )


def test_no_snapshot_is_left_over_from_a_removed_metric_or_shape():
    expected = {
        f"{metric.id}/{shape}.sql"
        for metric in load_catalog(QUERIES).metrics.values()
        for shape in shapes(metric)
    }
    present = {str(p.relative_to(SNAPSHOTS)) for p in SNAPSHOTS.glob("*/*.sql")}
    assert present - expected == set(), "delete the snapshots of removed metrics or shapes"
