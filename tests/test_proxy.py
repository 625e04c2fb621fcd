"""Behind a TLS reverse proxy, as the README's « Deploy behind a TLS reverse proxy » sets it
up: a live `cockpit serve` with COCKPIT_TRUSTED_PROXIES, requests carrying the headers
nginx adds. Throttling and the audit log see the real client, the cookie is Secure, the
Origin check accepts the public origin only; from an untrusted peer the headers count for
nothing."""

from __future__ import annotations

import re

import pytest
import requests
from typer.testing import CliRunner

from cockpit.auth.audit_log import AuditLog
from cockpit.cli import _register
from cockpit.cli import app as cli
from cockpit.demo.serve import serve

PUBLIC = "https://cockpit.chu.example"
CLIENT, OTHER_CLIENT = "203.0.113.7", "198.51.100.9"


def proxied(client: str, **headers: str) -> dict[str, str]:
    """What nginx sends on: $proxy_add_x_forwarded_for (a client's own header, then its
    address), $scheme and $host."""
    return {"X-Forwarded-For": f"6.6.6.6, {client}", "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "cockpit.chu.example", **headers}  # fmt: skip


@pytest.fixture(scope="module")
def behind_proxy(demo_warehouse, tmp_path_factory):
    state = tmp_path_factory.mktemp("proxy") / "state"
    with serve(demo_warehouse, state, env={"COCKPIT_TRUSTED_PROXIES": "127.0.0.1"}) as url:
        yield url, state


def _login_form(url: str, client: str) -> tuple[str, str]:
    """(cookie, csrf token) of a fresh login page, fetched through the proxy."""
    page = requests.get(url + "/login", headers=proxied(client), timeout=10)
    cookie = page.headers["Set-Cookie"]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return cookie.split(";")[0], token


def _log_in(url: str, client: str, username: str, password: str, origin: str = PUBLIC):
    cookie, token = _login_form(url, client)
    return requests.post(
        url + "/login",
        data={"csrf_token": token, "username": username, "password": password},
        headers=proxied(client, Origin=origin, Cookie=cookie),
        allow_redirects=False,
        timeout=30,
    )


def test_the_session_cookie_is_secure_behind_the_tls_proxy(behind_proxy):
    url, _ = behind_proxy
    response = _log_in(url, CLIENT, "directeur", "demo-directeur")
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "cockpit_session=" in cookie and "Secure" in cookie and "HttpOnly" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize("origin", ["http://cockpit.chu.example", "https://cockpit.chu.example:8443",
                                    "https://evil.example"])  # fmt: skip
def test_only_the_public_origin_may_post(behind_proxy, origin):
    url, _ = behind_proxy
    assert _log_in(url, CLIENT, "directeur", "demo-directeur", origin=origin).status_code == 403


def test_throttling_and_the_audit_log_see_the_real_client(behind_proxy):
    url, state = behind_proxy
    for attempt in range(20):  # the per-address limit: then this address must wait
        assert _log_in(url, CLIENT, f"nobody-{attempt}", "wrong-password").status_code == 401
    assert _log_in(url, CLIENT, "chef-chirurgie", "demo-chef-chirurgie").status_code == 429
    # Same proxy, same TCP peer (127.0.0.1), another client behind it: not locked out.
    assert _log_in(url, OTHER_CLIENT, "chef-chirurgie", "demo-chef-chirurgie").status_code == 302
    logins = AuditLog(state).read(event="login", username="chef-chirurgie")
    assert logins[-1].address == OTHER_CLIENT
    assert {e.address for e in AuditLog(state).read(event="login_locked")} == {CLIENT}


def test_forwarded_headers_from_an_untrusted_peer_count_for_nothing(make_app):
    app = make_app(COCKPIT_TRUSTED_PROXIES="10.0.0.0/8")

    def login_page_from(peer: str):
        return app.test_client().get(
            "/login", headers=proxied(CLIENT), environ_base={"REMOTE_ADDR": peer}
        )

    direct = login_page_from("192.0.2.10")
    assert "Secure" not in direct.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in direct.headers
    assert "Secure" in login_page_from("10.1.2.3").headers["Set-Cookie"]


def test_a_bad_trusted_proxies_setting_stops_the_server_with_its_name(make_app):
    with pytest.raises(ValueError, match="COCKPIT_TRUSTED_PROXIES: 'proxy.local'"):
        make_app(COCKPIT_TRUSTED_PROXIES="proxy.local")


def test_cockpit_serve_refuses_a_bad_trusted_proxies_setting_before_listening(
    demo_warehouse, tmp_path, monkeypatch
):
    monkeypatch.setenv("COCKPIT_TRUSTED_PROXIES", "127.0.0.1, proxy.local")
    _register()
    result = CliRunner().invoke(cli, ["serve", "--db", str(demo_warehouse),
                                      "--state", str(tmp_path / "state")])  # fmt: skip
    assert result.exit_code == 2 and "COCKPIT_TRUSTED_PROXIES: 'proxy.local'" in result.output
