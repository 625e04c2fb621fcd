"""/login and /logout: the forms, the checks in order (CSRF, throttle, password), the session.

A name that matches no account is not written to the audit log: people
sometimes type their password in the name field. Logging out is a POST with
the session's CSRF token; GET /logout only shows the button that sends it.
"""

from __future__ import annotations

import hmac
import math
import secrets

from flask import Blueprint, g, make_response, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from cockpit.auth.guard import SessionUser
from cockpit.auth.login_page import TEXTS, render_login, render_logout
from cockpit.auth.paths import safe_next
from cockpit.auth.sessions import close_session, open_session
from cockpit.auth.state import auth_state

blueprint = Blueprint("cockpit_auth", __name__)


# The dashboard's language cookie (cockpit.ui.i18n), so the login page speaks the same.
LANG_COOKIE = "cockpit_lang"


def _lang() -> str:
    lang = request.values.get("lang") or request.cookies.get(LANG_COOKIE, "fr")
    return lang if lang in TEXTS else "fr"


def _csrf_token() -> str:
    if "csrf_token" not in session:
        session["csrf_token"] = secrets.token_urlsafe(32)
    return session["csrf_token"]


def _csrf_ok() -> bool:
    expected = session.get("csrf_token", "")
    given = request.form.get("csrf_token", "")
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


def _html(html: str, status: int = 200):
    response = make_response(html, status)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    return response


def _page(
    status: int = 200,
    *,
    error_key: str | None = None,
    info_key: str | None = None,
    username: str = "",
    minutes: int = 0,
):
    lang = _lang()
    texts = TEXTS[lang]
    next_path = safe_next(request.values.get("next"))
    other = "en" if lang == "fr" else "fr"
    html = render_login(
        lang,
        csrf_token=_csrf_token(),
        next_path=next_path,
        action=url_for("cockpit_auth.login"),
        other_href=url_for("cockpit_auth.login", lang=other, next=next_path),
        username=username,
        error=texts[error_key].format(minutes=minutes) if error_key else None,
        info=texts[info_key] if info_key else None,
    )
    return _html(html, status)


@blueprint.get("/login")
def login_form():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    return _page(info_key="logged_out" if request.args.get("bye") else None)


@blueprint.post("/login")
def login():
    state = auth_state()
    address = request.remote_addr
    if not _csrf_ok():
        return _page(400, error_key="expired")
    username = request.form.get("username", "").strip()[:64]
    password = request.form.get("password", "")
    wait = state.throttle.retry_after(username, address)
    if wait > 0:
        state.record("login_locked", username=username, retry_after_s=round(wait))
        response = _page(
            429, error_key="locked", username=username, minutes=max(1, math.ceil(wait / 60))
        )
        response.headers["Retry-After"] = str(math.ceil(wait))
        return response
    user, outcome = state.store.authenticate(username, password)
    if outcome != "ok":
        state.throttle.record_failure(username, address)
        state.record("login_failed", username=user.username if user else None, reason=outcome)
        return _page(401, error_key="bad", username=username)
    state.throttle.record_success(username)
    # A fresh cookie and a fresh server-side session id: nothing set before login survives.
    session.clear()
    session.permanent = True
    session_id = open_session(state.store, user, address)
    login_user(SessionUser(user, session_id))
    session["csrf_token"] = secrets.token_urlsafe(32)
    g.cockpit_user = user
    state.record("login")
    return redirect(safe_next(request.form.get("next")))


@blueprint.get("/logout")
def logout_form():
    if not current_user.is_authenticated:
        return redirect(url_for("cockpit_auth.login", lang=_lang()))
    return _logout_page()


def _logout_page(status: int = 200, error_key: str | None = None):
    lang = _lang()
    error = TEXTS[lang][error_key] if error_key else None
    html = render_logout(
        lang, csrf_token=_csrf_token(), action=url_for("cockpit_auth.logout"), error=error
    )
    return _html(html, status)


@blueprint.post("/logout")
def logout():
    if not current_user.is_authenticated:
        session.clear()
        return redirect(url_for("cockpit_auth.login", bye=1, lang=_lang()))
    if not _csrf_ok():
        return _logout_page(400, error_key="expired")
    state = auth_state()
    g.cockpit_user = current_user.user
    close_session(state.store, current_user.session_id)
    state.record("logout")
    logout_user()
    session.clear()
    return redirect(url_for("cockpit_auth.login", bye=1, lang=_lang()))
