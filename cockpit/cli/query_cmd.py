"""`cockpit query METRIC …`: one plan through the engine, printed as a table or JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cockpit import config
from cockpit.cli import app
from cockpit.engine import Engine, Perimeter, QueryError, QueryPlan, WarehouseMissing
from cockpit.engine.filters import FilterError, parse_filters
from cockpit.periods import Period, PeriodError, last_complete_month, parse_month
from cockpit.warehouse.backends.location import warehouse_location


def _filters(pole, service, establishment, pairs: list[str]) -> dict[str, str]:
    shortcuts = {"pole": pole, "service": service, "establishment": establishment}
    try:
        return parse_filters(pairs, shortcuts)
    except FilterError as exc:
        raise typer.BadParameter(str(exc), param_hint="--filter") from exc


def _period(start: str | None, end: str | None, today: date) -> Period:
    last = last_complete_month(today)
    try:
        first = parse_month(start) if start else (parse_month(end) if end else last)
        return Period(first, parse_month(end) if end else (last if start else first))
    except PeriodError as exc:
        raise typer.BadParameter(str(exc), param_hint="--from/--to") from exc


def _shown(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.4f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


@app.command("query")
def query(
    metric: str = typer.Argument(..., help="Metric id, e.g. bed_occupancy_rate."),
    start: str | None = typer.Option(None, "--from", help="First month, YYYY-MM."),
    end: str | None = typer.Option(None, "--to", help="Last month, YYYY-MM."),
    grain: str | None = typer.Option(None, "--grain", help="month | quarter | year."),
    pole: str | None = typer.Option(None, "--pole"),
    service: str | None = typer.Option(None, "--service"),
    establishment: str | None = typer.Option(None, "--establishment", help="Name or FINESS."),
    filter_: list[str] = typer.Option([], "--filter", help="DIM=VALUE, repeatable."),
    by: list[str] = typer.Option([], "--by", help="Group-by dimension, repeatable."),
    compare: str | None = typer.Option(None, "--compare", help="previous_year|budget|target"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    show_sql: bool = typer.Option(False, "--show-sql", help="Print the SQL that ran."),
    explain: bool = typer.Option(False, "--explain", help="Print the SQL, do not run it."),
    today: str | None = typer.Option(None, "--today", help="Pretend today is YYYY-MM-DD."),
    db: Path | None = typer.Option(None, "--db", help="Warehouse (default $COCKPIT_DB)."),
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
) -> None:
    """Compute one metric (no period: the last complete month)."""
    err = Console(stderr=True)
    reference = date.fromisoformat(today) if today else date.today()
    plan = QueryPlan.build(
        metric,
        _period(start, end, reference),
        grain=grain,
        filters=_filters(pole, service, establishment, filter_),
        group_by=by,
        compare=compare,
    )
    engine = Engine(warehouse_location(db), config.queries_dir(queries))
    if explain:
        _explain(engine, plan, err)
        return
    try:
        result = engine.run(plan, Perimeter.everything())
    except (QueryError, WarehouseMissing) as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    console = Console()
    label = engine.metric(metric).label.en
    table = Table(title=f"{label} ({result.unit}) — {plan.period}")
    for column in result.columns:
        table.add_column(column, justify="right" if column not in plan.group_by else "left")
    for row in result.rows:
        table.add_row(*(_shown(row.get(c)) for c in result.columns))
    console.print(table)
    for note in result.notes:
        console.print(f"[yellow]note:[/] {note}")
    if show_sql:
        console.print(result.sql, highlight=False, markup=False)


def _explain(engine: Engine, plan: QueryPlan, err: Console) -> None:
    """The SQL of a plan; without a warehouse, filter values are taken as written."""
    try:
        sql = engine.sql_for(plan, Perimeter.everything())
    except WarehouseMissing:
        err.print("[yellow]note:[/] no warehouse: filter values are not checked", highlight=False)
        try:
            sql = engine.sql_for(plan, Perimeter.everything(), check_values=False)
        except QueryError as exc:
            err.print(f"[bold red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2) from exc
    except QueryError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    typer.echo(sql)
