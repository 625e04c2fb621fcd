"""`cockpit demo`: write the extracts of the demo hospital (SPEC §6, §7)."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cockpit.cli import app
from cockpit.demo import write_demo
from cockpit.demo.months import PERIODS


@app.command("demo")
def demo(
    out: Path = typer.Option(Path("data/demo"), "--out", help="Folder for the six CSV extracts."),
    establishments: int = typer.Option(
        2,
        "--establishments",
        min=2,
        help="Size of the group: the 2 demo establishments plus N−2 generated ones.",
    ),
) -> None:
    """Write the demo GHT « Vallée de l'Ombre » (or a larger generated group) as CSV extracts."""
    started = time.perf_counter()
    rows = write_demo(out, establishments)
    elapsed = time.perf_counter() - started
    console = Console()
    console.print(
        f"Demo extracts for {establishments} establishments, {PERIODS[0]} to {PERIODS[-1]}, "
        f"written to {out} in {elapsed:.1f} s",
        highlight=False,
    )
    table = Table()
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, count in rows.items():
        table.add_row(name, f"{count:,}")
    table.add_row("total", f"{sum(rows.values()):,}", style="bold")
    console.print(table)
