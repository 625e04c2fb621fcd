"""The web application: one Flask server carrying auth, the HTTP API and the Dash UI."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from cockpit import config
from cockpit.engine import Engine
from cockpit.warehouse.backends.location import warehouse_location
from cockpit.web.errors import install_error_handlers
from cockpit.web.proxy import TrustedProxies, trusted_networks
from cockpit.web.shared_cache import shared_cache

# Largest request body read (a question, a login form, a dashboard callback need a few KB).
MAX_CONTENT_LENGTH = 1024 * 1024


def create_app(
    db_path: str | os.PathLike | None = None,
    queries: str | os.PathLike | None = None,
    state: str | os.PathLike | None = None,
    *,
    test_config: dict | None = None,
) -> Flask:
    """Build the server. Every request goes through the auth guard before anything else.

    Raises ValueError naming the setting when COCKPIT_TRUSTED_PROXIES cannot be read.
    """
    from cockpit.api import install_api
    from cockpit.auth import install_auth
    from cockpit.ui import create_dash

    server = Flask("cockpit", static_folder=None)
    server.config.update(
        # Unset: install_auth uses a key kept in the state dir, shared by all processes.
        SECRET_KEY=os.environ.get("COCKPIT_SECRET_KEY"),
        JSON_SORT_KEYS=False,
        MAX_CONTENT_LENGTH=MAX_CONTENT_LENGTH,
        COCKPIT_TRUSTED_PROXIES=os.environ.get("COCKPIT_TRUSTED_PROXIES", ""),
    )
    if test_config:
        server.config.update(test_config)
    proxies = trusted_networks(server.config["COCKPIT_TRUSTED_PROXIES"])
    if proxies:
        server.wsgi_app = TrustedProxies(server.wsgi_app, proxies)
    engine = Engine(
        warehouse_location(db_path), config.queries_dir(queries), shared_cache=shared_cache(server)
    )
    server.extensions["cockpit_engine"] = engine
    install_auth(server, config.state_dir(state))
    install_api(server)
    install_error_handlers(server)
    # Kept so the auth headers can allow Dash's inline scripts by hash (CSP).
    server.extensions["cockpit_dash"] = create_dash(server, engine)
    return server


def engine_of(server: Flask) -> Engine:
    return server.extensions["cockpit_engine"]


def state_path(server: Flask) -> Path:
    return Path(server.config.get("COCKPIT_STATE", config.state_dir()))
