"""`cockpit forecast METRIC` prints the landing of SPEC §6 (JSON or a table) and says why it
refuses; `cockpit forecast backtest` prints the model against the pro rata."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from forecast_fixture import ORTHO, write

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine, Perimeter
from cockpit.forecast import land


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return write(tmp_path_factory.mktemp("cli-forecast") / "w.duckdb")


def cockpit(db, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "cockpit", "forecast", *args, "--db", str(db)]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=PROJECT_ROOT)


def test_json_has_the_spec_fields_and_the_landing_of_the_library(db):
    done = cockpit(db, "admissions", "--year", "2024", "--as-of", "2024-03",
                   "--service", ORTHO[1], "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    expected = land(Engine(db, PROJECT_ROOT / "queries"), "admissions", Perimeter.everything(),
                    2024, date(2024, 3, 1), {"service": ORTHO[1]}).as_json()  # fmt: skip
    for field in ("metric", "year", "as_of", "value", "low", "high", "method",
                  "actual_to_date", "budget"):  # fmt: skip
        assert payload[field] == expected[field]
    assert payload["as_of"] == "2024-03" and payload["actual_to_date"] == 360


def test_the_table_shows_the_landing_its_interval_and_the_pro_rata(db):
    done = cockpit(db, "staff_expenses", "--year", "2024", "--as-of", "2024-06")
    assert done.returncode == 0, done.stderr
    for words in ("Landing", "80 % interval", "Actual to 2024-06", "Budget", "pro rata"):
        assert words in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [(["installed_beds"], "stock"), (["admissions", "--as-of", "2025-09"], "end at 2025-06"),
     (["admissions", "--filter", "pole=Pédiatrie"], "unknown pole"),
     (["no_such_metric"], "unknown metric")],
)  # fmt: skip
def test_a_refusal_says_why_and_exits_with_2(db, args, message):
    done = cockpit(db, *args)
    assert done.returncode == 2
    assert message in " ".join(done.stderr.split())


def test_a_malformed_month_is_a_usage_error(db):
    done = cockpit(db, "admissions", "--as-of", "2025-13")
    assert done.returncode == 2 and "YYYY-MM" in done.stderr


def test_backtest_prints_the_error_by_month_for_both_methods(db):
    done = cockpit(db, "backtest", "--metrics", "admissions,staff_expenses", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)["summary"]
    months = summary["all"]["mape_model"]
    assert set(months) == {str(m) for m in range(1, 12)}
    assert set(summary["all"]["mape_reference"]) == set(months)
    table = cockpit(db, "backtest", "--metrics", "admissions")
    assert "activity counts" in table.stdout and "pro rata MAPE" in table.stdout
