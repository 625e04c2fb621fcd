"""The whole catalog gives the same answers on DuckDB, on a real PostgreSQL server and on
Spark (local mode): every metric, every plan shape (one figure, a monthly series, a
breakdown, a ranking, N-1 and budget comparisons, a filter, a pole perimeter), to 1e-9
relative, from the same demo extracts ingested into each.

Spark answers small queries in about a second each, so the plans run on a few threads
(one Spark session for the whole test session) and each test only compares."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime

import pytest

from cockpit import config
from cockpit.catalog import load_catalog
from cockpit.engine import Engine, Perimeter, QueryPlan
from cockpit.engine.shapes import breakdown_of, plan_shapes
from cockpit.engine.targets import all_targets
from cockpit.national.service import National, NoNationalData
from cockpit.periods import Period
from cockpit.warehouse.ingest import ingest_files

pytestmark = pytest.mark.slow

PERIOD = Period.parse("2025-07", "2026-06")
VALLOMBRE = "990000012"
POLE = Perimeter(establishment_id=VALLOMBRE, pole="Chirurgie")
ESTABLISHMENT = Perimeter(establishment_id=VALLOMBRE)
# Small data: Spark's code generation and adaptive re-planning cost more than they save.
SPARK_SMALL = "spark.sql.codegen.wholeStage=false&spark.sql.adaptive.enabled=false"
METRICS = sorted(load_catalog(config.queries_dir(None)).metrics)


def plans_of(engine: Engine, metric_id: str) -> dict[str, tuple[QueryPlan, Perimeter]]:
    metric = engine.metric(metric_id)
    shapes = plan_shapes(metric, PERIOD, POLE, ESTABLISHMENT)
    by = breakdown_of(metric)
    place = {"establishment": VALLOMBRE} if by != "establishment" else {"pole": "Médecine"}
    if by == "pole" and "service" in metric.dimensions:
        shapes["filter_by_service"] = (
            QueryPlan.build(metric_id, PERIOD, filters={"pole": "Médecine"}, group_by=["service"]),
            Perimeter.everything(),
        )
    if set(place) <= set(metric.dimensions):
        shapes["filter_quarters"] = (
            QueryPlan.build(metric_id, PERIOD, grain="quarter", filters=place),
            Perimeter.everything(),
        )
    return shapes


def answers(engine: Engine, threads: int) -> dict[tuple[str, str], object]:
    """(metric, shape) → the rows of Engine.run, or the error it raised."""
    cases = [(m, s, *plan) for m in METRICS for s, plan in plans_of(engine, m).items()]

    def run(case):
        metric_id, shape, plan, perimeter = case
        try:
            return (metric_id, shape), engine.run(plan, perimeter).rows
        except Exception as exc:  # compared too: both engines must refuse alike
            return (metric_id, shape), f"{type(exc).__name__}: {exc}"

    with ThreadPoolExecutor(threads) as pool:
        return dict(pool.map(run, cases))


def same(left, right) -> bool:
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list | tuple) and isinstance(right, list | tuple):
        return len(left) == len(right) and all(map(same, left, right))
    return left == right


@pytest.fixture(scope="module")
def duckdb_engine(demo_warehouse):
    return Engine(demo_warehouse, config.queries_dir(None))


@pytest.fixture(scope="module")
def postgres_engine(postgres_url, demo_extracts):
    ingest_files(sorted(demo_extracts.glob("*.csv")), postgres_url, user="tests")
    engine = Engine(postgres_url, config.queries_dir(None))
    yield engine
    engine.warehouse.close()


@pytest.fixture(scope="module")
def spark_engine(tmp_path_factory, demo_extracts):
    root = tmp_path_factory.mktemp("spark")
    url = f"spark+local://{root}?{SPARK_SMALL}"
    ingest_files(sorted(demo_extracts.glob("*.csv")), url, user="tests")
    return Engine(url, config.queries_dir(None))


@pytest.fixture(scope="module")
def reference(duckdb_engine):
    return answers(duckdb_engine, threads=1)


@pytest.fixture(scope="module")
def on_postgres(postgres_engine):
    return answers(postgres_engine, threads=4)


@pytest.fixture(scope="module")
def on_spark(spark_engine):
    return answers(spark_engine, threads=4)


def _differences(reference: dict, other: dict, metric_id: str) -> list[str]:
    found = []
    for (metric, shape), expected in reference.items():
        if metric == metric_id and not same(expected, other[(metric, shape)]):
            found.append(f"{shape}: DuckDB {expected!r}\n  other  {other[(metric, shape)]!r}")
    return found


@pytest.mark.parametrize("metric_id", METRICS)
def test_postgresql_answers_as_duckdb(reference, on_postgres, metric_id):
    assert _differences(reference, on_postgres, metric_id) == []


@pytest.mark.parametrize("metric_id", METRICS)
def test_spark_answers_as_duckdb(reference, on_spark, metric_id):
    assert _differences(reference, on_spark, metric_id) == []


def test_every_metric_has_figures_so_the_comparison_means_something(reference):
    empty = [key for key, rows in reference.items() if isinstance(rows, list) and not rows]
    refused = [key for key, rows in reference.items() if isinstance(rows, str)]
    assert len(empty) + len(refused) < len(reference) / 5
    assert {m for (m, _), rows in reference.items() if isinstance(rows, list) and rows} == set(
        METRICS
    )


@pytest.mark.parametrize("other", ["postgres_engine", "spark_engine"])
def test_dimensions_targets_and_freshness_agree(request, duckdb_engine, other):
    engine = request.getfixturevalue(other)
    assert engine.establishments() == duckdb_engine.establishments()
    assert engine.organisation() == duckdb_engine.organisation()
    for dimension in ("establishment", "site", "pole", "service", "staff_category", "account"):
        for perimeter in (Perimeter.everything(), POLE):
            assert engine.dimension_values(dimension, perimeter) == (
                duckdb_engine.dimension_values(dimension, perimeter)
            )
    assert engine.months_available() == duckdb_engine.months_available()
    assert all_targets(engine) == all_targets(duckdb_engine)
    today = date(2026, 11, 20)
    mine, theirs = engine.freshness(today), duckdb_engine.freshness(today)
    assert [(k.kind, k.last_month) for k in mine.kinds] == [
        (k.kind, k.last_month) for k in theirs.kinds
    ]
    assert all(isinstance(k.loaded_at, datetime) for k in mine.kinds)
    assert mine.warnings == theirs.warnings


@pytest.mark.parametrize("other", ["postgres_engine", "spark_engine"])
def test_the_national_comparison_says_no_data_there_rather_than_failing(request, other):
    """The public files are imported into DuckDB only: elsewhere the page says there is
    nothing to compare with (it used to ask DuckDB's catalogue, a 500 on PostgreSQL)."""
    engine = request.getfixturevalue(other)
    assert engine.has_table("activity") and not engine.has_table("national_value")
    with pytest.raises(NoNationalData):
        National(engine).target(VALLOMBRE)
