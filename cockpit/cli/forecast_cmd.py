"""`cockpit forecast METRIC …`: a metric's year-end landing; `cockpit forecast backtest`:
the model against the controllers' pro rata on every past year, month by month."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console, Group
from rich.table import Table

from cockpit import config
from cockpit.cli import app
from cockpit.cli.answer_options import LangOption, StateOption, UserOption, perimeter_of
from cockpit.engine import Engine, QueryError, WarehouseMissing
from cockpit.engine.filters import FilterError, parse_filters
from cockpit.formatting import format_value
from cockpit.periods import PeriodError, parse_month


@app.command("forecast")
def forecast(
    metric: str = typer.Argument(..., help="Metric id (e.g. payroll_cost), or `backtest`."),
    year: int | None = typer.Option(None, "--year", help="Year to land (default: the latest)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Last month known, YYYY-MM."),
    pole: str | None = typer.Option(None, "--pole"),
    service: str | None = typer.Option(None, "--service"),
    establishment: str | None = typer.Option(None, "--establishment", help="Name or FINESS."),
    filter_: list[str] = typer.Option([], "--filter", help="DIM=VALUE, repeatable."),
    metrics: list[str] = typer.Option(
        [], "--metrics", help="backtest: metric ids (repeat or comma-separate; default all)."
    ),
    by: str | None = typer.Option(None, "--by", help="backtest: `establishment`, one by one."),
    user: str | None = UserOption,
    state: Path | None = StateOption,
    lang: str = LangOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: Path | None = typer.Option(None, "--db", help="Warehouse (default $COCKPIT_DB)."),
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
) -> None:
    """Year-end landing of a metric (value, 80 % interval, budget), or `backtest`."""
    from cockpit.forecast import backtest, land

    err = Console(stderr=True)
    perimeter = perimeter_of(user, state)
    engine = Engine(config.warehouse_path(db), config.queries_dir(queries))
    try:
        if metric == "backtest":
            ids = [m for item in metrics for m in item.split(",") if m] or [
                m.id for m in engine.metrics()
            ]
            if by not in (None, "establishment"):
                raise typer.BadParameter("only `establishment`", param_hint="--by")
            result = backtest(engine, ids, perimeter, by=by)
            _print(result.as_json(), as_json, lambda: _backtest_tables(result))
            return
        shortcuts = {"pole": pole, "service": service, "establishment": establishment}
        filters = parse_filters(filter_, shortcuts)
        month = parse_month(as_of) if as_of else None
        landing = land(engine, metric, perimeter, year, month, filters)
    except (PeriodError, FilterError) as exc:
        raise typer.BadParameter(str(exc)) from exc
    except (QueryError, WarehouseMissing) as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    _print(landing.as_json(lang), as_json, lambda: _landing_table(engine, landing, lang))


def _print(payload: dict, as_json: bool, table) -> None:
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        Console().print(table())


def _landing_table(engine: Engine, landing, lang: str) -> Table:
    from cockpit.forecast import METHODS

    metric = engine.metric(landing.metric)

    def shown(value):
        return format_value(value, metric.format, metric.unit, "en")

    where = ", ".join(f"{k} {v}" for k, v in landing.filters.items()) or "all establishments"
    table = Table(title=f"{metric.label.en}, {landing.year} landing ({where})", show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    interval = f"{shown(landing.low)} – {shown(landing.high)}" if landing.low is not None else "—"
    rows = [
        ("Landing", shown(landing.value)),
        ("80 % interval", interval),
        (f"Actual to {landing.as_of:%Y-%m}", shown(landing.actual_to_date)),
        ("Budget", shown(landing.budget)),
        ("Last year's pro rata", shown(landing.reference)),
        ("Method", METHODS[landing.method][lang]),
    ]
    for name, value in rows + [("Note", note) for note in landing.as_json(lang)["notes"]]:
        table.add_row(name, value)
    return table


def _backtest_tables(result) -> Group:
    """One narrow table per group of metrics: months known down, the two methods across."""
    months = sorted({c.month for c in result.cases})
    tables = []
    for group in sorted(set(result.groups.values())):
        coverage, cases = result.coverage(group)
        table = Table(title=f"Backtest, {group}: 80 % interval holds the year in "
                            f"{_pct(coverage)} of {cases} landings")  # fmt: skip
        for column in ("months known", "model MAPE", "pro rata MAPE"):
            table.add_column(column, justify="right")
        for month in months:
            model = result.mape("model", month, group)
            table.add_row(str(month), _pct(model), _pct(result.mape("reference", month, group)))
        tables.append(table)
    refused = [f"not replayed: {reason}" for reason in result.refused.values()]
    return Group(*tables, *refused)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"
