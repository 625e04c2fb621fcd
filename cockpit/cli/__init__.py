"""The `cockpit` command: one typer app, one module per command group."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="cockpit",
    help="Cockpit — steering dashboard for French public hospitals.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Each command module adds its commands to `app` on import.
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        if module.name.endswith("_cmd"):
            importlib.import_module(f"{__name__}.{module.name}")


def main() -> None:
    _register()
    app()
