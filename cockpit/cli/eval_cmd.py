"""`cockpit eval QUESTIONS.jsonl`: NL accuracy report against expected plans.

Each line: {"question", "today", "expect": {status, metric, period, filters, grain,
group_by, compare}}; only keys present in `expect` are compared. Status
"not_answered" accepts clarify or refused.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cockpit import config
from cockpit.cli import app
from cockpit.engine import Engine


def check(expect: dict, got: dict) -> list[str]:
    """The differences between an expected plan and an ask() result (empty = correct)."""
    wrong = []
    status = expect.get("status")
    if status == "not_answered":
        return [] if got["status"] != "answered" else ["status"]
    if status and got["status"] != status:
        return ["status"]
    for key, value in expect.items():
        if key != "status" and got.get(key) != value:
            wrong.append(key)
    return wrong


def evaluate(path: Path, engine, planner=None) -> list[tuple[dict, dict, list[str]]]:
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


@app.command("eval")
def eval_command(
    questions: Path = typer.Argument(..., help="JSONL file of questions with expected plans."),
    db: Path | None = typer.Option(None, "--db", help="Warehouse (default $COCKPIT_DB)."),
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
    planner: str | None = typer.Option(
        None, "--planner", help="offline | llm | auto (default $COCKPIT_PLANNER, else auto)."
    ),
) -> None:
    """Run each question and compare to its expected plan; print the accuracy."""
    from cockpit.nl.planners import PlannerUnavailable, planner_for

    engine = Engine(config.warehouse_path(db), config.queries_dir(queries))
    try:
        chosen = planner_for(engine, planner)
    except PlannerUnavailable as exc:
        Console(stderr=True).print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    results = evaluate(questions, engine, chosen)
    table = Table(title=f"NL eval — {questions.name}")
    for column in ("ok", "question", "status", "metric", "period", "wrong"):
        table.add_column(column)
    for case, got, wrong in results:
        period = got.get("period") or {}
        table.add_row(
            "✓" if not wrong else "✗",
            case["question"],
            got["status"],
            got.get("metric") or "",
            f"{period.get('start', '')}..{period.get('end', '')}" if period else "",
            ", ".join(wrong),
        )
    console = Console(width=200)
    console.print(table)
    correct = sum(not w for _, _, w in results)
    total = len(results) or 1
    console.print(f"accuracy: {correct}/{len(results)} = {correct / total:.3f}")
