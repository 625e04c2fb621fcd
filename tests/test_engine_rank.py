"""Rankings (« quel pôle a le plus… »), plans read back from JSON, and data freshness."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from engine_fixture import write_warehouse

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine, Perimeter, QueryError, QueryPlan, Rank
from cockpit.periods import Period

YEAR = Period.parse("2024-01", "2024-12")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    db = tmp_path_factory.mktemp("rank") / "w.duckdb"
    write_warehouse(db)
    return Engine(db, PROJECT_ROOT / "queries")


def _values(engine, plan, perimeter=Perimeter()):
    return [(r.get("service"), r["value"]) for r in engine.run(plan, perimeter).rows]


@pytest.mark.parametrize("order", ["desc", "asc"])
def test_rank_keeps_the_top_rows_in_value_order(engine, order):
    every = _values(engine, QueryPlan.build("admissions", YEAR, group_by=["service"]))
    expected = sorted(every, key=lambda r: r[1], reverse=order == "desc")[:2]
    plan = QueryPlan.build("admissions", YEAR, group_by=["service"], rank=Rank(order, 2))
    assert _values(engine, plan) == expected


def test_rank_applies_within_each_month_of_a_series(engine):
    plan = QueryPlan.build(
        "admissions", YEAR, grain="month", group_by=["service"], rank={"order": "desc", "limit": 1}
    )
    rows = engine.run(plan, Perimeter()).rows
    assert len(rows) == 12
    for row in rows:
        month = Period.parse(row["period"])
        every = _values(engine, QueryPlan.build("admissions", month, group_by=["service"]))
        assert row["value"] == max(v for _, v in every)


def test_rank_stays_inside_the_perimeter(engine):
    plan = QueryPlan.build("admissions", YEAR, group_by=["pole"], rank=Rank("desc", 5))
    rows = engine.run(plan, Perimeter(pole="Chirurgie")).rows
    assert [r["pole"] for r in rows] == ["Chirurgie"]


@pytest.mark.parametrize(
    "rank, message",
    [
        (Rank("up", 1), "rank.order"),
        (Rank("desc", 0), "rank.limit"),
        (Rank("desc", 1000), "rank.limit"),
    ],
)
def test_invalid_ranks_are_refused(engine, rank, message):
    plan = QueryPlan.build("admissions", YEAR, group_by=["service"], rank=rank)
    with pytest.raises(QueryError, match=message):
        engine.validate(plan, Perimeter())


def test_rank_without_breakdown_is_refused(engine):
    with pytest.raises(QueryError, match="group_by"):
        engine.validate(QueryPlan.build("admissions", YEAR, rank=Rank("desc", 1)), Perimeter())


def test_plan_round_trips_through_json():
    plan = QueryPlan.build(
        "alos", YEAR, filters={"pole": "Médecine"}, group_by=["service"], rank=Rank("asc", 3)
    )
    assert QueryPlan.from_json(plan.as_json()) == plan
    assert plan.as_json()["rank"] == {"order": "asc", "limit": 3}


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "JSON object"),
        ({"period": {"start": "2024-01"}}, "metric"),
        ({"metric": "alos", "period": "2024"}, "period"),
        ({"metric": "alos", "period": {"start": "0000-13"}}, "period"),
        ({"metric": "alos", "period": {"start": "2024-01"}, "filters": {"pole": 3}}, "filters"),
        ({"metric": "alos", "period": {"start": "2024-01"}, "group_by": "pole"}, "group_by"),
        ({"metric": "alos", "period": {"start": "2024-01"}, "rank": {"limit": "x"}}, "limit"),
    ],
)
def test_malformed_plan_json_is_refused_with_the_field(data, message):
    with pytest.raises(QueryError, match=message):
        QueryPlan.from_json(data)


def test_freshness_reports_each_extract_and_warns_when_one_is_behind(tmp_path):
    complete, behind = tmp_path / "complete.duckdb", tmp_path / "behind.duckdb"
    write_warehouse(complete)
    write_warehouse(behind)
    with duckdb.connect(str(behind)) as con:
        con.execute("DELETE FROM finance WHERE period > DATE '2024-10-01'")
    fresh = Engine(complete, PROJECT_ROOT / "queries").freshness(date(2025, 1, 15))
    assert fresh.last_month == date(2024, 12, 1)
    assert fresh.warnings == ()
    engine = Engine(behind, PROJECT_ROOT / "queries")
    fresh = engine.freshness(date(2025, 1, 15))
    assert fresh.last_month == date(2024, 10, 1)
    assert [(w.kind, w.reason) for w in fresh.warnings] == [("finance", "behind_others")]
    late = engine.freshness(date(2025, 6, 1)).as_json()["warnings"]
    assert {w["reason"] for w in late} == {"late", "behind_others"}
