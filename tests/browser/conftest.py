"""Browser suite fixtures: the demo hospital built with the real CLI (`cockpit demo` +
`cockpit ingest`) once per session, a real `cockpit serve --demo-users` on a free port in a
subprocess, one headless Chromium, one login, and pages at phone and desktop sizes that
fail the test on any console error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_session import login_state, open_page

from cockpit.config import PROJECT_ROOT
from cockpit.demo.serve import build_demo_warehouse, serve
from cockpit.engine import Engine

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    return build_demo_warehouse(tmp_path_factory.mktemp("browser-demo"))


@pytest.fixture(scope="session")
def engine(demo_db) -> Engine:
    """The engine the tests compute expected figures with (same warehouse, read-only)."""
    return Engine(demo_db, PROJECT_ROOT / "queries")


@pytest.fixture(scope="session")
def server(demo_db, tmp_path_factory) -> str:
    with serve(demo_db, tmp_path_factory.mktemp("browser-state")) as url:
        yield url


@pytest.fixture(scope="session")
def logged_in_state(browser, server) -> dict:
    """Log in once as the demo director; every page reuses the session cookie."""
    return login_state(browser, server)


@pytest.fixture(scope="session")
def pole_manager_state(browser, server) -> dict:
    """The demo head of the Surgery pole (perimeter: CH de Vallombre, pole Chirurgie)."""
    return login_state(browser, server, "chef-chirurgie", "demo-chef-chirurgie")


def _checked_page(browser, server, state, viewport, size: str):
    """A logged-in page at that size; the test fails on any console error it shows."""
    context, page = open_page(browser, server, state, viewport, service_workers="block")
    page.size = size
    yield page
    context.close()
    assert page.problems == [], page.problems


@pytest.fixture(params=["phone", "desktop"])
def any_page(request, browser, server, logged_in_state):
    """A logged-in page at 390×844 and at 1440×900 (the test runs once for each)."""
    viewport = PHONE if request.param == "phone" else DESKTOP
    yield from _checked_page(browser, server, logged_in_state, viewport, request.param)


@pytest.fixture
def phone(browser, server, logged_in_state):
    yield from _checked_page(browser, server, logged_in_state, PHONE, "phone")


@pytest.fixture
def desktop(browser, server, logged_in_state):
    yield from _checked_page(browser, server, logged_in_state, DESKTOP, "desktop")


@pytest.fixture
def open_context(browser, server, logged_in_state):
    """A factory for contexts with other options (size, colour scheme, service worker, the
    storage state of another login)."""
    made = []

    def make(viewport=PHONE, state=None, **options):
        context, page = open_page(browser, server, state or logged_in_state, viewport, **options)
        made.append((context, page))
        return context, page

    yield make
    for context, page in made:
        context.close()
        assert page.problems == [], page.problems
