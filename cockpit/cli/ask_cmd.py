"""`cockpit ask "QUESTION"`: a planner, then the engine; prints the answer or its JSON.

Imports only what answering needs (no web server, no dashboard), so it answers in
well under a second.
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


class ContextError(ValueError):
    """A --context file that cannot be read as a plan; the message names file and fault."""


def read_context(path: Path):
    """The plan in a previous answer's JSON (`cockpit ask --json`) or in a plan JSON."""
    from cockpit.engine import QueryError, QueryPlan

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContextError(f"{path}: cannot read it ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContextError(f"{path}: not a JSON file ({exc})") from None
    if isinstance(data, dict) and data.get("status") not in (None, "answered"):
        raise ContextError(
            f"{path}: that answer has status {data['status']!r}; a follow-up needs an "
            "answered question or a plan"
        )
    try:
        return QueryPlan.from_json(data)
    except QueryError as exc:
        raise ContextError(f"{path}: {exc}") from None


def check_context(engine, plan, path: Path) -> None:
    """The context plan must be one the engine would run (known metric, values, period)."""
    from cockpit.engine import Perimeter, QueryError

    try:
        engine.validate(plan, Perimeter.everything())
    except QueryError as exc:
        raise ContextError(f"{path}: {exc}") from None


def _fail(message: str) -> typer.Exit:
    print(f"error: {message}", file=sys.stderr)
    return typer.Exit(2)


@app.command("ask")
def ask_command(
    question: str = typer.Argument(..., help="A question in French or English."),
    today: str | None = typer.Option(None, "--today", help="Pretend today is YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help="Print the SPEC §6 JSON object."),
    planner: str | None = typer.Option(
        None, "--planner", help="offline | llm | auto (default $COCKPIT_PLANNER, else auto)."
    ),
    context: Path | None = typer.Option(
        None, "--context", help="Previous answer or plan JSON: the question is a follow-up."
    ),
    db: Path | None = typer.Option(None, "--db", help="Warehouse (default $COCKPIT_DB)."),
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
) -> None:
    """Answer a question about a catalogue metric (answered | clarify | refused)."""
    from cockpit.engine import Engine, WarehouseMissing
    from cockpit.nl.ask import ask
    from cockpit.nl.planners import PlannerUnavailable, planner_for

    try:
        reference = date.fromisoformat(today) if today else date.today()
    except ValueError:
        raise _fail(f"--today {today!r} is not a date (YYYY-MM-DD)") from None
    try:
        previous = read_context(context) if context else None
        engine = Engine(warehouse_location(db), config.queries_dir(queries))
        if previous is not None:
            check_context(engine, previous, context)
        chosen = planner_for(engine, planner)
        result = ask(question, engine, today=reference, planner=chosen, previous=previous)
    except (ContextError, WarehouseMissing, PlannerUnavailable) as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return
    typer.echo(result["answer"])
    for number, choice in enumerate(result.get("choices") or [], start=1):
        typer.echo(f"  {number}. {choice['label']}")
    for row in result.get("rows") or []:
        typer.echo("  " + "  ".join(f"{k}={v}" for k, v in row.items()))
