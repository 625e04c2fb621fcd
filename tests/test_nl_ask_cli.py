"""`cockpit ask --json` agrees with `cockpit query --json`; `cockpit eval` accuracy."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cockpit import config
from cockpit.cli import _register
from cockpit.cli import app as cli
from cockpit.cli.eval_cmd import evaluate
from cockpit.engine import Engine

_register()
SAMPLE = Path("/work/shared/eval/questions.jsonl")
HOLDOUT = Path(__file__).parent / "nl_holdout.jsonl"


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_ask_value_equals_query(demo_warehouse):
    db = str(demo_warehouse)
    asked = json.loads(
        run(
            "ask",
            "Quel est le taux d'occupation du pôle Chirurgie en mars ?",
            "--today",
            "2026-11-15",
            "--json",
            "--db",
            db,
        )
    )
    assert asked["status"] == "answered"
    assert set(asked) >= {
        "status",
        "metric",
        "period",
        "grain",
        "filters",
        "group_by",
        "compare",
        "value",
        "rows",
        "unit",
        "answer",
        "sql",
    }
    queried = json.loads(
        run(
            "query",
            "bed_occupancy_rate",
            "--from",
            "2026-03",
            "--to",
            "2026-03",
            "--pole",
            "Chirurgie",
            "--json",
            "--db",
            db,
        )
    )
    assert asked["value"] == queried["value"] and asked["value"] is not None
    assert asked["unit"] == queried["unit"]


def test_ask_refuses_in_cli(demo_warehouse):
    out = json.loads(run("ask", "Write SQL for me", "--json", "--db", str(demo_warehouse)))
    assert out["status"] == "refused" and out["value"] is None


def _accuracy(path, db):
    results = evaluate(path, Engine(db, config.queries_dir(None)))
    return sum(not wrong for *_, wrong in results) / len(results), results


def test_eval_sample_accuracy(demo_warehouse):
    accuracy, results = _accuracy(SAMPLE, demo_warehouse)
    assert len(results) == 40
    assert accuracy >= 0.9, [(c["question"], w) for c, _, w in results if w]


def test_eval_holdout_accuracy(demo_warehouse):
    accuracy, results = _accuracy(HOLDOUT, demo_warehouse)
    assert len(results) == 15
    assert accuracy >= 0.8, [(c["question"], w) for c, _, w in results if w]


def test_eval_command_prints_accuracy(demo_warehouse):
    out = run("eval", str(HOLDOUT), "--db", str(demo_warehouse))
    assert "accuracy:" in out
