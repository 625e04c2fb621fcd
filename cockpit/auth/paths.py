"""Which paths are open without login: static files that hold no data, and health.

Everything else, including Dash's /_dash-* routes and the API, needs a user.
"""

from __future__ import annotations

PUBLIC_PATHS = frozenset(
    {
        "/login",
        "/logout",
        "/healthz",
        "/manifest.webmanifest",
        "/sw.js",
        "/offline.html",
        "/favicon.ico",
        "/_favicon.ico",
        "/robots.txt",
    }
)
PUBLIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/icons/")


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def wants_json(path: str, method: str, accept_json: bool) -> bool:
    """Answer 401 JSON rather than redirecting to the login page."""
    if path.startswith(("/api/", "/_dash-", "/_reload-hash")):
        return True
    return method not in ("GET", "HEAD") or accept_json


def safe_next(target: str | None) -> str:
    """A local path to go to after login; anything else (other sites, //host) → '/'."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
