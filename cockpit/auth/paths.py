"""Which paths are open without login (static files that hold no data, health), and which
addresses a redirect may go to (`safe_next`: a path on this site, nothing else).

Everything else, including Dash's /_dash-* routes and the API, needs a user.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote

# Files that hold no data; the browser may cache them. Everything else gets no-store.
STATIC_PATHS = frozenset({"/manifest.webmanifest", "/sw.js", "/_favicon.ico"})
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
# The API contract holds no data: integrators and tools read it before they have a token.
PUBLIC_PATHS = STATIC_PATHS | {"/login", "/logout", "/healthz", "/api/v1/openapi.json"}
# The dashboard's language switch: sets a cookie and redirects to a local path.
PUBLIC_PREFIXES = ("/lang/",)
MAX_NEXT_LENGTH = 2048
# Control and format characters (tab, CR/LF, NUL, bidi overrides, line separators…):
# browsers drop some of them from URLs, which turns "/\t/evil.example" into "//evil.example".
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def is_static(path: str) -> bool:
    return path in STATIC_PATHS or path.startswith(STATIC_PREFIXES)


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES) or is_static(path)


def wants_json(path: str, method: str, accept_json: bool) -> bool:
    """Answer 401 JSON rather than redirecting to the login page."""
    if path.startswith(("/api/", "/_dash-", "/_reload-hash")):
        return True
    return method not in ("GET", "HEAD") or accept_json


def safe_next(target: str | None, default: str = "/") -> str:
    """A path on this site to go to (after login, a language switch, a reload), normalised;
    anything else — another site, `//host`, a backslash, a control character, even once
    percent-decoded — gives `default`."""
    if not isinstance(target, str) or not target or len(target) > MAX_NEXT_LENGTH:
        return default
    decoded = _decoded(target)
    if decoded is None or not _is_local(decoded):
        return default
    path, _, query = target.partition("?")
    path = _without_dot_segments(path.partition("#")[0])
    query = query.partition("#")[0]
    if not _is_local(unquote(path)):
        return default
    return path + (f"?{query}" if query else "")


def _decoded(target: str) -> str | None:
    """Percent-decoded until stable (a double-encoded `%252F` is a `/` to some proxies)."""
    for _ in range(4):
        try:
            decoded = unquote(target, errors="strict")
        except UnicodeDecodeError:
            return None
        if decoded == target:
            return target
        target = decoded
    return None


def _is_local(text: str) -> bool:
    """An absolute path with no host: one leading `/`, none doubled once `..` are resolved."""
    if "\\" in text or any(unicodedata.category(c) in _UNSAFE_CATEGORIES for c in text):
        return False
    path = text.partition("?")[0].partition("#")[0]
    return path.startswith("/") and "//" not in _without_dot_segments(path)


def _without_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4: `/a/../b/./c` → `/b/c`, as the browser would resolve it."""
    kept: list[str] = []
    segments = path.split("/")[1:]
    for i, segment in enumerate(segments):
        if segment == "..":
            if kept:
                kept.pop()
        elif segment != ".":
            kept.append(segment)
        if segment in (".", "..") and i == len(segments) - 1:
            kept.append("")
    return "/" + "/".join(kept)
