"""`cockpit ingest PATH…`: validate extracts and load them into the warehouse, all or nothing."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cockpit.cli import app
from cockpit.warehouse.backends.location import warehouse_location
from cockpit.warehouse.errors import IngestError
from cockpit.warehouse.ingest import IngestReport, extract_files, ingest_files

STAGE_WORDS = {"checking": "checking", "loading": "loading", "done": "ok", "failed": "refused"}


@app.command("ingest")
def ingest(
    paths: list[Path] = typer.Argument(
        ..., help="Extract files (CSV, .xlsx, Parquet) or folders of them."
    ),
    db: Path | None = typer.Option(
        None,
        "--db",
        help="DuckDB warehouse file (default: $COCKPIT_WAREHOUSE, else $COCKPIT_DB, else "
        "data/cockpit.duckdb).",
    ),
    user: str | None = typer.Option(None, "--user", help="Who is loading (default: $USER)."),
) -> None:
    """Validate extracts against their contracts and load them, all or nothing."""
    out = Console()
    err = Console(stderr=True, soft_wrap=True)  # one problem per line, even in CI logs
    database = warehouse_location(db)
    files = extract_files(paths)
    statuses: dict[str, str] = {str(f): "pending" for f in files}
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("ingest", total=len(files))

        def progress(path: Path, stage: str) -> None:
            statuses[str(path)] = STAGE_WORDS[stage]
            if stage in ("done", "failed"):
                bar.advance(task)
            bar.update(task, description=f"{path.name}: {STAGE_WORDS[stage]}")
            if not err.is_terminal and stage in ("done", "failed"):
                err.print(f"{path}: {STAGE_WORDS[stage]}", highlight=False)

        def waiting() -> None:
            err.print(f"Another ingest holds {database}; waiting for it to finish…")

        try:
            report = ingest_files(files, database, user=user, progress=progress, on_wait=waiting)
        except IngestError as exc:
            bar.stop()
            print_refusal(err, exc, statuses)
            raise typer.Exit(1) from exc
    _print_summary(out, report)


def print_refusal(err: Console, exc: IngestError, statuses: dict[str, str]) -> None:
    by_file: dict[str, list[str]] = {}
    for error in exc.errors:
        located = str(error).removeprefix(error.file).removeprefix(", ").removeprefix(": ")
        by_file.setdefault(error.file, []).append(located)
    for file, problems in by_file.items():
        err.print(f"[bold red]✗ {file}[/] — {len(problems)} problem(s):", highlight=False)
        for problem in problems:
            err.print(f"    {problem}", highlight=False, markup=False)
    refused = ", ".join(by_file)
    others = [f for f, s in statuses.items() if s == "ok"]
    note = f" ({len(others)} other file(s) were valid but are not loaded either)" if others else ""
    err.print(
        f"[bold red]Nothing was stored[/]: the warehouse is unchanged. Refused: {refused}{note}.",
        highlight=False,
    )


def _print_summary(out: Console, report: IngestReport) -> None:
    table = Table(title=f"Loaded into {report.warehouse} (run {report.run_id}, {report.user})")
    for header in ("file", "kind", "rows", "periods", "status"):
        table.add_column(header, justify="right" if header == "rows" else "left")
    for f in report.files:
        periods = f"{f.period_start} → {f.period_end}" if f.period_start else "—"
        status = "ok" + (f" (replaced {f.replaced:,} rows)" if f.replaced else "")
        if f.ignored_columns:
            status += f"; ignored column(s): {', '.join(f.ignored_columns)}"
        table.add_row(Path(f.file).name, f.kind, f"{f.rows:,}", periods, status)
    out.print(table)
    seconds = (report.finished_at - report.started_at).total_seconds()
    out.print(
        f"{report.rows:,} rows from {len(report.files)} file(s) in {seconds:.1f} s.",
        highlight=False,
    )
