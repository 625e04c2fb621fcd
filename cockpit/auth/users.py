"""The user store (<state>/users.sqlite3): accounts, roles and perimeters.

Sessions, bearer tokens and login failures are kept in the same file so that
every server process sees the same revocations and the same throttling.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from cockpit.auth import db
from cockpit.auth.passwords import hash_password, needs_rehash, verify_password
from cockpit.perimeter import Perimeter

ROLES: tuple[str, ...] = ("director", "controller", "analyst", "pole_manager")

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    establishment_id TEXT,
    pole TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at REAL NOT NULL,
    last_seen REAL NOT NULL,
    address TEXT
);
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at REAL NOT NULL,
    last_used REAL
);
CREATE TABLE IF NOT EXISTS login_failures (
    key TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures (key, at);
"""


class UserError(ValueError):
    """A user change that cannot be made; the message says why."""


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    establishment_id: str | None
    pole: str | None
    active: bool

    @property
    def perimeter(self) -> Perimeter:
        return Perimeter(establishment_id=self.establishment_id, pole=self.pole)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> User:
        return cls(
            row["id"],
            row["username"],
            row["role"],
            row["establishment_id"],
            row["pole"],
            bool(row["active"]),
        )


def check_role(role: str, pole: str | None) -> None:
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if role == "pole_manager" and not pole:
        raise UserError("a pole_manager needs a pole (--pole)")


class UserStore:
    def __init__(self, state_dir: Path):
        self.path = Path(state_dir) / "users.sqlite3"

    def connect(self):
        return db.connect(self.path, SCHEMA)

    def add(
        self,
        username: str,
        password: str,
        role: str,
        *,
        pole: str | None = None,
        establishment_id: str | None = None,
    ) -> User:
        username = username.strip()
        if not username or any(c.isspace() for c in username) or len(username) > 64:
            raise UserError("a user name is 1 to 64 characters without spaces")
        check_role(role, pole)
        hashed = hash_password(password)
        now = time.time()
        with self.connect() as con:
            try:
                con.execute(
                    "INSERT INTO users (username, password_hash, role, establishment_id, pole,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (username, hashed, role, establishment_id or None, pole or None, now, now),
                )
            except sqlite3.IntegrityError:
                raise UserError(f"user {username!r} already exists") from None
        return self.require(username)

    def get(self, username: str) -> User | None:
        with self.connect() as con:
            row = con.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        return User.from_row(row) if row else None

    def by_id(self, user_id: int) -> User | None:
        with self.connect() as con:
            row = con.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
        return User.from_row(row) if row else None

    def require(self, username: str) -> User:
        user = self.get(username)
        if user is None:
            raise UserError(f"no user named {username!r}")
        return user

    def all(self) -> list[User]:
        with self.connect() as con:
            rows = con.execute("SELECT * FROM users ORDER BY username").fetchall()
        return [User.from_row(r) for r in rows]

    def authenticate(self, username: str, password: str) -> tuple[User | None, str]:
        """(user, "ok") on success, else (None or the user, reason). Same cost either way."""
        with self.connect() as con:
            row = con.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        if not verify_password(row["password_hash"] if row else None, password):
            return (User.from_row(row) if row else None), "bad_password" if row else "unknown_user"
        user = User.from_row(row)
        if not user.active:
            return user, "disabled"
        if needs_rehash(row["password_hash"]):
            self._store_hash(user.id, hash_password(password))
        return user, "ok"

    def set_password(self, username: str, password: str) -> User:
        """New password; every session of the user is closed."""
        user = self.require(username)
        self._store_hash(user.id, hash_password(password))
        self.end_sessions(user.id)
        return user

    def _store_hash(self, user_id: int, hashed: str) -> None:
        with self.connect() as con:
            con.execute(
                "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                (hashed, time.time(), user_id),
            )

    def set_active(self, username: str, active: bool) -> User:
        """Disable (or re-enable) an account; disabling closes its sessions and tokens."""
        user = self.require(username)
        with self.connect() as con, db.transaction(con):
            con.execute(
                "UPDATE users SET active = ?, updated_at = ? WHERE id = ?",
                (int(active), time.time(), user.id),
            )
            if not active:
                con.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))
                con.execute("DELETE FROM tokens WHERE user_id = ?", (user.id,))
        return self.require(username)

    def end_sessions(self, user_id: int) -> None:
        with self.connect() as con:
            con.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))
