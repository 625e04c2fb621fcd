"""« Comparaison nationale » in a real headless Chromium against a real `cockpit serve`: the
demo's CH de Vallombre compared as the CH d'Avignon (the demo server's
COCKPIT_NATIONAL_FINESS) on the real public files, at 360 px in French and English, and the
list of peers on a desktop."""

from __future__ import annotations

import shutil

import pytest
from browser_session import login_state, open_page
from real_data import AVIGNON, require_real_data

from cockpit.config import PROJECT_ROOT
from cockpit.demo.org import DEMO_NATIONAL_FINESS
from cockpit.demo.serve import serve
from cockpit.engine import Engine
from cockpit.formatting import format_percent, format_value
from cockpit.national.service import National
from cockpit.warehouse.national import import_national_files

pytestmark = pytest.mark.browser
NARROW = {"width": 360, "height": 780}
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def national_db(demo_db, tmp_path_factory):
    real = require_real_data()
    db = tmp_path_factory.mktemp("national-browser") / "cockpit.duckdb"
    shutil.copyfile(demo_db, db)
    import_national_files([real / "hospidiag", real / "sae"], db)
    return db


@pytest.fixture(scope="module")
def national_server(national_db, tmp_path_factory):
    """The demo server, whose mapping compares CH de Vallombre as the CH d'Avignon."""
    state = tmp_path_factory.mktemp("national-state")
    with serve(national_db, state, env={"COCKPIT_NATIONAL_FINESS": DEMO_NATIONAL_FINESS}) as url:
        yield url


@pytest.fixture(scope="module")
def state(browser, national_server):
    return login_state(browser, national_server)


@pytest.fixture(scope="module")
def expected(national_db):
    return National(Engine(national_db, PROJECT_ROOT / "queries")).compare(AVIGNON)


def text(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture
def narrow(browser, national_server, state, request):
    context, page = open_page(browser, national_server, state, NARROW, service_workers="block")
    if getattr(request, "param", "fr") == "en":
        context.add_cookies([{"name": "cockpit_lang", "value": "en", "url": national_server}])
    yield page
    context.close()
    assert page.problems == [], page.problems


@pytest.mark.parametrize(
    ("narrow", "title", "better"),
    [("fr", "Comparaison nationale", "Mieux que {share} des pairs"),
     ("en", "National comparison", "Better than {share} of peers")],
    indirect=["narrow"],
)  # fmt: skip
def test_phone_shows_the_mapped_hospital_against_its_peers(narrow, expected, title, better):
    page, lang = narrow, "en" if title.startswith("National") else "fr"
    page.goto("/comparaison")
    page.wait_for_selector(".frame .nat-card")
    assert page.locator(".frame h1").inner_text() == title
    assert "CH HENRI DUFFAUT AVIGNON (FINESS 840006597)" in page.locator(".page-sub").inner_text()
    assert "on" in page.locator(".frame .tabbar a[href^='/comparaison']").get_attribute("class")
    card = page.locator(".frame [data-indicator='ambulatory_surgery_rate']")
    figure = expected.get("ambulatory_surgery_rate").selected
    assert text(card.locator(".card-value").inner_text()) == text(
        format_value(figure.value, "pct1", "pct", lang)
    )
    share = format_percent(figure.better_than, lang, signed=False, decimals=0)
    assert text(card.locator(".nat-rank").inner_text()) == text(better.format(share=share))
    assert card.locator(".chip").count() == int(bool(figure.in_best20 or figure.in_worst20))
    # the chart fills the card and stays readable at 360 px: nothing spills sideways
    chart = card.locator(".bullet-svg").bounding_box()
    assert 280 <= chart["width"] <= 330 and chart["height"] >= 30
    marker = card.locator(".b-you").bounding_box()
    assert chart["x"] <= marker["x"] <= chart["x"] + chart["width"]
    font = card.locator(".nat-spread").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert font >= 13
    assert page.evaluate("document.documentElement.scrollWidth") == NARROW["width"]


def test_desktop_drills_to_the_list_of_peers(browser, national_server, state, national_db):
    context, page = open_page(browser, national_server, state, DESKTOP, service_workers="block")
    page.goto("/comparaison")
    link = page.locator(".frame [data-indicator='ambulatory_surgery_rate'] .nat-drill")
    link.click()
    page.wait_for_url("**/comparaison/ambulatory_surgery_rate**")
    page.wait_for_selector(".frame table")
    national = National(Engine(national_db, PROJECT_ROOT / "queries"))
    peers = national.peer_list(AVIGNON, "ambulatory_surgery_rate", 2022)
    rows = page.locator(".frame table tbody tr")
    assert rows.count() == len(peers)
    assert "CH HENRI DUFFAUT AVIGNON (vous)" in page.locator(".frame table").inner_text()
    context.close()
    assert page.problems == [], page.problems
