"""`cockpit serve`: the dashboard, the API and login on one address — one process (waitress,
threaded), or N worker processes behind it (gunicorn) with `--workers N`."""

from __future__ import annotations

from pathlib import Path

import typer

from cockpit import config
from cockpit.cli import app


@app.command("serve")
def serve(
    db: Path | None = typer.Option(None, "--db", help="Warehouse (default: $COCKPIT_DB)."),
    queries: Path | None = typer.Option(None, "--queries", help="Metric definitions directory."),
    state: Path | None = typer.Option(None, "--state", help="Users, sessions and audit log."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8050, "--port", help="Port to listen on."),
    threads: int | None = typer.Option(
        None, "--threads", min=1, max=64, help="Threads per process (default 8)."
    ),
    workers: int | None = typer.Option(
        None,
        "--workers",
        min=1,
        max=32,
        help="Worker processes behind the address (gunicorn); default: one process (waitress).",
    ),
    access_log: str | None = typer.Option(
        None, "--access-log", help="With --workers: one line per request to FILE ('-': stderr)."
    ),
    demo_users: bool = typer.Option(
        False, "--demo-users", help="Create the well-known demo accounts if missing."
    ),
) -> None:
    """Serve Cockpit. Open the printed address in a browser (or on a phone).

    Behind a TLS reverse proxy, set COCKPIT_TRUSTED_PROXIES to its address (see README).
    The warehouse is --db, else COCKPIT_WAREHOUSE (a URL: postgresql://…, spark://…).
    """
    from cockpit.web import create_app
    from cockpit.web.serving import DEFAULT_THREADS

    state_dir = config.state_dir(state)

    def build():
        return create_app(db, queries, state_dir)

    try:
        server = build()  # also checks the settings before any worker starts
    except ValueError as exc:  # a setting that cannot be read, e.g. COCKPIT_TRUSTED_PROXIES
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if demo_users:
        from cockpit.auth import ensure_demo_users

        accounts = ensure_demo_users(state_dir)
        typer.echo("Demo accounts (password = demo-<name>):")
        for username, _password, role, perimeter in accounts:
            typer.echo(f"  {username:<22} {role:<13} {perimeter}")
    typer.echo(f"Cockpit on http://{host}:{port}/  (Ctrl+C to stop)")
    if workers is None:
        from waitress import serve as waitress_serve

        from cockpit.web.serving import quiet_queue_log, waitress_options

        quiet_queue_log()
        _warm_home(server)
        options = waitress_options(server, threads or DEFAULT_THREADS)
        waitress_serve(server, host=host, port=port, _quiet=True, **options)
        return
    from cockpit.web.workers import CockpitWorkers, gunicorn_options

    server.extensions["cockpit_engine"].warehouse.close()  # each worker opens its own
    options = gunicorn_options(host, port, workers, threads or DEFAULT_THREADS, access_log)
    CockpitWorkers(lambda: _warm_home(build()), options).run()


def _warm_home(server):
    """The server, its whole warehouse's landings and seasonal alerts being computed in the
    background while it starts answering (a cold scan takes a second or more; home shows the
    rest meanwhile). Each worker process warms its own."""
    from cockpit.engine import Perimeter, WarehouseMissing
    from cockpit.forecast import warm
    from cockpit.ui.figures import landing_metric_ids
    from cockpit.web import engine_of

    engine = engine_of(server)
    try:
        engine.months_available()
    except WarehouseMissing:
        return server
    warm(engine, landing_metric_ids(engine), Perimeter.everything())
    return server
