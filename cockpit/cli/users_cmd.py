"""`cockpit users add|list|disable|enable|passwd|token`: accounts in <state>/users.sqlite3.

Passwords are read from a prompt (twice) or from stdin, never from an
argument, so they stay out of shell history and process lists.
"""

from __future__ import annotations

import getpass
import re
import sys
from pathlib import Path

import duckdb
import typer
from rich.console import Console
from rich.table import Table

from cockpit import config
from cockpit.auth.audit_log import AuditLog
from cockpit.auth.passwords import WeakPassword, check_strength
from cockpit.auth.tokens import issue_token, revoke_tokens
from cockpit.auth.users import ROLES, UserError, UserStore, check_role
from cockpit.cli import app
from cockpit.contracts import FINESS_PATTERN
from cockpit.warehouse.backends.location import warehouse_location

users = typer.Typer(help="Manage user accounts, roles and perimeters.", no_args_is_help=True)
app.add_typer(users, name="users")

StateOption = typer.Option(None, "--state", help="State directory (default $COCKPIT_STATE).")
err = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(2)


def _store(state: Path | None) -> tuple[UserStore, AuditLog]:
    directory = config.state_dir(state)
    return UserStore(directory), AuditLog(directory)


def _record(log: AuditLog, event: str, **details) -> None:
    log.record(event, username=f"cli:{getpass.getuser()}", address="cli", **details)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            raise _fail("the two passwords differ")
    try:
        check_strength(password)
    except WeakPassword as exc:
        raise _fail(str(exc)) from exc
    return password


def _structure(db: Path | None) -> list[tuple[str, str, str]]:
    """(FINESS, establishment name, pole) rows of the warehouse; [] when there is none."""
    from cockpit.engine import Engine, QueryError, WarehouseMissing

    try:
        return Engine(warehouse_location(db), config.queries_dir(None)).organisation()
    except (WarehouseMissing, OSError, QueryError, duckdb.Error):
        return []


def _resolve(establishment: str | None, pole: str | None, db: Path | None):
    """Establishment name → FINESS, pole spelled as in the warehouse (checked when one exists)."""
    rows = _structure(db)
    if not rows:
        if establishment and not re.fullmatch(FINESS_PATTERN, establishment):
            raise _fail("no warehouse to look the establishment up: give its FINESS (9 characters)")
        if establishment or pole:
            err.print("[yellow]warning:[/] no warehouse found, the perimeter is not checked")
        return establishment, pole
    finess = None
    if establishment:
        names = {e: n for e, n, _ in rows}
        finess = next(
            (
                e
                for e, n in names.items()
                if establishment in (e,) or n.casefold() == establishment.casefold()
            ),
            None,
        )
        if finess is None:
            known = ", ".join(f"{n} ({e})" for e, n in sorted(names.items()))
            raise _fail(f"unknown establishment {establishment!r} (known: {known})")
    if pole:
        poles = sorted({p for e, _, p in rows if finess in (None, e)})
        match = next((p for p in poles if p.casefold() == pole.casefold()), None)
        if match is None:
            raise _fail(f"unknown pole {pole!r} (known: {', '.join(poles)})")
        pole = match
    return finess, pole


@users.command("add")
def add(
    name: str = typer.Argument(..., help="User name (login)."),
    role: str = typer.Option(..., "--role", help=" | ".join(ROLES)),
    pole: str | None = typer.Option(None, "--pole", help="Restrict to one pole."),
    establishment: str | None = typer.Option(
        None, "--establishment", help="Restrict to one establishment (name or FINESS)."
    ),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input."
    ),
    state: Path | None = StateOption,
    db: Path | None = typer.Option(None, "--db", help="Warehouse, to check the perimeter."),
) -> None:
    """Add a user with a role and, optionally, a perimeter."""
    store, log = _store(state)
    try:
        check_role(role, pole)
        if store.get(name):
            raise UserError(f"user {name!r} already exists")
        finess, pole = _resolve(establishment, pole, db)
        password = _read_password(password_stdin)
        user = store.add(name, password, role, pole=pole, establishment_id=finess)
    except UserError as exc:
        raise _fail(str(exc)) from exc
    _record(log, "user_added", user=user.username, role=role, establishment_id=finess, pole=pole)
    typer.echo(f"added {user.username} ({role}, perimeter: {user.perimeter})")


@users.command("list")
def list_(state: Path | None = StateOption) -> None:
    """List users with their role, perimeter and status."""
    store, _ = _store(state)
    table = Table(title="Cockpit users")
    for column in ("user", "role", "establishment", "pole", "status"):
        table.add_column(column)
    for user in store.all():
        table.add_row(
            user.username,
            user.role,
            user.establishment_id or "all",
            user.pole or "all",
            "active" if user.active else "disabled",
        )
    Console().print(table)


def _set_active(name: str, active: bool, state: Path | None) -> None:
    store, log = _store(state)
    try:
        store.set_active(name, active)
    except UserError as exc:
        raise _fail(str(exc)) from exc
    _record(log, "user_enabled" if active else "user_disabled", user=name)


@users.command("disable")
def disable(name: str = typer.Argument(...), state: Path | None = StateOption) -> None:
    """Disable an account: its sessions and tokens stop working at once."""
    _set_active(name, False, state)
    typer.echo(f"disabled {name}")


@users.command("enable")
def enable(name: str = typer.Argument(...), state: Path | None = StateOption) -> None:
    """Re-enable a disabled account (its old tokens stay revoked)."""
    _set_active(name, True, state)
    typer.echo(f"enabled {name}")


@users.command("passwd")
def passwd(
    name: str = typer.Argument(...),
    password_stdin: bool = typer.Option(False, "--password-stdin"),
    state: Path | None = StateOption,
) -> None:
    """Set a new password; the user's open sessions are closed."""
    store, log = _store(state)
    try:
        store.require(name)
        store.set_password(name, _read_password(password_stdin))
    except UserError as exc:
        raise _fail(str(exc)) from exc
    _record(log, "password_changed", user=name)
    typer.echo(f"password changed for {name}")


@users.command("token")
def token(
    name: str = typer.Argument(...),
    revoke: bool = typer.Option(False, "--revoke", help="Revoke the user's tokens instead."),
    state: Path | None = StateOption,
) -> None:
    """Print a new API bearer token for the user (shown once; only its hash is kept)."""
    store, log = _store(state)
    try:
        if revoke:
            count = revoke_tokens(store, name)
            _record(log, "token_revoked", user=name, count=count)
            typer.echo(f"revoked {count} token(s) of {name}")
            return
        user = store.require(name)
        if not user.active:
            raise UserError(f"user {name!r} is disabled")
        secret = issue_token(store, name)
    except UserError as exc:
        raise _fail(str(exc)) from exc
    _record(log, "token_issued", user=name)
    typer.echo(secret)
