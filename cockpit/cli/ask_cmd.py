"""`cockpit ask "QUESTION"`: the chosen planner, then the engine; prints the answer or JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.console import Console

from cockpit import config
from cockpit.cli import app
from cockpit.engine import Engine, WarehouseMissing


@app.command("ask")
def ask_command(
    question: str = typer.Argument(..., help="A question in French or English."),
    today: str | None = typer.Option(None, "--today", help="Pretend today is YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help="Print the SPEC §6 JSON object."),
    db: Path | None = typer.Option(None, "--db", help="Warehouse (default $COCKPIT_DB)."),
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
    planner: str | None = typer.Option(
        None, "--planner", help="offline | llm | auto (default $COCKPIT_PLANNER, else auto)."
    ),
) -> None:
    """Answer a question about a catalogue metric (answered | clarify | refused)."""
    from cockpit.nl.ask import ask
    from cockpit.nl.planners import PlannerUnavailable, planner_for

    err = Console(stderr=True)
    reference = date.fromisoformat(today) if today else date.today()
    try:
        engine = Engine(config.warehouse_path(db), config.queries_dir(queries))
        result = ask(question, engine, today=reference, planner=planner_for(engine, planner))
    except (WarehouseMissing, PlannerUnavailable) as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return
    console = Console()
    console.print(result["answer"], highlight=False, markup=False)
    for row in result.get("rows") or []:
        console.print("  " + "  ".join(f"{k}={v}" for k, v in row.items()), markup=False)
