"""Wiring auth into the Flask server: secret key, cookie settings, flask-login, guard, headers."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager

from cockpit import config
from cockpit.auth import db
from cockpit.auth.audit_log import AuditLog
from cockpit.auth.guard import install_guard
from cockpit.auth.headers import install_headers
from cockpit.auth.redis_throttle import RedisThrottle
from cockpit.auth.state import EXTENSION, AuthState
from cockpit.auth.throttle import LoginThrottle
from cockpit.auth.users import UserStore
from cockpit.auth.views import blueprint


def _env_flag(name: str) -> bool | None:
    value = os.environ.get(name, "").strip().lower()
    return None if not value else value in ("1", "true", "yes", "on")


# Forced: Flask's own defaults (cookie "session", no SameSite) are not what we want.
COOKIE = {
    "SESSION_COOKIE_NAME": "cockpit_session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
}
DEFAULTS = {
    # None: the cookie is Secure exactly when the request came over HTTPS; True: always
    # (behind a proxy that terminates TLS: COCKPIT_SECURE_COOKIE=1).
    "COCKPIT_SECURE_COOKIE": _env_flag("COCKPIT_SECURE_COOKIE"),
    # Origins accepted for POSTs besides the request's own host, e.g. "https://cockpit.chu.fr".
    "COCKPIT_TRUSTED_ORIGINS": tuple(
        o.strip().rstrip("/")
        for o in os.environ.get("COCKPIT_TRUSTED_ORIGINS", "").split(",")
        if o.strip()
    ),
    "COCKPIT_IDLE_TIMEOUT_S": 30 * 60,
    "COCKPIT_SESSION_MAX_AGE_S": 12 * 3600,
}


# What the state directory holds (SQLite adds -wal and -shm beside each database).
STATE_FILES = ("users.sqlite3*", "audit.sqlite3*", "secret_key")


class CookieSession(SecureCookieSessionInterface):
    """Flask's signed cookie, marked Secure when the request is HTTPS (or when configured)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        configured = app.config.get("COCKPIT_SECURE_COOKIE")
        return bool(configured) if configured is not None else request.is_secure


def shared_secret_key(state_dir: Path) -> bytes:
    """One key for every server process of this state directory, made once (mode 600)."""
    path = state_dir / "secret_key"
    if not path.exists():
        tmp = path.with_name(f".secret_key.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(32))
        try:
            os.link(tmp, path)  # fails if another process got there first: keep theirs
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_bytes()


def private_state(state_dir: Path) -> Path:
    """The state directory 0700 and its files 0600, even those an older version made 0644."""
    db.private_dir(state_dir)
    for pattern in STATE_FILES:
        for path in state_dir.glob(pattern):
            db.private_file(path)
    return state_dir


def login_throttle(store: UserStore) -> LoginThrottle | RedisThrottle:
    """In Redis when COCKPIT_REDIS_URL is set (processes on several hosts), else in the
    state directory (every process of this host)."""
    state_dir_throttle = LoginThrottle(store)
    url = config.redis_url()
    return RedisThrottle(url, state_dir_throttle) if url else state_dir_throttle


def install_auth(server: Flask, state_dir: Path) -> None:
    state_dir = private_state(Path(state_dir))
    server.config.update(COOKIE)
    for key, value in DEFAULTS.items():
        server.config.setdefault(key, value)
    if not server.config.get("SECRET_KEY"):
        server.config["SECRET_KEY"] = shared_secret_key(state_dir)
    idle = float(server.config["COCKPIT_IDLE_TIMEOUT_S"])
    # The cookie expires with the idle timeout too; the server-side check is what counts.
    server.config["PERMANENT_SESSION_LIFETIME"] = int(idle)
    server.session_interface = CookieSession()
    store = UserStore(state_dir)
    server.extensions[EXTENSION] = AuthState(
        state_dir=state_dir,
        store=store,
        throttle=login_throttle(store),
        audit_log=AuditLog(state_dir),
        idle_timeout_s=idle,
        max_age_s=float(server.config["COCKPIT_SESSION_MAX_AGE_S"]),
    )
    login_manager = LoginManager()
    login_manager.session_protection = None  # phones change address; the server-side row rules
    login_manager.init_app(server)
    install_guard(server, login_manager)
    server.register_blueprint(blueprint)
    install_headers(server)
