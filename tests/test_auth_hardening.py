"""Issue 13's auth findings: logout only by POST with CSRF, private state files, Origin
compared as scheme + host + port."""

from __future__ import annotations

import os
import stat

import pytest

from cockpit.auth.audit_log import AuditLog


def _still_logged_in(client) -> bool:
    return client.get("/api/v1/metrics").status_code == 200


def test_a_get_of_logout_only_shows_the_button(client, auth):
    auth.login()
    page = client.get("/logout")  # what an <img src=…/logout> on another site would do
    assert page.status_code == 200 and 'method="post"' in page.get_data(as_text=True)
    assert _still_logged_in(client)


def test_logout_needs_the_sessions_csrf_token_and_a_same_site_origin(client, auth, state):
    auth.login()
    assert client.post("/logout").status_code == 400
    forged = client.post("/logout", data={"csrf_token": "x"})
    assert forged.status_code == 400
    assert client.post("/logout", headers={"Origin": "https://evil.example"}).status_code == 403
    assert _still_logged_in(client)
    response = auth.logout()
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert not _still_logged_in(client)
    assert [e.username for e in AuditLog(state).read(event="logout")] == ["directeur"]


def test_logging_out_when_already_out_goes_to_the_login_page(client):
    assert client.get("/logout").headers["Location"].startswith("/login")
    assert client.post("/logout").headers["Location"].startswith("/login")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_state_files_are_readable_by_their_owner_only(auth, state):
    auth.login()
    auth.logout()
    assert _mode(state) == 0o700
    files = [p for p in state.iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"users.sqlite3", "audit.sqlite3", "secret_key"}
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_a_state_dir_made_by_an_older_version_is_tightened(make_app, add_user, tmp_path):
    state = tmp_path / "old-state"
    add_user(state, "directeur")
    state.chmod(0o755)
    for path in state.iterdir():
        path.chmod(0o644)
    (state / "secret_key").write_bytes(os.urandom(32))
    (state / "secret_key").chmod(0o644)
    make_app(state)
    assert _mode(state) == 0o700
    assert {_mode(p) for p in state.iterdir() if p.is_file()} == {0o600}


@pytest.mark.parametrize("origin, allowed", [
    ("http://localhost", True),
    ("http://localhost:80", True),
    ("https://localhost", False),
    ("http://localhost:8080", False),
    ("http://localhost.evil.example", False),
    ("null", False),
    ("http://[", False),
])  # fmt: skip
def test_the_origin_must_match_scheme_host_and_port(director, origin, allowed):
    response = director.post("/api/v1/ask", json={"question": "Entrées ?"},
                           headers={"Origin": origin})  # fmt: skip
    assert (response.status_code != 403) is allowed, response.get_data(as_text=True)
