"""`cockpit query` prints what the engine computes, as JSON or a table, and explains errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from engine_fixture import write_warehouse

from cockpit.engine import Engine, Perimeter, QueryPlan
from cockpit.periods import Period

QUERIES = Path(__file__).resolve().parent.parent / "queries"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "w.duckdb"
    write_warehouse(path)
    return path


def cockpit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cockpit", *args], capture_output=True, text=True, timeout=120
    )


def test_json_value_equals_the_engine(db):
    done = cockpit(
        "query",
        "alos",
        "--db",
        str(db),
        "--from",
        "2024-01",
        "--to",
        "2024-03",
        "--pole",
        "Médecine",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    plan = QueryPlan.build("alos", Period.parse("2024-01", "2024-03"), filters={"pole": "Médecine"})
    assert payload["value"] == Engine(db, QUERIES).run(plan, Perimeter()).value
    assert payload["unit"] == "days"
    assert payload["period"] == {"start": "2024-01", "end": "2024-03"}
    assert payload["filters"] == {"pole": "Médecine"}
    assert "FROM activity" in payload["sql"]


def test_json_rows_for_a_breakdown(db):
    done = cockpit(
        "query",
        "admissions",
        "--db",
        str(db),
        "--from",
        "2024-01",
        "--to",
        "2024-02",
        "--grain",
        "month",
        "--by",
        "pole",
        "--json",
    )
    payload = json.loads(done.stdout)
    assert [(r["period"], r["pole"]) for r in payload["rows"]] == [
        ("2024-01", "Chirurgie"),
        ("2024-01", "Médecine"),
        ("2024-02", "Chirurgie"),
        ("2024-02", "Médecine"),
    ]
    assert "value" not in payload


def test_default_period_is_the_last_complete_month(db):
    done = cockpit("query", "admissions", "--db", str(db), "--today", "2024-07-15", "--json")
    assert json.loads(done.stdout)["period"] == {"start": "2024-06", "end": "2024-06"}


def test_table_output_and_sql(db):
    done = cockpit("query", "cash", "--db", str(db), "--to", "2024-06", "--show-sql")
    assert done.returncode == 0
    assert "Cash" in done.stdout and "arg_max" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pole", "Radiologie"], "unknown pole 'Radiologie'"),
        (["--by", "account"], "cannot be broken down or filtered by 'account'"),
        (["--from", "2024-13"], "not a month"),
        (["--filter", "pole"], "expected DIM:VALUE or DIM=VALUE"),
    ],
)
def test_errors_say_what_is_wrong(db, args, message):
    done = cockpit("query", "admissions", "--db", str(db), *args)
    assert done.returncode == 2
    assert message in " ".join((done.stderr + done.stdout).split())


def test_missing_warehouse_is_explained(tmp_path):
    done = cockpit("query", "admissions", "--db", str(tmp_path / "none.duckdb"))
    assert done.returncode == 2
    assert "cockpit ingest" in done.stderr
