"""Login throttling: per account and per address, shared by every server process of a state dir."""

from __future__ import annotations

import pytest
from auth_client import add_user, fast_passwords, login, make_app  # noqa: F401 (autouse)

from cockpit.auth.audit_log import AuditLog
from cockpit.auth.throttle import Rule


def test_rule_delay_doubles_after_the_limit_and_is_capped():
    rule = Rule(limit=5, base_delay_s=60, max_delay_s=900)
    assert [rule.delay(n) for n in (4, 5, 6, 7, 12)] == [0, 60, 120, 240, 900]


@pytest.fixture
def state(tmp_path):
    state = tmp_path / "state"
    add_user(state, "directeur")
    add_user(state, "controleur", "controller")
    return state


def test_five_failures_lock_the_account_across_two_server_processes(demo_warehouse, state):
    first, second = make_app(demo_warehouse, state), make_app(demo_warehouse, state)
    for attempt in range(5):
        server = (first, second)[attempt % 2]
        assert login(server.test_client(), "directeur", password="wrong-guess").status_code == 401
    # The right password does not help while locked, on either process.
    for server in (first, second):
        locked = login(server.test_client(), "directeur")
        assert locked.status_code == 429
        assert 0 < int(locked.headers["Retry-After"]) <= 60
        assert "Trop de tentatives" in locked.get_data(as_text=True)
    # Another account from the same address still gets in.
    assert login(second.test_client(), "controleur").status_code == 302
    events = [e.event for e in AuditLog(state).read()]
    assert events.count("login_failed") == 5 and events.count("login_locked") == 2


def test_one_address_guessing_many_accounts_is_locked(demo_warehouse, state):
    server = make_app(demo_warehouse, state)
    for n in range(20):
        login(server.test_client(), f"guess{n}", password="wrong-guess")
    assert login(server.test_client(), "directeur").status_code == 429
    other_address = server.test_client()
    other_address.environ_base["REMOTE_ADDR"] = "10.0.0.7"
    assert login(other_address, "directeur").status_code == 302


def test_a_success_clears_the_account_failures(demo_warehouse, state):
    server = make_app(demo_warehouse, state)
    for _ in range(4):
        login(server.test_client(), "directeur", password="wrong-guess")
    assert login(server.test_client(), "directeur").status_code == 302
    for _ in range(4):
        login(server.test_client(), "directeur", password="wrong-guess")
    assert login(server.test_client(), "directeur").status_code == 302


def test_the_lock_lifts_after_the_delay(demo_warehouse, state, monkeypatch):
    from cockpit.auth import throttle

    server = make_app(demo_warehouse, state)
    for _ in range(5):
        login(server.test_client(), "directeur", password="wrong-guess")
    assert login(server.test_client(), "directeur").status_code == 429
    real_time = throttle.time.time
    monkeypatch.setattr(throttle.time, "time", lambda: real_time() + 61)
    assert login(server.test_client(), "directeur").status_code == 302
