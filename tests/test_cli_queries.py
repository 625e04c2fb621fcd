"""`cockpit queries new` writes a valid template; `cockpit queries explain` prints the SQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cockpit.cli import _register
from cockpit.cli import app as cli

_register()
QUERIES = Path(__file__).resolve().parent.parent / "queries"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_new_writes_a_template_that_passes_check(queries):
    result = invoke("queries", "new", "night_admissions", "--queries", queries)
    assert result.exit_code == 0, result.output
    text = (queries / "night_admissions.yaml").read_text(encoding="utf-8")
    assert "id: night_admissions" in text and "# " in text  # commented for the analyst
    checked = invoke("queries", "check", "--queries", queries)
    assert checked.exit_code == 0, checked.output
    assert "night_admissions" in checked.output


@pytest.mark.parametrize("metric_id, message", [("alos", "already exists"), ("Bad-Id", "snake")])
def test_new_refuses_an_existing_or_malformed_id(queries, metric_id, message):
    def files():  # queries/ holds folders too (national/)
        return {p: p.read_bytes() for p in queries.rglob("*") if p.is_file()}

    before = files()
    result = invoke("queries", "new", metric_id, "--queries", queries)
    assert result.exit_code == 2 and message in result.output
    assert files() == before


def test_explain_prints_the_compiled_sql_with_the_plan_options(demo_warehouse):
    result = invoke(
        "queries", "explain", "alos", "--by", "pole", "--from", "2026-01", "--to", "2026-03",
        "--pole", "Chirurgie", "--db", demo_warehouse,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "f.pole = 'Chirurgie'" in result.output
    assert "BETWEEN DATE '2026-01-01' AND DATE '2026-03-01'" in result.output


def test_explain_works_before_any_data_is_loaded(tmp_path):
    result = invoke("queries", "explain", "births", "--by", "service", "--db", tmp_path / "no.db")
    assert result.exit_code == 0, result.output
    assert "SUM(f.births)" in result.output


def test_explain_reports_an_unknown_dimension(demo_warehouse):
    result = invoke("queries", "explain", "cash", "--by", "service", "--db", demo_warehouse)
    assert result.exit_code == 2
    assert "cannot be broken down or filtered by 'service'" in result.output
