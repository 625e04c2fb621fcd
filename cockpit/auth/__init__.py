"""Authentication, perimeters and audit: who is asking, what they may see, what they did.

The dashboard, the API and the CLI use only the functions re-exported here.
"""

from __future__ import annotations

from typing import Any

from flask import abort, g, has_request_context

from cockpit.auth.audit_log import storable_text
from cockpit.auth.demo_users import ensure_demo_users
from cockpit.auth.errors import json_error
from cockpit.auth.install import install_auth
from cockpit.auth.paths import safe_next
from cockpit.auth.state import auth_state
from cockpit.auth.users import ROLES, User
from cockpit.perimeter import Perimeter

__all__ = [
    "ROLES",
    "audit",
    "current_perimeter",
    "current_role",
    "current_user",
    "current_username",
    "ensure_demo_users",
    "install_auth",
    "json_error",
    "recent_questions",
    "safe_next",
    "storable_text",
]


def current_user() -> User | None:
    """The server-side user of this request (set by the guard), or None."""
    return g.get("cockpit_user") if has_request_context() else None


def current_perimeter() -> Perimeter:
    """The perimeter of this request's user, from the user store; 401 when nobody is logged in."""
    user = current_user()
    if user is None:
        abort(401)
    return user.perimeter


def current_username() -> str | None:
    user = current_user()
    return user.username if user else None


def current_role() -> str | None:
    user = current_user()
    return user.role if user else None


def audit(event: str, **details: Any) -> None:
    """Record an event (view, export, question, query…) for this request's user and address."""
    auth_state().record(event, **details)


def recent_questions(limit: int = 6) -> list[tuple[str, dict[str, Any] | None]]:
    """This request's user's last questions (with the plan a follow-up built on), newest
    first, from the audit log."""
    user = current_user()
    return auth_state().audit_log.recent_questions(user.username, limit) if user else []
