"""`cockpit audit`: read the audit log (logins, views, queries, questions, exports, changes)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cockpit import config
from cockpit.auth.audit_log import EVENTS, AuditLog
from cockpit.cli import app


@app.command("audit")
def audit(
    since: str | None = typer.Option(None, "--since", help="From this day, YYYY-MM-DD (UTC)."),
    user: str | None = typer.Option(None, "--user", help="Only this user's events."),
    event: str | None = typer.Option(None, "--event", help=" | ".join(EVENTS)),
    limit: int | None = typer.Option(None, "--limit", help="Only the last N events."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
    state: Path | None = typer.Option(None, "--state", help="State directory."),
) -> None:
    """Print the audit log, oldest first."""
    try:
        start = (
            datetime.combine(date.fromisoformat(since), datetime.min.time(), UTC) if since else None
        )
    except ValueError as exc:
        raise typer.BadParameter(
            f"{since!r} is not a YYYY-MM-DD day", param_hint="--since"
        ) from exc
    events = AuditLog(config.state_dir(state)).read(
        since=start, username=user, event=event, limit=limit
    )
    if as_json:
        for e in events:
            record = {"at": e.at.isoformat(), "event": e.event, "username": e.username,
                      "address": e.address, "details": e.details}  # fmt: skip
            typer.echo(json.dumps(record, ensure_ascii=False))
        return
    table = Table(title=f"Audit log — {len(events)} event(s)")
    for column in ("when (UTC)", "event", "user", "from", "details"):
        table.add_column(column, overflow="fold")
    for e in events:
        details = ", ".join(
            f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in e.details.items()
        )
        table.add_row(
            e.at.strftime("%Y-%m-%d %H:%M:%S"),
            e.event,
            e.username or "—",
            e.address or "—",
            details,
        )
    Console(width=160).print(table)
