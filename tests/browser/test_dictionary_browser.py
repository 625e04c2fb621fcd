"""The indicator dictionary in Chromium, at 390 px and on a desktop: the search form, a metric's
SQL and the loads behind it, the way in from a detail page, and nothing wider than the screen."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_search_then_read_a_metric_s_sql_and_lineage(any_page, engine):
    page = any_page
    page.goto("/dictionnaire")
    assert page.locator("article.entry").count() == len(engine.metrics())
    page.get_by_label("Rechercher un indicateur").fill("trésorerie")
    page.get_by_label("Rechercher un indicateur").press("Enter")
    page.wait_for_url("**/dictionnaire?q=tr*")
    shown = page.locator("article.entry")
    assert 0 < shown.count() < 6
    entry = page.locator("#def-days_of_cash")
    entry.get_by_text("SQL pour").click()
    sql = entry.locator("pre.sql")
    assert sql.is_visible() and "FROM treasury" in sql.inner_text()
    [load] = [load for load in engine.lineage("days_of_cash") if load.kind == "treasury"]
    sources = entry.locator(".sources")
    assert sources.is_visible() and f"sha256 {load.sha256}" in sources.inner_text()
    assert "chargé le" in sources.inner_text()
    assert _fits_the_screen(page), page.size


def test_the_detail_page_leads_to_the_metric_s_entry(phone):
    phone.goto("/indicateur/alos")
    phone.get_by_text("Comment c'est calculé").click()
    phone.get_by_role("link", name="Voir sa fiche dans le dictionnaire").click()
    phone.wait_for_url("**/dictionnaire#def-alos")
    entry = phone.locator("#def-alos")
    assert entry.is_visible() and entry.evaluate("e => e.matches(':target')")
    assert _fits_the_screen(phone)
