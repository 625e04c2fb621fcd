"""Options of the commands that answer as the dashboard would: `--user NAME` (inside that
account's perimeter: a pole manager sees only their pole), `--state`, `--lang`."""

from __future__ import annotations

from pathlib import Path

import typer

from cockpit import config
from cockpit.auth.users import UserError, UserStore
from cockpit.perimeter import Perimeter


def _language(value: str) -> str:
    if value not in ("fr", "en"):
        raise typer.BadParameter(f"fr or en, not {value!r}")
    return value


UserOption = typer.Option(None, "--user", help="Answer inside this account's perimeter.")
StateOption = typer.Option(None, "--state", help="State directory (default $COCKPIT_STATE).")
LangOption = typer.Option("fr", "--lang", help="Language of sentences and notes: fr or en.",
                          callback=_language)  # fmt: skip


def perimeter_of(username: str | None, state: Path | None) -> Perimeter:
    """The account's perimeter; everything without an account."""
    if username is None:
        return Perimeter.everything()
    try:
        return UserStore(config.state_dir(state)).require(username).perimeter
    except UserError as exc:
        raise typer.BadParameter(str(exc), param_hint="--user") from exc
