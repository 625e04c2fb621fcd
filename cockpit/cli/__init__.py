"""The `cockpit` command: one typer app, one module per command group (`NAME_cmd.py`)."""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="cockpit",
    help="Cockpit — steering dashboard for French public hospitals.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Cockpit — steering dashboard for French public hospitals."""


def _register(command: str | None = None) -> None:
    """Import the command modules, each adding its commands to `app`: only `command`'s
    own module when it has one (`cockpit ask` loads no web server), else all of them."""
    import importlib
    import pkgutil

    modules = [m.name for m in pkgutil.iter_modules(__path__) if m.name.endswith("_cmd")]
    wanted = f"{command}_cmd"
    for name in [wanted] if wanted in modules else modules:
        importlib.import_module(f"{__name__}.{name}")


def main() -> None:
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    _register(command)
    app()
