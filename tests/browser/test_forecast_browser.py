"""The year-end landing in a real headless Chromium at phone size: the home page's landing
card, and the detail chart's projection drawn as a projection (dashed, over a light band,
named in the legend, without the actuals' markers), never as actual data."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE_360 = {"width": 360, "height": 780}

STYLES_JS = """() => {
  const style = sel => { const e = document.querySelector(sel); if (!e) return null;
    const s = getComputedStyle(e); const box = e.getBoundingClientRect();
    return {dash: s.strokeDasharray, opacity: s.fillOpacity, height: box.height}; };
  // Markers sit in percent of the width, lines in a 1200-wide viewBox stretched to it.
  const marker = [...document.querySelectorAll('circle.s-current')].pop();
  const points = document.querySelector('.chart polyline.s-projection').points;
  return {actual: style('.chart polyline.s-current'),
          projection: style('.chart polyline.s-projection'), band: style('.chart polygon.s-band'),
          lastMarker: 12 * parseFloat(marker.getAttribute('cx')),
          lineStart: points.getItem(0).x, lineEnd: points.getItem(points.numberOfItems - 1).x,
          legend: [...document.querySelectorAll('.chart-legend li')].map(li => li.textContent),
          scroll: document.documentElement.scrollWidth - window.innerWidth};
}"""


def test_the_landing_card_is_visible_on_a_phone(open_context):
    _, page = open_context(PHONE_360)
    page.goto("/")
    card = page.locator(".landing")
    card.scroll_into_view_if_needed()
    assert card.is_visible()
    assert card.locator("h2").inner_text().startswith("Atterrissage 20")
    rows = card.locator(".landing-row")
    assert rows.count() == 4
    for i in range(4):
        row = rows.nth(i)
        assert row.locator(".landing-value").is_visible()
        assert "entre" in row.locator(".landing-range").inner_text()
        assert row.bounding_box()["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_the_projection_is_drawn_apart_from_the_actuals_at_360_px(open_context):
    _, page = open_context(PHONE_360)
    page.goto("/indicateur/admissions?m=2026-09")
    page.locator(".detail-chart").scroll_into_view_if_needed()
    drawn = page.evaluate(STYLES_JS)
    assert drawn["actual"]["dash"] in ("none", "") and drawn["projection"]["dash"] not in (
        "none",
        "",
    )
    assert drawn["band"]["height"] > 0 and float(drawn["band"]["opacity"]) < 0.5
    assert "Projection" in drawn["legend"] and "Intervalle à 80\u00a0%" in drawn["legend"]
    # The markers stop at the last actual month; the dashed line runs on to December.
    assert drawn["lineStart"] == pytest.approx(drawn["lastMarker"], abs=1)
    assert drawn["lineEnd"] > drawn["lastMarker"] + 100
    assert drawn["scroll"] <= 0
    assert page.locator(".landing-fact").is_visible()
    assert "Atterrissage estimé 2026" in page.locator(".landing-fact").inner_text()


def test_a_pole_managers_landing_card_is_their_poles(open_context, pole_manager_state):
    _, page = open_context(PHONE_360, state=pole_manager_state)
    page.goto("/")
    rows = page.locator(".landing .landing-row")
    assert rows.count() == 3  # a pole has no result
    assert "Total des charges" in rows.nth(0).inner_text()
    assert all("entre" in rows.nth(i).inner_text() for i in range(3))
