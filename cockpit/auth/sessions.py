"""Server-side login sessions: the cookie carries only a random id, the row decides.

A new id is made at each login; logout deletes the row, disabling an account
or changing its password deletes all of them, so an old cookie stops working
in every server process. A session idle for too long is closed.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from cockpit.auth.users import User, UserStore

# last_seen is written at most this often, to keep requests from all writing.
TOUCH_EVERY_S = 30.0


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def open_session(store: UserStore, user: User, address: str | None) -> str:
    """Create a session; returns its id, to be put in the signed cookie."""
    session_id = secrets.token_urlsafe(32)
    now = time.time()
    with store.connect() as con:
        con.execute(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen, address)"
            " VALUES (?, ?, ?, ?, ?)",
            (digest(session_id), user.id, now, now, address),
        )
    return session_id


def load_session(
    store: UserStore, session_id: str, idle_timeout_s: float, max_age_s: float
) -> User | None:
    """The active user of a live session, or None (unknown, idle, too old, disabled)."""
    now = time.time()
    key = digest(session_id)
    with store.connect() as con:
        row = con.execute(
            "SELECT s.created_at, s.last_seen, u.* FROM sessions s JOIN users u"
            " ON u.id = s.user_id WHERE s.token_hash = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        expired = now - row["last_seen"] > idle_timeout_s or now - row["created_at"] > max_age_s
        if expired or not row["active"]:
            con.execute("DELETE FROM sessions WHERE token_hash = ?", (key,))
            return None
        if now - row["last_seen"] > TOUCH_EVERY_S:
            con.execute("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", (now, key))
    return User.from_row(row)


def close_session(store: UserStore, session_id: str) -> None:
    with store.connect() as con:
        con.execute("DELETE FROM sessions WHERE token_hash = ?", (digest(session_id),))
