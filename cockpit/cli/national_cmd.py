"""`cockpit national import|show|check`: public data (Hospi Diag, SAE) beside the hospital's.

`import` loads the files as published, all or nothing; `show` prints a hospital against
its peers (or as JSON, the same object as GET /api/v1/national); `check` validates the
indicator dictionary and the named peer groups.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cockpit import config
from cockpit.cli import app
from cockpit.cli.ingest_cmd import print_refusal
from cockpit.engine import Engine, QueryError, WarehouseMissing
from cockpit.formatting import format_percent, format_value
from cockpit.national.figures import Comparison
from cockpit.national.service import National
from cockpit.warehouse.errors import IngestError
from cockpit.warehouse.national import NationalReport, import_national_files

national_app = typer.Typer(
    help="National comparison with public data (ANAP Hospi Diag, DREES SAE).",
    no_args_is_help=True,
)
app.add_typer(national_app, name="national")

DB_HELP = "Warehouse file (default: $COCKPIT_DB, else data/cockpit.duckdb)."


@national_app.command("import")
def import_(
    paths: list[Path] = typer.Argument(
        ..., help="hdYYYY.csv, hospi_YYYY_*.csv, SAE ID/SYGEN/MCO/URGENCES2 tables, or folders."
    ),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    user: str | None = typer.Option(None, "--user", help="Who is loading (default: $USER)."),
) -> None:
    """Check and load public files as published, all or nothing (gzip read as is)."""
    err = Console(stderr=True, soft_wrap=True)
    database = config.warehouse_path(db)
    statuses: dict[str, str] = {}

    def progress(path: Path, stage: str) -> None:
        if stage in ("done", "failed"):
            statuses[str(path)] = "ok" if stage == "done" else "refused"
            err.print(f"{path}: {statuses[str(path)]}", highlight=False, markup=False)

    def waiting() -> None:
        err.print(f"Another import holds {database}; waiting for it to finish…")

    try:
        report = import_national_files(paths, database, user, progress, waiting)
    except IngestError as exc:
        print_refusal(err, exc, statuses)
        raise typer.Exit(1) from exc
    _print_import(Console(), report)


def _print_import(out: Console, report: NationalReport) -> None:
    table = Table(title=f"Loaded into {report.db_path} (run {report.run_id}, {report.user})")
    for header in ("file", "kind", "year", "values", "establishments", "notes"):
        table.add_column(
            header, justify="right" if header in ("values", "establishments") else "left"
        )
    for f in report.files:
        notes = "; ".join(f.notes) + (f" (replaced {f.replaced:,})" if f.replaced else "")
        table.add_row(Path(f.file).name, f.kind.removeprefix("national:"), str(f.year),
                      f"{f.values:,}", f"{f.entities:,}", notes)  # fmt: skip
    out.print(table)
    for skipped in report.skipped:
        out.print(f"skipped {skipped.path}: {skipped.reason}", highlight=False, markup=False)
    seconds = (report.finished_at - report.started_at).total_seconds()
    out.print(f"{report.values:,} values from {len(report.files)} file(s) in {seconds:.1f} s.")


@national_app.command("show")
def show(
    finess: str = typer.Argument(
        ...,
        help="FINESS of a legal entity or a site (or an "
        "establishment mapped by COCKPIT_NATIONAL_FINESS).",
    ),  # fmt: skip
    year: int | None = typer.Option(None, "--year", help="Data year (default: each latest)."),
    peers: str | None = typer.Option(None, "--peers", help="Named peer group (peers.yaml)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
) -> None:
    """A hospital's public indicators beside its peers: median, quartiles, rank, best 20 %."""
    engine = Engine(config.warehouse_path(db), config.queries_dir(queries))
    try:
        comparison = National(engine).compare(finess, year=year, group_id=peers)
    except (QueryError, WarehouseMissing) as exc:
        Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(comparison.as_json(), ensure_ascii=False, indent=2))
        return
    _print_comparison(Console(), comparison)


SOURCE_NAMES = {"hospidiag": "Hospi Diag", "sae": "SAE"}


def _print_comparison(out: Console, comparison: Comparison) -> None:
    group = comparison.group
    peers = group.label.en if group.label else f"{comparison.category} {comparison.size_class}"
    out.print(
        f"{comparison.name} — FINESS {comparison.finess} ({comparison.level.replace('_', ' ')})"
        f" — peers: {peers}",
        highlight=False,
    )
    table = Table()
    for header in ("indicator", "year", "value", "median", "Q1–Q3", "n", "rank", "best 20 %"):
        table.add_column(header, justify="left" if header == "indicator" else "right")
    for item in comparison.indicators:
        ind, figure = item.indicator, item.selected
        if figure is None:
            table.add_row(ind.label.en, "—", "—", "no data", "", "", "", "")
            continue

        def plain(value: float | None, ind=ind) -> str:
            # no unit word in the peer columns: the value column says it
            return format_value(value, ind.format, "ratio", "en")

        stats = figure.peers
        value = format_value(figure.value, ind.format, ind.unit, "en")
        if figure.value is None and figure.status:
            value = {"withheld": "withheld (.c)", "not_applicable": "n/a (.z)"}[figure.status]
        rank = "—"
        if figure.percentile is not None:
            rank = format_percent(figure.percentile, "en", signed=False, decimals=0)
        best = "—"
        if figure.best20_threshold is not None:
            best = ("✓ " if figure.in_best20 else "") + plain(figure.best20_threshold)
        table.add_row(
            ind.label.en,
            f"{figure.year} {SOURCE_NAMES[figure.source]}",
            value,
            plain(stats.median) if stats else "too few",
            f"{plain(stats.q1)}–{plain(stats.q3)}" if stats else "",
            str(figure.peer_count),
            rank,
            best,
        )
    out.print(table)
    out.print(
        "rank: share of peers with a lower value; best 20 %: threshold of the best fifth "
        "(direction-aware), ✓ when reached."
    )


@national_app.command("check")
def check(
    queries: Path | None = typer.Option(None, "--queries", help="Definitions directory."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Validate queries/national/indicators.yaml and peers.yaml; exit 1 on any error."""
    national = National(Engine(config.warehouse_path(db), config.queries_dir(queries)))
    table = Table(title=f"National indicators in {national.dictionary.path}")
    for header in ("id", "label", "unit", "direction", "sources"):
        table.add_column(header, overflow="fold")
    for ind in national.dictionary.indicators:
        sources = ", ".join(dict.fromkeys(r.source for r in ind.sources))
        table.add_row(ind.id, ind.label.fr, ind.unit, ind.direction, sources)
    Console().print(table)
    errors = national.errors
    for error in errors:
        typer.echo(f"error: {error}")
    named = len(national.groups) - 1
    typer.echo(
        f"{len(national.dictionary.indicators)} indicators, {named} named peer group(s), "
        f"{len(errors)} error(s)."
    )
    raise typer.Exit(1 if errors else 0)
