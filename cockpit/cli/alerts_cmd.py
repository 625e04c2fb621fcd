"""`cockpit alerts`: a month's threshold, budget and seasonal alerts in one list, worst first,
for the whole warehouse or inside an account's perimeter (`--user`)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cockpit import config
from cockpit.cli import app
from cockpit.cli.answer_options import LangOption, StateOption, UserOption, perimeter_of
from cockpit.engine import Engine, QueryError, WarehouseMissing
from cockpit.periods import PeriodError, month_label, parse_month


@app.command("alerts")
def alerts(
    as_of: str | None = typer.Option(None, "--as-of", help="The month, YYYY-MM (default: latest)."),
    user: str | None = UserOption,
    state: Path | None = StateOption,
    lang: str = LangOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: Path | None = typer.Option(None, "--db", help="Warehouse (default $COCKPIT_DB)."),
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
) -> None:
    """Threshold, budget and seasonal alerts of a month, one per metric × scope, worst first."""
    from cockpit.forecast import all_alerts

    err = Console(stderr=True)
    perimeter = perimeter_of(user, state)
    engine = Engine(config.warehouse_path(db), config.queries_dir(queries))
    try:
        span = engine.months_available()
        month = parse_month(as_of) if as_of else (span[1] if span else None)
        found = all_alerts(engine, perimeter, month) if month else []
    except PeriodError as exc:
        raise typer.BadParameter(str(exc), param_hint="--as-of") from exc
    except (QueryError, WarehouseMissing) as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    payload = {"as_of": month_label(month) if month else None,
               "alerts": [alert.as_json(lang) for alert in found]}  # fmt: skip
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Alerts, {payload['as_of']} ({perimeter})")
    for column in ("severity", "kind", "where", "alert"):
        table.add_column(column)
    for alert in payload["alerts"]:
        where = ", ".join(alert["scope"].values()) or "—"
        table.add_row(alert["severity"], " + ".join(alert["kinds"]), where, alert["sentence"])
    Console().print(table)
