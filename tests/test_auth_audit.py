"""The audit log records every kind of event, cannot be rewritten, and `cockpit audit` reads it."""

from __future__ import annotations

import json
import sqlite3

import pytest
from flask import Flask, g
from typer.testing import CliRunner

from cockpit.auth import audit
from cockpit.auth.audit_log import AuditLog
from cockpit.auth.users import UserStore
from cockpit.cli import _register
from cockpit.cli import app as cli


def _cockpit(*args: str, stdin: str | None = None):
    _register()
    result = CliRunner().invoke(cli, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def test_every_event_type_is_recorded_and_read_back(
    make_app, client_of, auth_of, warehouse_copy, tmp_path
):
    state = str(tmp_path / "audited")
    db = str(warehouse_copy)
    _cockpit("users", "add", "chef", "--role", "pole_manager", "--pole", "chirurgie",
             "--establishment", "CH de Vallombre", "--password-stdin", "--state", state,
             "--db", db, stdin="chef-correct-horse\n")  # fmt: skip
    _cockpit("users", "add", "dg", "--role", "director", "--password-stdin", "--state", state,
             stdin="dg-correct-horse\n")  # fmt: skip
    _cockpit("users", "passwd", "dg", "--password-stdin", "--state", state,
             stdin="dg-new-correct-horse\n")  # fmt: skip
    token = _cockpit("users", "token", "dg", "--state", state).strip()
    server = make_app(tmp_path / "audited")
    client = client_of(server)
    chef = auth_of(client)
    chef.login("chef", password="wrong-password")
    chef.login("chef")
    client.get("/_dash-layout", headers={"Referer": "http://localhost/activite"})
    client.get("/api/v1/query?metric=admissions&from=2026-01&to=2026-03")
    client.get("/api/v1/query?metric=admissions&filter=pole:Médecine")
    client.post("/api/v1/ask", json={"question": "Combien ?"})
    _ui_records_an_export(server, tmp_path / "audited")
    chef.logout()
    server.test_client().get("/api/v1/metrics", headers={"Authorization": f"Bearer {token}"})
    _cockpit("users", "disable", "dg", "--state", state)

    events = AuditLog(tmp_path / "audited").read()
    kinds = {e.event for e in events}
    assert kinds >= {"user_added", "password_changed", "token_issued", "login_failed", "login",
                     "view", "query", "denied", "question", "export", "logout",
                     "user_disabled"}  # fmt: skip
    login_event = next(e for e in events if e.event == "login")
    assert login_event.username == "chef" and login_event.address == "127.0.0.1"
    view = next(e for e in events if e.event == "view")
    assert view.username == "chef" and view.details["page"] == "/activite"
    query = next(e for e in events if e.event == "query")
    assert query.details["plan"]["metric"] == "admissions"
    assert query.details["plan"]["period"] == {"start": "2026-01", "end": "2026-03"}
    denied = next(e for e in events if e.event == "denied")
    assert denied.details["status"] == 403
    added = next(e for e in events if e.event == "user_added")
    assert added.details == {
        "user": "chef",
        "role": "pole_manager",
        "establishment_id": "990000012",
        "pole": "Chirurgie",
    }
    assert added.address == "cli" and added.username.startswith("cli:")

    table = _cockpit("audit", "--state", state, "--user", "chef")
    for kind in ("login", "view", "query", "question", "export", "logout"):
        assert kind in table
    lines = _cockpit("audit", "--state", state, "--json", "--event", "user_disabled")
    [disabled] = [json.loads(line) for line in lines.splitlines()]
    assert disabled["details"] == {"user": "dg"} and disabled["username"] == added.username
    assert _cockpit("audit", "--state", state, "--since", "2999-01-01").count("login") == 0


def _ui_records_an_export(server: Flask, state) -> None:
    """What the dashboard does in its export callback: cockpit.auth.audit('export', …)."""
    with server.test_request_context("/_dash-update-component", method="POST"):
        g.cockpit_user = UserStore(state).get("chef")
        audit("export", page="/finances", metric="total_expenses", format="xlsx", rows=12)


def test_the_log_cannot_be_rewritten(tmp_path):
    log = AuditLog(tmp_path)
    log.record("login", username="dg", address="10.0.0.1")
    con = sqlite3.connect(log.path)
    for statement in ("UPDATE events SET username = 'x'", "DELETE FROM events"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute(statement)
    con.close()
    assert [e.username for e in log.read()] == ["dg"]


def test_secrets_passed_as_details_are_dropped(tmp_path):
    log = AuditLog(tmp_path)
    log.record("login", username="dg", password="hunter2-hunter2", token="ck_x", page="/")
    assert log.read()[0].details == {"page": "/"}
    with pytest.raises(ValueError, match="unknown audit event"):
        log.record("made_up")
