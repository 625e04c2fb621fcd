"""Which paths are open without login: static files that hold no data, and health.

Everything else, including Dash's /_dash-* routes and the API, needs a user.
"""

from __future__ import annotations

# Files that hold no data; the browser may cache them. Everything else gets no-store.
STATIC_PATHS = frozenset({"/manifest.webmanifest", "/sw.js", "/_favicon.ico"})
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
PUBLIC_PATHS = STATIC_PATHS | {"/login", "/logout", "/healthz"}
# The dashboard's language switch: sets a cookie and redirects to a local path.
PUBLIC_PREFIXES = ("/lang/",)


def is_static(path: str) -> bool:
    return path in STATIC_PATHS or path.startswith(STATIC_PREFIXES)


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES) or is_static(path)


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
