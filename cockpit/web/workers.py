"""`cockpit serve --workers N`: N processes behind one address (gunicorn, threaded workers).

Each worker builds its own app after the fork, so nothing opened in one process (warehouse
connections, a Spark driver, a pool) is shared by accident; what the workers must share
lives outside them: the warehouse, the state directory (users, sessions, audit, login
failures) and, when COCKPIT_REDIS_URL is set, Redis (results and login failures).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from cockpit.web.proxy import TrustedProxies
from cockpit.web.serving import DEFAULT_THREADS

# One line per request, with the worker's pid: which process answered is the first
# question when something differs between two requests.
ACCESS_LOG_FORMAT = '%(h)s [%(p)s] "%(r)s" %(s)s %(b)s %(M)sms'
# A worker that stops answering its heartbeat for this long is replaced (queries stop at 5 s).
WORKER_TIMEOUT_S = 60


def gunicorn_options(
    host: str, port: int, workers: int, threads: int = DEFAULT_THREADS,
    access_log: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": WORKER_TIMEOUT_S,
        "graceful_timeout": 10,
        "keepalive": 5,
        # COCKPIT_TRUSTED_PROXIES decides whom to believe (TrustedProxies), not gunicorn.
        "forwarded_allow_ips": "",
        "proxy_allow_ips": "",
        "accesslog": access_log,
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "loglevel": "warning",
        "preload_app": False,
        "proc_name": "cockpit",
    }


class CockpitWorkers(BaseApplication):
    """gunicorn run from Python, with the app built by `factory` in each worker."""

    def __init__(self, factory: Callable[[], Flask], options: dict[str, Any]):
        self.factory = factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if value is not None:
                self.cfg.set(key, value)

    def load(self) -> Callable:
        server = self.factory()
        if server.config["COCKPIT_TRUSTED_PROXIES"]:
            return server  # create_app already wrapped it in TrustedProxies
        # No proxy trusted: forwarded headers are dropped, as waitress does.
        server.wsgi_app = TrustedProxies(server.wsgi_app, ())
        return server
