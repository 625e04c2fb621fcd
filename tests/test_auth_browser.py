"""In a real headless Chromium: log in, load the dashboard, and no CSP violation on the way."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

pytestmark = pytest.mark.browser

live_servers = {}
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
    (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.fixture
def live_server(app):
    """The app in this process behind a real socket, so a test can change it while it runs."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    live_servers[url] = app
    yield url
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    context.close()


def _log_in(page, url: str, password: str) -> None:
    page.goto(f"{url}/")
    assert "/login" in page.url
    page.get_by_label("Identifiant").fill("chef")
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{url}/")


# Dashboard pages and the Question screen are plain HTML; an unknown address still boots Dash.
DASH_PAGE = "/a-page-that-does-not-exist"


def test_login_then_dashboard_without_csp_errors(live_server, page, password_of):
    _log_in(page, live_server, password_of("chef"))
    page.goto(f"{live_server}{DASH_PAGE}")
    page.wait_for_selector("#react-entry-point ._dash-loading", state="detached", timeout=30_000)
    page.wait_for_load_state("networkidle")
    assert page.locator("#react-entry-point").inner_text().strip()
    assert page.evaluate("window.__cspViolations") == []
    assert page.problems == [], page.problems


def test_the_check_sees_a_blocked_inline_script(live_server, page, password_of):
    """Without Dash's script hashes the renderer bootstrap is blocked, and we notice."""
    app = live_servers[live_server]
    app.extensions["cockpit_dash"] = None
    import dash._get_app as get_app

    real, get_app.APP = get_app.APP, None
    try:
        _log_in(page, live_server, password_of("chef"))
        page.goto(f"{live_server}{DASH_PAGE}")
        page.wait_for_load_state("networkidle")
    finally:
        get_app.APP = real
    assert any(v.startswith("script-src") for v in page.evaluate("window.__cspViolations"))


def test_logout_sends_back_to_the_login_page(live_server, page, password_of):
    _log_in(page, live_server, password_of("chef"))
    page.goto(f"{live_server}/logout")
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/login**")
    assert "déconnecté" in page.content()
    page.goto(f"{live_server}/")
    assert "/login" in page.url


def test_a_session_ended_on_the_server_sends_an_open_live_page_to_the_login_page(
    live_server, page, password_of
):
    _log_in(page, live_server, password_of("chef"))
    page.goto(f"{live_server}{DASH_PAGE}")
    page.wait_for_selector("#react-entry-point ._dash-loading", state="detached", timeout=30_000)
    store = live_servers[live_server].extensions["cockpit_auth"].store
    with store.connect() as con:  # as an idle timeout or a disabled account would
        con.execute("DELETE FROM sessions")
    page.locator("#react-entry-point a[href^='/activite'] >> visible=true").first.click()
    page.wait_for_url("**/login?next=%2Factivite**", timeout=15_000)
    assert page.get_by_label("Identifiant").is_visible()
