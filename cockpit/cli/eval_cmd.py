"""`cockpit eval QUESTIONS.jsonl`: a planner's accuracy against expected plans.

Each line: {"question", "today", "expect": {status, metric, period, filters, grain,
group_by, compare, rank}}; only keys present in `expect` are compared. Status
"not_answered" accepts clarify or refused. Prints the accuracy of whole plans and of
each field, then the misses with what was expected and what came.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer

from cockpit import config
from cockpit.cli import app
from cockpit.warehouse.backends.location import warehouse_location

FIELDS = ("status", "metric", "period", "filters", "grain", "group_by", "compare", "rank")


def check(expect: dict, got: dict) -> list[str]:
    """The differences between an expected plan and an ask() result (empty = correct)."""
    status = expect.get("status")
    if status == "not_answered":
        return [] if got["status"] != "answered" else ["status"]
    if status and got["status"] != status:
        return ["status"]
    return [key for key, value in expect.items() if key != "status" and got.get(key) != value]


def evaluate(path: Path, engine, planner=None) -> list[tuple[dict, dict, list[str]]]:
    """(case, answer, wrong fields) for each question of a JSONL file."""
    from cockpit.nl.ask import ask

    results = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        today = date.fromisoformat(case["today"]) if case.get("today") else date.today()
        got = ask(case["question"], engine, today=today, planner=planner)
        results.append((case, got, check(case.get("expect", {}), got)))
    return results


def field_accuracy(results) -> dict[str, tuple[int, int]]:
    """field → (right, asked) over the cases whose expectation names that field."""
    scores: dict[str, tuple[int, int]] = {}
    for case, _got, wrong in results:
        expect = case.get("expect", {})
        for field in FIELDS:
            if field in expect and (field == "status" or "status" not in wrong):
                right, asked = scores.get(field, (0, 0))
                scores[field] = (right + (field not in wrong), asked + 1)
    return scores


@app.command("eval")
def eval_command(
    questions: Path = typer.Argument(..., help="JSONL file of questions with expected plans."),
    planner: str | None = typer.Option(
        None, "--planner", help="offline | llm | auto (default $COCKPIT_PLANNER, else auto)."
    ),
    db: Path | None = typer.Option(None, "--db", help="Warehouse (default $COCKPIT_DB)."),
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
) -> None:
    """Run each question and compare to its expected plan; print the accuracy."""
    from cockpit.engine import Engine, WarehouseMissing
    from cockpit.nl.planners import PlannerUnavailable, planner_for

    try:
        engine = Engine(warehouse_location(db), config.queries_dir(queries))
        results = evaluate(questions, engine, planner_for(engine, planner))
    except (OSError, json.JSONDecodeError, WarehouseMissing, PlannerUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    correct = sum(not wrong for *_, wrong in results)
    typer.echo(f"NL eval — {questions.name}, {len(results)} questions")
    for field, (right, asked) in field_accuracy(results).items():
        typer.echo(f"  {field:<9} {right}/{asked}")
    for case, got, wrong in results:
        if wrong:
            typer.echo(f"✗ {case['question']}")
            for field in wrong:
                typer.echo(f"    {field}: expected {case['expect'].get(field)!r}, "
                           f"got {got.get(field)!r}")  # fmt: skip
    typer.echo(f"accuracy: {correct}/{len(results)} = {correct / (len(results) or 1):.3f}")
