"""Logging in and out: CSRF, same-origin writes, cookie flags, revocation, idle timeout."""

from __future__ import annotations

import time

from cockpit.auth.users import UserStore


def test_login_opens_the_dashboard_and_sets_a_locked_down_cookie(client, auth):
    response = auth.login("directeur", next_path="/api/v1/metrics")
    assert response.status_code == 302
    assert response.headers["Location"] == "/api/v1/metrics"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("cockpit_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert client.get("/api/v1/metrics").status_code == 200


def test_cookie_is_secure_over_https(app):
    response = app.test_client().get("/login", base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"]


def _session_of(app, client) -> dict:
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.loads(client.get_cookie("cockpit_session").value)


def test_login_rotates_the_session(app, client, auth):
    csrf_before = auth.csrf_token()
    auth.login("directeur")
    first = _session_of(app, client)
    assert first["csrf_token"] != csrf_before
    auth.logout()
    auth.login("directeur")
    second = _session_of(app, client)
    assert second["_user_id"] != first["_user_id"]
    stale = app.test_client()
    stale.set_cookie("cockpit_session", client.get_cookie("cockpit_session").value)
    assert stale.get("/api/v1/metrics").status_code == 200


def test_wrong_password_is_refused_with_a_generic_message(client, auth):
    response = auth.login("directeur", password="not-the-password")
    assert response.status_code == 401
    assert "Identifiant ou mot de passe incorrect" in response.get_data(as_text=True)
    unknown = auth.login("personne", password="not-the-password")
    assert unknown.get_data(as_text=True).count("incorrect") == 1
    assert client.get("/api/v1/metrics").status_code == 401


def test_login_form_without_csrf_token_is_refused(client, password_of):
    client.get("/login")
    response = client.post(
        "/login", data={"username": "directeur", "password": password_of("directeur")}
    )
    assert response.status_code == 400
    assert client.get("/api/v1/metrics").status_code == 401


def test_cross_site_login_post_is_refused(client, auth, password_of):
    form = {"username": "directeur", "password": password_of("directeur")}
    response = client.post(
        "/login",
        data={"csrf_token": auth.csrf_token(), **form},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403


def test_next_cannot_send_the_user_to_another_site(auth):
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = auth.login("directeur", next_path=target)
        assert response.headers["Location"] == "/"
        auth.logout()


def test_logout_revokes_a_copied_cookie(app, client, auth):
    auth.login()
    stolen = client.get_cookie("cockpit_session").value
    auth.logout()
    thief = app.test_client()
    thief.set_cookie("cockpit_session", stolen)
    assert thief.get("/api/v1/metrics").status_code == 401
    assert thief.get("/").headers["Location"].startswith("/login")


def test_disabling_a_user_ends_their_open_session(app, client, auth, auth_of, state):
    auth.login()
    assert client.get("/api/v1/metrics").status_code == 200
    UserStore(state).set_active("directeur", False)
    assert client.get("/api/v1/metrics").status_code == 401
    assert client.get("/").status_code == 302
    assert auth_of(app.test_client()).login("directeur").status_code == 401


def test_changing_the_password_ends_open_sessions(client, auth, state):
    auth.login()
    UserStore(state).set_password("directeur", "a-brand-new-password")
    assert client.get("/api/v1/metrics").status_code == 401


def test_an_idle_session_expires(make_app, log_in):
    client = log_in(make_app(COCKPIT_IDLE_TIMEOUT_S=1), "directeur")
    assert client.get("/api/v1/metrics").status_code == 200
    time.sleep(1.2)
    assert client.get("/api/v1/metrics").status_code == 401


def test_a_session_is_valid_in_another_server_process_of_the_same_state(
    client, auth, make_app, state
):
    auth.login()
    twin = make_app(state).test_client()
    twin.set_cookie("cockpit_session", client.get_cookie("cockpit_session").value)
    assert twin.get("/api/v1/metrics").status_code == 200
    auth.logout()
    assert twin.get("/api/v1/metrics").status_code == 401


def test_a_trusted_origin_can_post_behind_a_proxy(make_app, auth_of, password_of):
    app = make_app(COCKPIT_TRUSTED_ORIGINS=("https://cockpit.example",))
    client = app.test_client()
    token = auth_of(client).csrf_token()
    form = {"csrf_token": token, "username": "directeur", "password": password_of("directeur")}
    assert (
        client.post("/login", data=form, headers={"Origin": "https://cockpit.example"}).status_code
        == 302
    )
    assert client.post("/logout", headers={"Origin": "https://other.example"}).status_code == 403
