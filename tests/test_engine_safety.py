"""The engine keeps users inside their perimeter, stops slow queries and refuses bad SQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_fixture import E1, E2, write_warehouse

from cockpit.engine import (
    Engine,
    Perimeter,
    PerimeterDenied,
    QueryError,
    QueryPlan,
    QueryTimeout,
    UnknownMetric,
)
from cockpit.periods import Period

QUERIES = Path(__file__).resolve().parent.parent / "queries"
EVERYTHING = Perimeter.everything()
SURGERY = Perimeter(establishment_id=E1, pole="Chirurgie")
QUARTER = Period.parse("2024-01", "2024-03")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("safety") / "cockpit.duckdb"
    write_warehouse(path)
    return Engine(path, QUERIES, timeout_s=2.0)


def test_pole_manager_sees_only_their_pole_without_filter(engine):
    mine = engine.run(QueryPlan.build("admissions", QUARTER), SURGERY).value
    surgery = engine.run(
        QueryPlan.build("admissions", QUARTER, filters={"establishment": E1, "pole": "Chirurgie"}),
        EVERYTHING,
    ).value
    assert mine == surgery
    assert mine < engine.run(QueryPlan.build("admissions", QUARTER), EVERYTHING).value


def test_pole_manager_cannot_filter_on_another_pole(engine):
    with pytest.raises(PerimeterDenied):
        engine.run(QueryPlan.build("admissions", QUARTER, filters={"pole": "Médecine"}), SURGERY)


def test_pole_manager_cannot_reach_another_establishment(engine):
    with pytest.raises(PerimeterDenied):
        engine.run(
            QueryPlan.build("admissions", QUARTER, filters={"establishment": "CH de Rochebrune"}),
            SURGERY,
        )


def test_group_by_pole_within_a_pole_perimeter_returns_only_that_pole(engine):
    result = engine.run(QueryPlan.build("admissions", QUARTER, group_by=["pole"]), SURGERY)
    assert [r["pole"] for r in result.rows] == ["Chirurgie"]
    by_establishment = engine.run(
        QueryPlan.build("admissions", QUARTER, group_by=["establishment"]), SURGERY
    )
    assert [r["establishment"] for r in by_establishment.rows] == ["CH de Vallombre"]


def test_establishment_level_metrics_are_refused_to_a_pole_perimeter(engine):
    for metric in ("cash", "days_of_cash", "debt_payback_years", "self_financing_capacity"):
        with pytest.raises(PerimeterDenied):
            engine.run(QueryPlan.build(metric, QUARTER), SURGERY)


def test_perimeter_is_inside_the_sql(engine):
    for metric in ("staff_cost_share", "t2a_per_fte", "turnover_rate", "admissions"):
        sql = engine.sql_for(QueryPlan.build(metric, QUARTER, compare="previous_year"), SURGERY)
        scans = sql.count(" AS f\n")
        assert scans >= 2  # this year and last year, at least
        assert sql.count("f.pole = 'Chirurgie'") == scans
        assert sql.count(f"f.establishment_id = '{E1}'") == scans


def test_dimension_values_respect_the_perimeter(engine):
    assert engine.dimension_values("pole", SURGERY) == ["Chirurgie"]
    assert engine.dimension_values("pole", EVERYTHING) == ["Chirurgie", "Médecine"]
    assert engine.dimension_values("service", Perimeter(establishment_id=E2)) == [
        "Médecine polyvalente"
    ]


def test_cache_does_not_leak_between_perimeters(engine):
    plan = QueryPlan.build("admissions", QUARTER)
    everything = engine.run(plan, EVERYTHING).value
    assert engine.run(plan, SURGERY).value != everything
    assert engine.run(plan, EVERYTHING).value == everything


def test_slow_query_is_interrupted(engine):
    slow = (
        "SELECT sum(a.fte_paid * b.fte_paid * c.fte_paid * d.fte_paid) FROM hr a, hr b, hr c, hr d"
    )
    with pytest.raises(QueryTimeout):
        engine.run_sql(slow, EVERYTHING, timeout_s=0.2)
    assert engine.run(QueryPlan.build("admissions", QUARTER), EVERYTHING).value > 0


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("DROP TABLE activity", "only SELECT"),
        ("SELECT 1; SELECT 2", "exactly one statement"),
        ("SELECT * FROM read_csv('/etc/passwd')", "not a table"),
        ("SELECT * FROM users", "unknown table"),
        ("SELECT * FROM other.activity", "qualified"),
        ("SELEC * FROM activity", "cannot be parsed"),
    ],
)
def test_free_sql_is_checked_before_it_runs(engine, sql, reason):
    with pytest.raises(QueryError, match=reason):
        engine.run_sql(sql, EVERYTHING)


def test_free_sql_is_row_limited(tmp_path):
    path = tmp_path / "w.duckdb"
    write_warehouse(path)
    small = Engine(path, QUERIES, row_limit=5)
    assert len(small.run_sql("SELECT * FROM hr", EVERYTHING)) == 5


def test_free_sql_is_refused_within_a_perimeter(engine):
    with pytest.raises(PerimeterDenied):
        engine.run_sql("SELECT count(*) FROM activity", SURGERY)


def test_connection_cannot_write_or_read_files(engine):
    cursor = engine.warehouse.files.cursor()
    with pytest.raises(Exception, match="read-only|Permission"):
        cursor.execute("DELETE FROM activity")
    with pytest.raises(Exception, match="Permission|disabled"):
        cursor.execute("SELECT * FROM read_csv('/etc/hostname')")
    with pytest.raises(Exception, match="lock|configuration"):
        cursor.execute("SET enable_external_access = true")


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (QueryPlan.build("nope", QUARTER), "unknown metric"),
        (QueryPlan.build("cash", QUARTER, group_by=["pole"]), "cannot be broken down"),
        (QueryPlan.build("admissions", QUARTER, filters={"pole": "Radiologie"}), "unknown pole"),
        (QueryPlan.build("admissions", QUARTER, grain="week"), "grain"),
        (QueryPlan.build("admissions", QUARTER, compare="forecast"), "compare"),
        (QueryPlan.build("alos", QUARTER, compare="budget"), "no budget"),
    ],
)
def test_invalid_plans_are_refused_with_the_reason(engine, plan, message):
    with pytest.raises((QueryError, UnknownMetric), match=message):
        engine.validate(plan, EVERYTHING)


def test_filter_values_are_matched_case_insensitively_to_canonical(engine):
    assert engine.validate(
        QueryPlan.build("admissions", QUARTER, filters={"pole": "chirurgie"}), EVERYTHING
    ) == {"pole": "Chirurgie"}


def test_unknown_value_lists_only_values_inside_the_perimeter(engine):
    with pytest.raises(QueryError) as refused:
        engine.run(
            QueryPlan.build("admissions", QUARTER, filters={"service": "Radiologie"}), SURGERY
        )
    message = str(refused.value)
    assert "Chirurgie orthopédique" in message
    assert "Cardiologie" not in message and "Médecine polyvalente" not in message
