"""`cockpit queries check`: validate every metric definition, naming file and field."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cockpit import config
from cockpit.catalog import load_catalog
from cockpit.catalog.model import METRIC_ID_PATTERN
from cockpit.catalog.required import SPEC_METRIC_IDS
from cockpit.catalog.template import new_definition
from cockpit.cli import app

queries_app = typer.Typer(help="Metric definitions in queries/.", no_args_is_help=True)
app.add_typer(queries_app, name="queries")


@queries_app.command("check")
def check(
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
    warehouse: str | None = typer.Option(
        None,
        "--warehouse",
        help="Also check that every metric's SQL runs there (a URL: postgresql://…, "
        "spark+local:///DIR, duckdb:///FILE): translated, then planned by that engine.",
    ),
) -> None:
    """Validate every definition; exit 1 if any file is invalid or a SPEC metric is missing
    (or, with --warehouse, if a metric's SQL cannot run on that warehouse)."""
    console = Console()
    directory = config.queries_dir(queries)
    catalog = load_catalog(directory)
    table = Table(title=f"Metrics in {directory}", show_lines=False)
    for column in ("id", "label", "domain", "unit", "aggregation"):
        table.add_column(column, no_wrap=column == "id", overflow="fold")
    for metric in sorted(catalog.metrics.values(), key=lambda m: (m.domain, m.id)):
        label = metric.label.fr + (" (helper)" if metric.hidden else "")
        table.add_row(metric.id, label, metric.domain, metric.unit, metric.aggregation)
    console.print(table)
    missing = [m for m in SPEC_METRIC_IDS if m not in catalog.metrics]
    # Errors go out unwrapped, one per line, so they can be grepped and clicked.
    for error in catalog.errors:
        typer.echo(f"error: {error}")
    if missing:
        typer.echo(f"error: missing SPEC §4 metrics: {', '.join(missing)}")
    ok = not catalog.errors and not missing
    typer.echo(
        f"{len(catalog.metrics)} metrics valid, {len(catalog.errors)} error(s); "
        f"{len(SPEC_METRIC_IDS) - len(missing)}/{len(SPEC_METRIC_IDS)} SPEC §4 ids present."
    )
    if warehouse:
        ok = _check_warehouse(warehouse, directory) and ok
    raise typer.Exit(0 if ok else 1)


def _check_warehouse(url: str, directory: Path) -> bool:
    from cockpit.engine import Engine
    from cockpit.engine.portability import check_portability
    from cockpit.warehouse.backends.location import LocationError, parse_location

    try:
        engine = Engine(parse_location(url), directory)
    except LocationError as exc:
        typer.echo(f"error: {exc}")
        return False
    try:
        report = check_portability(engine)
    finally:
        engine.warehouse.close()
    for problem in report.problems:
        typer.echo(f"error: {problem}")
    how = (
        f"translated to {engine.warehouse.dialect} SQL and planned by the warehouse"
        if report.planned
        else f"translated to {engine.warehouse.dialect} SQL only: {report.unplanned_reason}"
    )
    typer.echo(
        f"{engine.warehouse.location}: {len(report.problems)} metric plan(s) cannot run ({how})."
    )
    return not report.problems


@queries_app.command("new")
def new(
    metric_id: str = typer.Argument(..., help="The new metric's id (snake_case)."),
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
) -> None:
    """Write a commented template `queries/ID.yaml` to fill in."""
    if not METRIC_ID_PATTERN.match(metric_id):
        typer.echo(
            f"error: {metric_id!r}: an id is snake_case (a-z, 0-9, _), starting with a letter"
        )
        raise typer.Exit(2)
    path = config.queries_dir(queries) / f"{metric_id}.yaml"
    if path.exists():
        typer.echo(f"error: {path} already exists")
        raise typer.Exit(2)
    path.write_text(new_definition(metric_id), encoding="utf-8")
    typer.echo(f"wrote {path}: fill it in, then `cockpit queries check`")


@queries_app.command(
    "explain", context_settings={"allow_extra_args": True, "ignore_unknown_options": True}
)
def explain(
    ctx: typer.Context,
    metric_id: str = typer.Argument(..., help="Metric id."),
) -> None:
    """Print the SQL a metric compiles to, without running it.

    Plan options are those of `cockpit query` (--from/--to, --grain, --by, --filter,
    --compare, --db, --queries…), e.g. `cockpit queries explain alos --by pole`.
    """
    from typer.main import get_command

    get_command(app).main(["query", metric_id, *ctx.args, "--explain"], prog_name="cockpit")


@queries_app.command("fixture")
def fixture(out: Path = typer.Option(..., "--out", help="Where to write the six CSVs.")) -> None:
    """Write the check fixture's extracts (to open in a spreadsheet and compute by hand)."""
    from cockpit.demo.fixture import write_fixture

    for path in write_fixture(out):
        typer.echo(f"wrote {path}")


@queries_app.command("test")
def test(
    metric_ids: list[str] = typer.Argument(None, help="Metric ids (default: every metric)."),
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
) -> None:
    """Run each definition's `checks` on the check fixture; exit 1 if any fails."""
    import tempfile

    from cockpit.demo.fixture import write_fixture
    from cockpit.engine import Engine, UnknownMetric
    from cockpit.engine.checks import run_checks
    from cockpit.warehouse.ingest import ingest_files

    console = Console()
    with tempfile.TemporaryDirectory(prefix="cockpit-checks-") as work:
        db = Path(work) / "fixture.duckdb"
        ingest_files(write_fixture(Path(work) / "extracts"), db, user="queries-test")
        engine = Engine(db, config.queries_dir(queries))
        for error in engine.catalog.errors:
            typer.echo(f"error: {error}")
        try:
            outcomes = run_checks(engine, metric_ids)
        except UnknownMetric as exc:
            typer.echo(f"error: {exc}")
            raise typer.Exit(2) from exc
        unchecked = sorted(
            m.id
            for m in engine.catalog.metrics.values()
            if not m.checks and (not metric_ids or m.id in metric_ids)
        )
    table = Table(title="Definition checks on the fixture")
    for column in ("", "metric", "#", "period", "filters", "expected", "got"):
        table.add_column(column, overflow="fold")
    for o in outcomes:
        table.add_row("✓" if o.passed else "✗", o.metric, str(o.number), o.check.period,
                      ", ".join(f"{k}={v}" for k, v in o.check.filters.items()),
                      _figure(o.check.expect), o.error or _figure(o.got))  # fmt: skip
    console.print(table)
    failed = [o for o in outcomes if not o.passed]
    for name in unchecked:
        typer.echo(f"warning: {name} has no checks")
    typer.echo(f"{len(outcomes) - len(failed)}/{len(outcomes)} checks passed")
    raise typer.Exit(1 if failed or engine.catalog.errors else 0)


def _figure(value: float | None) -> str:
    return "null" if value is None else f"{value:.6g}"
