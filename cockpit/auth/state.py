"""The auth state of one Flask server: user store, throttle, audit log, settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app, g, has_request_context, request

from cockpit.auth.audit_log import AuditLog
from cockpit.auth.redis_throttle import RedisThrottle
from cockpit.auth.throttle import LoginThrottle
from cockpit.auth.users import UserStore

EXTENSION = "cockpit_auth"


@dataclass
class AuthState:
    state_dir: Path
    store: UserStore
    throttle: LoginThrottle | RedisThrottle
    audit_log: AuditLog
    idle_timeout_s: float
    max_age_s: float

    def record(self, event: str, **details: Any) -> None:
        """Audit an event for the user and address of the current request."""
        username = address = None
        if has_request_context():
            user = g.get("cockpit_user")
            username = details.pop("username", None) or (user.username if user else None)
            address = request.remote_addr
        self.audit_log.record(event, username=username, address=address, **details)


def auth_state() -> AuthState:
    return current_app.extensions[EXTENSION]
