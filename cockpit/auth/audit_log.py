"""The audit log (<state>/audit.sqlite3): who did what, when, from where. Append-only.

Triggers refuse UPDATE and DELETE, so the application cannot rewrite
history; details are JSON and never hold a password or a token. Every stored
field is bounded (`bounded`), so no request can grow the log at will.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cockpit.auth import db

EVENTS: tuple[str, ...] = (
    "login",
    "login_failed",
    "login_locked",
    "logout",
    "view",
    "query",
    "question",
    "export",
    "user_added",
    "user_disabled",
    "user_enabled",
    "password_changed",
    "token_issued",
    "token_revoked",
    "denied",
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    username TEXT,
    address TEXT,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS events_at ON events (at);
CREATE INDEX IF NOT EXISTS events_user_event ON events (username, event);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

_SECRET_KEYS = {"password", "token", "secret", "csrf", "csrf_token"}
# A question, a page address or an error fits; a 200 KB query string does not.
MAX_FIELD_CHARS = 500
MAX_NAME_CHARS = 128


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def storable_text(value: str) -> str:
    """Any str made storable: lone surrogates (valid in JSON, not in UTF-8) become U+FFFD."""
    return value if value.isascii() else _LONE_SURROGATE.sub("\ufffd", value)


def bounded(value: Any, limit: int = MAX_FIELD_CHARS) -> Any:
    """A detail as stored: short values as they are; a longer one (its JSON, for lists and
    dicts) cut to `limit` characters, with its full length and sha256 to recognise it."""
    if value is None or isinstance(value, bool | int | float):
        return value
    whole = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if len(whole) <= limit:
        return storable_text(value) if isinstance(value, str) else json.loads(storable_text(whole))
    digest = hashlib.sha256(whole.encode("utf-8", "surrogatepass")).hexdigest()
    return {"truncated": storable_text(whole[:limit]), "length": len(whole), "sha256": digest}


def _name(value: str | None) -> str | None:
    return None if value is None else storable_text(value)[:MAX_NAME_CHARS]


@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: datetime
    event: str
    username: str | None
    address: str | None
    details: dict[str, Any]


class AuditLog:
    def __init__(self, state_dir: Path):
        self.path = Path(state_dir) / "audit.sqlite3"

    def record(
        self, event: str, username: str | None = None, address: str | None = None, **details: Any
    ) -> None:
        if event not in EVENTS:
            raise ValueError(f"unknown audit event {event!r} (known: {', '.join(EVENTS)})")
        clean = {
            key: bounded(value)
            for key, value in details.items()
            if key.casefold() not in _SECRET_KEYS
        }
        with db.connect(self.path, SCHEMA) as con:
            con.execute(
                "INSERT INTO events (at, event, username, address, details) VALUES (?, ?, ?, ?, ?)",
                (
                    datetime.now(UTC).isoformat(timespec="milliseconds"),
                    event,
                    _name(username),
                    _name(address),
                    json.dumps(clean, ensure_ascii=False),
                ),
            )

    def read(
        self,
        since: datetime | None = None,
        username: str | None = None,
        event: str | None = None,
        limit: int | None = None,
    ) -> list[AuditEvent]:
        """Events oldest first, filtered by time (UTC), user and event type."""
        where, args = [], []
        if since is not None:
            where.append("at >= ?")
            args.append(since.astimezone(UTC).isoformat(timespec="milliseconds"))
        if username is not None:
            where.append("username = ? COLLATE NOCASE")
            args.append(username)
        if event is not None:
            where.append("event = ?")
            args.append(event)
        sql = "SELECT * FROM events" + (f" WHERE {' AND '.join(where)}" if where else "")  # nosec B608 # constant clauses; every value is a bound parameter
        sql += " ORDER BY id"
        if limit:
            sql = f"SELECT * FROM ({sql} DESC LIMIT ?) ORDER BY id"  # nosec B608 # constant clauses; every value is a bound parameter
            args.append(int(limit))
        with db.connect(self.path, SCHEMA) as con:
            rows = con.execute(sql, args).fetchall()
        return [
            AuditEvent(
                r["id"],
                datetime.fromisoformat(r["at"]),
                r["event"],
                r["username"],
                r["address"],
                json.loads(r["details"]),
            )
            for r in rows
        ]

    def recent_questions(
        self, username: str, limit: int = 6, scan: int = 200
    ) -> list[tuple[str, dict[str, Any] | None]]:
        """`username`'s last questions as (question, context plan or None), newest first, each
        once (case and spacing aside). One whose latest asking was refused is left out (asking
        again would not help), and so is one whose context was too long to be kept whole."""
        sql = (
            "SELECT json_extract(details, '$.question'), json_extract(details, '$.status'), "
            "json_extract(details, '$.context') FROM events "
            "WHERE username = ? AND event = 'question' ORDER BY id DESC LIMIT ?"
        )
        with db.connect(self.path, SCHEMA) as con:
            rows = con.execute(sql, (username, scan)).fetchall()
        seen: set[tuple[str, str]] = set()
        questions: list[tuple[str, dict[str, Any] | None]] = []
        for text, status, context in rows:
            key = (" ".join(str(text or "").casefold().split()), context or "")
            if not key[0] or key in seen:
                continue
            seen.add(key)
            plan = json.loads(context) if context else None
            if status != "refused" and not (plan and "truncated" in plan):
                questions.append((" ".join(str(text).split()), plan))
            if len(questions) == limit:
                break
        return questions
