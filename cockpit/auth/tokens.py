"""Bearer tokens for integrations: shown once at creation, only their hash is kept.

A token acts as its user, with the user's perimeter; it stops working when
the user is disabled.
"""

from __future__ import annotations

import secrets
import time

from cockpit.auth.sessions import TOUCH_EVERY_S, digest
from cockpit.auth.users import User, UserStore

PREFIX = "ck_"


def issue_token(store: UserStore, username: str) -> str:
    user = store.require(username)
    token = PREFIX + secrets.token_urlsafe(32)
    with store.connect() as con:
        con.execute(
            "INSERT INTO tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)",
            (digest(token), user.id, time.time()),
        )
    return token


def user_for_token(store: UserStore, token: str) -> User | None:
    """The active user a token belongs to, or None."""
    key = digest(token)
    with store.connect() as con:
        row = con.execute(
            "SELECT t.last_used, u.* FROM tokens t JOIN users u ON u.id = t.user_id"
            " WHERE t.token_hash = ?",
            (key,),
        ).fetchone()
        if row is None or not row["active"]:
            return None
        now = time.time()
        if now - (row["last_used"] or 0) > TOUCH_EVERY_S:
            con.execute("UPDATE tokens SET last_used = ? WHERE token_hash = ?", (now, key))
    return User.from_row(row)


def revoke_tokens(store: UserStore, username: str) -> int:
    user = store.require(username)
    with store.connect() as con:
        return con.execute("DELETE FROM tokens WHERE user_id = ?", (user.id,)).rowcount
