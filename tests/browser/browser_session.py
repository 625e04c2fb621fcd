"""Logging in through the real form and opening pages that record console errors, for any
running Cockpit (the session's demo server, or a test's own)."""

from __future__ import annotations

USER, PASSWORD = "directeur", "demo-directeur"


def login_state(browser, url: str, user: str = USER, password: str = PASSWORD) -> dict:
    """Log in once through the real form; the storage state carries the session cookie."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/login")
    page.get_by_label("Identifiant").fill(user)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(url + "/")
    state = context.storage_state()
    context.close()
    return state


def open_page(browser, server, state, viewport, **options):
    context = browser.new_context(
        viewport=viewport, storage_state=state, base_url=server, accept_downloads=True, **options
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    return context, page
