"""The one before_request guard: deny by default, same-origin writes, who is asking.

Every route needs a user except the public paths (cockpit.auth.paths). The
user comes from the server-side session named in the signed cookie, or from
a bearer token on /api/ routes; the perimeter always comes from that user's
row, never from the request.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, g, redirect, request, url_for
from flask_login import LoginManager, UserMixin, current_user
from werkzeug.exceptions import MethodNotAllowed

from cockpit.auth.errors import json_error
from cockpit.auth.paths import is_public, safe_next, wants_json
from cockpit.auth.sessions import load_session
from cockpit.auth.state import AuthState, auth_state
from cockpit.auth.tokens import user_for_token
from cockpit.auth.users import User

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
CROSS_SITE = "cross-site request refused: the Origin header is not this site's"


class SessionUser(UserMixin):
    """What flask-login keeps: the user and the id of this session (stored in the cookie)."""

    def __init__(self, user: User, session_id: str):
        self.user = user
        self.session_id = session_id

    def get_id(self) -> str:
        return self.session_id


def origin_of(url: str | None) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an http(s) URL, default ports made explicit; None otherwise."""
    if not url or url == "null":
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def _same_origin(url: str | None) -> bool:
    """The page that sent the request is ours: same scheme, host and port as this request
    (as the trusted proxy forwards them), or an origin in COCKPIT_TRUSTED_ORIGINS."""
    theirs = origin_of(url)
    if theirs is None:
        return False
    if theirs == origin_of(f"{request.scheme}://{request.host}"):
        return True
    trusted = current_app.config.get("COCKPIT_TRUSTED_ORIGINS", ())
    return any(theirs == origin_of(origin) for origin in trusted)


def _served_by_a_route_of_its_own() -> bool:
    """False for unknown paths and for Dash's catch-all, which renders the dashboard."""
    rule = request.url_rule
    return rule is not None and not rule.rule.endswith("<path:path>")


def _referer_path() -> str:
    try:
        return urlsplit(request.headers.get("Referer", "")).path or "/"
    except ValueError:  # e.g. "http://[" : not a URL, not worth a 500
        return "/"


def _origin() -> str | None:
    return request.headers.get("Origin") or request.headers.get("Referer")


def _bearer_token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _refuse(status: int, code: str, message: str, **extra):
    response = json_error(status, code, message, **extra)
    if status == 401 and request.path.startswith("/api/"):
        response.headers["WWW-Authenticate"] = 'Bearer realm="cockpit"'
    return response


def _resolve_user(state: AuthState) -> tuple[User | None, str]:
    """(user, how): how is 'token', 'session' or '' when nobody is logged in."""
    token = _bearer_token()
    if token is not None and request.path.startswith("/api/"):
        return user_for_token(state.store, token), "token"
    if current_user.is_authenticated:
        return current_user.user, "session"
    return None, ""


def install_guard(server: Flask, login_manager: LoginManager) -> None:
    @login_manager.user_loader
    def load_user(session_id: str) -> SessionUser | None:
        state = auth_state()
        user = load_session(state.store, session_id, state.idle_timeout_s, state.max_age_s)
        return SessionUser(user, session_id) if user else None

    @server.before_request
    def require_login():
        path = request.path
        if isinstance(request.routing_exception, MethodNotAllowed):
            # A 405 (with Allow) tells nothing about data, to anyone; raised here, before
            # the dashboard's own hooks, which would build a page for nobody.
            raise request.routing_exception
        if is_public(path) and _served_by_a_route_of_its_own():
            if request.method not in SAFE_METHODS and not _same_origin(_origin()):
                return _refuse(403, "cross_site", CROSS_SITE)
            # Served right here, before the dashboard's own before_request hooks run:
            # Dash builds its layout on the first request it sees, and that needs a user.
            return current_app.dispatch_request()
        state = auth_state()
        user, how = _resolve_user(state)
        # A browser always sends Origin on a POST; a cross-site form or fetch
        # carries the victim's cookie, so only same-origin writes get through.
        if request.method not in SAFE_METHODS and how != "token" and not _same_origin(_origin()):
            return _refuse(403, "cross_site", CROSS_SITE)
        if user is None:
            if how == "token":
                return _refuse(401, "invalid_token", "the bearer token is unknown or revoked")
            accept_json = request.accept_mimetypes.best == "application/json" or (
                request.headers.get("X-Requested-With") == "XMLHttpRequest"
            )
            if wants_json(path, request.method, accept_json):
                return _refuse(
                    401,
                    "authentication_required",
                    "log in first, or send a bearer token (Authorization: Bearer …)",
                    login=url_for("cockpit_auth.login"),
                )
            return redirect(
                url_for("cockpit_auth.login", next=safe_next(request.full_path.rstrip("?")))
            )
        g.cockpit_user = user
        if path == "/_dash-layout":
            state.record("view", page=_referer_path(), via="dash-layout")
        return None
