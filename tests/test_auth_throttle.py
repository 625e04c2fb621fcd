"""Login throttling: per account and per address, shared by every server process of a state dir."""

from __future__ import annotations

import pytest

from cockpit.auth.audit_log import AuditLog
from cockpit.auth.throttle import Rule


def test_rule_delay_doubles_after_the_limit_and_is_capped():
    rule = Rule(limit=5, base_delay_s=60, max_delay_s=900)
    assert [rule.delay(n) for n in (4, 5, 6, 7, 12)] == [0, 60, 120, 240, 900]


@pytest.fixture
def login(auth_of):
    """`login(server, username, password=None)`: one attempt, from a new browser."""

    def attempt(server, username: str, password: str | None = None):
        return auth_of(server.test_client()).login(username, password)

    return attempt


def test_five_failures_lock_the_account_across_two_server_processes(make_app, login, state):
    first, second = make_app(state), make_app(state)
    for attempt in range(5):
        server = (first, second)[attempt % 2]
        assert login(server, "directeur", password="wrong-guess").status_code == 401
    # The right password does not help while locked, on either process.
    for server in (first, second):
        locked = login(server, "directeur")
        assert locked.status_code == 429
        assert 0 < int(locked.headers["Retry-After"]) <= 60
        assert "Trop de tentatives" in locked.get_data(as_text=True)
    # Another account from the same address still gets in.
    assert login(second, "controleur").status_code == 302
    events = [e.event for e in AuditLog(state).read()]
    assert events.count("login_failed") == 5 and events.count("login_locked") == 2


def test_one_address_guessing_many_accounts_is_locked(app, login, auth_of):
    for n in range(20):
        login(app, f"guess{n}", password="wrong-guess")
    assert login(app, "directeur").status_code == 429
    other_address = app.test_client()
    other_address.environ_base["REMOTE_ADDR"] = "10.0.0.7"
    assert auth_of(other_address).login("directeur").status_code == 302


def test_a_success_clears_the_account_failures(app, login):
    for _ in range(4):
        login(app, "directeur", password="wrong-guess")
    assert login(app, "directeur").status_code == 302
    for _ in range(4):
        login(app, "directeur", password="wrong-guess")
    assert login(app, "directeur").status_code == 302


def test_the_lock_lifts_after_the_delay(app, login, monkeypatch):
    from cockpit.auth import throttle

    for _ in range(5):
        login(app, "directeur", password="wrong-guess")
    assert login(app, "directeur").status_code == 429
    real_time = throttle.time.time
    monkeypatch.setattr(throttle.time, "time", lambda: real_time() + 61)
    assert login(app, "directeur").status_code == 302
