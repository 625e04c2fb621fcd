"""`cockpit queries test`: each definition's `checks` on the fixture, without writing Python."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from typer.testing import CliRunner

from cockpit.catalog import load_catalog
from cockpit.cli import _register
from cockpit.cli import app as cli

_register()
QUERIES = Path(__file__).resolve().parent.parent / "queries"

# Admissions of the fixture's Rochebrune service in February 2024 (see cockpit/demo/fixture.py:
# 100 + 10 × service index 2 + month index 13) and twice that for the doubled metric.
FEBRUARY_ROCHEBRUNE = 100 + 10 * 2 + 13


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _add_metric(queries: Path, expect: float) -> None:
    definition = yaml.safe_load((QUERIES / "admissions.yaml").read_text(encoding="utf-8"))
    definition.pop("placement")  # no card: the copy's would take admissions' place
    definition.update(
        id="admissions_doubled",
        label={"fr": "Entrées doublées", "en": "Doubled admissions"},
        expr="2 * sum(admissions)",
        checks=[{"period": "2024-02", "filters": {"establishment": "990000020"}, "expect": expect}],
    )
    text = yaml.safe_dump(definition, allow_unicode=True, sort_keys=False)
    (queries / "admissions_doubled.yaml").write_text(text, encoding="utf-8")


def test_a_new_metric_is_tested_by_its_checks(queries):
    _add_metric(queries, 2 * FEBRUARY_ROCHEBRUNE)
    result = invoke("queries", "test", "admissions_doubled", "--queries", queries)
    assert result.exit_code == 0, result.output
    assert "1/1 checks passed" in result.output


def test_a_wrong_expected_value_fails_and_shows_both(queries):
    _add_metric(queries, 2 * FEBRUARY_ROCHEBRUNE + 1)
    result = invoke("queries", "test", "admissions_doubled", "--queries", queries)
    assert result.exit_code == 1
    assert "0/1 checks passed" in result.output
    assert str(2 * FEBRUARY_ROCHEBRUNE) in result.output


def test_a_malformed_check_is_reported_by_file_and_field(queries):
    path = queries / "births.yaml"
    text = path.read_text(encoding="utf-8") + "checks:\n- {period: 2024-13, expect: 1}\n"
    path.write_text(text, encoding="utf-8")
    result = invoke("queries", "check", "--queries", queries)
    assert result.exit_code == 1
    assert "births.yaml: checks.0.period:" in result.output


def test_an_unknown_metric_is_named(queries):
    result = invoke("queries", "test", "nope", "--queries", queries)
    assert result.exit_code == 2 and "unknown metric 'nope'" in result.output


def test_fixture_writes_the_extracts_an_analyst_can_open(tmp_path):
    result = invoke("queries", "fixture", "--out", tmp_path / "fx")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "fx").iterdir()) == [
        "activity.csv", "finance.csv", "hr.csv", "structure.csv", "targets.csv", "treasury.csv",
    ]  # fmt: skip


def test_the_shipped_catalog_passes_its_checks():
    result = invoke("queries", "test")
    assert result.exit_code == 0, result.output
    passed, total = re.search(r"(\d+)/(\d+) checks passed", result.output).groups()
    assert passed == total and int(total) >= 3 * len(load_catalog(QUERIES).visible())


def test_every_visible_shipped_metric_has_checks_with_and_without_filters():
    for metric in load_catalog(QUERIES).visible():
        assert any(not c.filters for c in metric.checks), metric.id
        assert any(c.filters for c in metric.checks), metric.id
