"""The dashboard in a real headless Chromium against a real `cockpit serve` on the demo
hospital, at 390×844 (phone) and 1440×900 (desktop): figures equal the engine's, drill-down,
period picker, export, no horizontal scroll at 360 px, no Plotly on home, offline, language."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from cockpit.engine import Perimeter, QueryPlan
from cockpit.engine.figures import period_figure
from cockpit.formatting import format_points, format_value
from cockpit.periods import Period, add_months, last_complete_month
from cockpit.ui.figures import home_metric_ids

pytestmark = pytest.mark.browser

PHONE_HEIGHT = 844
STATUS_FR = {"green": "Dans les seuils", "amber": "À surveiller", "red": "Alerte",
             None: "Sans objectif"}  # fmt: skip
BUDGET_FR = {"green": "Conforme au budget", "amber": "Budget à surveiller", "red": "Hors budget"}


def text(s: str) -> str:
    """Whitespace as a reader sees it (babel's narrow and no-break spaces included)."""
    return " ".join(s.split())


def settle(page) -> None:
    """The page is ready: Dash has taken over, or the page runs without Dash (home).
    (Selectors, not wait_for_function: the CSP forbids the eval it relies on.)"""
    page.wait_for_selector(".frame", state="attached")
    if page.locator("#_dash-config").count():
        page.wait_for_selector("html.live", state="attached")


def latest(engine) -> date:
    return min(engine.months_available()[1], last_complete_month(date.today()))


def run(engine, metric_id, period, **plan):
    return engine.run(QueryPlan.build(metric_id, period, **plan), Perimeter.everything())


def shown(engine, metric_id: str, value) -> str:
    metric = engine.metric(metric_id)
    return text(format_value(value, metric.format, metric.unit, "fr"))


def card(page, metric_id: str):
    return page.locator(f".frame .card:has([data-metric='{metric_id}'])")


def test_home_cards_show_the_engine_figures(any_page, engine):
    page = any_page
    page.goto("/")
    settle(page)
    month = latest(engine)
    for metric_id in home_metric_ids(engine):
        figure = period_figure(
            engine, Perimeter.everything(), engine.metric(metric_id), Period(month, month), {}
        )
        item = card(page, metric_id)
        assert text(item.locator(".card-value").inner_text()) == shown(
            engine, metric_id, figure.value
        )
        chips = BUDGET_FR if figure.reference == "budget" else STATUS_FR
        assert text(item.locator(".chip").inner_text()) == chips[figure.status]
        ytd = run(engine, metric_id, Period(date(month.year, 1, 1), month)).single_row
        assert shown(engine, metric_id, ytd["value"]) in text(
            item.locator(".card-ytd").inner_text()
        )
    occupancy = run(engine, "bed_occupancy_rate", Period(month, month), compare="previous_year")
    delta = format_points(occupancy.single_row["delta"])
    assert text(delta) in text(card(page, "bed_occupancy_rate").inner_text())
    alerts = page.locator(".frame .alert-list li")
    assert alerts.count() >= 1
    assert alerts.first.locator(".chip").inner_text() in ("Alerte", "Hors budget")


def test_home_and_detail_load_no_dash_runtime_and_no_plotly(phone):
    requests = []
    phone.on("request", lambda r: requests.append(r.url))
    phone.goto("/")
    settle(phone)
    card(phone, "bed_occupancy_rate").click()  # a plain link from home: a full page load
    settle(phone)
    expect(phone.locator(".frame .chart .chart-plot")).to_be_visible()
    phone.wait_for_load_state("networkidle")
    assert not [u for u in requests if "_dash-component-suites" in u or "plotly" in u]


def test_drill_down_from_pole_to_service_and_back(any_page, engine):
    page = any_page
    month = latest(engine)
    page.goto("/indicateur/bed_occupancy_rate")
    settle(page)
    table = page.locator(".frame .breakdown table")
    by_pole = run(engine, "bed_occupancy_rate", Period(month, month), group_by=["pole"])
    expected = {
        r["pole"]: shown(engine, "bed_occupancy_rate", r["value"])
        for r in by_pole.rows
        if r["value"] is not None
    }
    assert _first_two_columns(table) == expected

    table.locator("tbody th a", has_text="Médecine").click()
    expect(page).to_have_url(re.compile(r"pole=M%C3%A9decine"))
    expect(page.locator(".frame .breakdown h2")).to_have_text("Pôle Médecine — par service")
    by_service = run(
        engine,
        "bed_occupancy_rate",
        Period(month, month),
        group_by=["establishment", "service"],
        filters={"pole": "Médecine"},
    )
    names = [r["service"] for r in by_service.rows]
    expected = {
        (
            r["service"]
            if names.count(r["service"]) == 1
            else f"{r['service']} ({r['establishment']})"
        ): shown(engine, "bed_occupancy_rate", r["value"])
        for r in by_service.rows
        if r["value"] is not None
    }
    expect(table.locator("tbody tr")).to_have_count(len(expected))
    assert _first_two_columns(table) == expected

    page.locator(".frame .back", has_text="Tous les pôles").click()
    expect(page.locator(".frame .breakdown h2")).to_have_text("Par pôle")
    assert "pole=" not in page.url


def _first_two_columns(table) -> dict[str, str]:
    rows = table.locator("tbody tr").all()
    return {
        text(r.locator("th").inner_text()): text(r.locator("td").first.inner_text()) for r in rows
    }


def test_the_period_picker_changes_the_figures(any_page, engine):
    page = any_page
    month = latest(engine)
    page.goto("/activite")
    settle(page)
    value = card(page, "admissions").locator(".card-value")
    one_month = run(engine, "admissions", Period(month, month)).value
    assert text(value.inner_text()) == shown(engine, "admissions", one_month)

    before = value.inner_text()
    page.locator(".frame .period-picker a", has_text="Depuis janv.").click()
    expect(page).to_have_url(re.compile(r"p=ytd"))
    expect(value).not_to_have_text(before)
    ytd = run(engine, "admissions", Period(date(month.year, 1, 1), month)).value
    assert text(value.inner_text()) == shown(engine, "admissions", ytd)

    before = value.inner_text()
    page.locator(".frame .step[title='Mois précédent']").click()
    previous = add_months(month, -1)
    expect(page).to_have_url(re.compile(rf"m={previous:%Y-%m}"))
    expect(value).not_to_have_text(before)
    earlier = run(engine, "admissions", Period(date(previous.year, 1, 1), previous)).value
    assert text(value.inner_text()) == shown(engine, "admissions", earlier)


def test_export_downloads_the_figures_on_screen(desktop, engine):
    page = desktop
    page.goto("/finances?sort=metric&dir=asc")
    settle(page)
    table = page.locator(".frame .dense table")
    on_screen = _first_two_columns(table)
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Exporter CSV").click()
    data = csv_download.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and csv_download.value.suggested_filename.endswith(
        ".csv"
    )
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Indicateur", "Valeur", "N-1"]
    labels = {m.label.fr: m.id for m in engine.metrics()}
    assert [r[0] for r in body] == list(on_screen)  # same rows, same order
    month = latest(engine)
    for row in body:
        raw = float(row[1].replace(",", ".")) if row[1] else None
        value = run(engine, labels[row[0]], Period(month, month)).value
        assert raw == pytest.approx(value, abs=1e-6)  # the CSV keeps six decimals

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Exporter Excel").click()
    sheet = load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes())).active
    assert [c.value for c in sheet[2]] == header
    for line, row in zip(sheet.iter_rows(min_row=3, values_only=True), body, strict=True):
        assert line[0] == row[0]
        expected = float(row[1].replace(",", ".")) if row[1] else None
        assert line[1] == pytest.approx(expected, abs=1e-5), (row, line)


def test_sorting_a_breakdown_by_value(desktop, engine):
    page = desktop
    month = latest(engine)
    page.goto("/indicateur/admissions")
    settle(page)
    by_pole = run(engine, "admissions", Period(month, month), group_by=["pole"]).rows
    table = page.locator(".frame .breakdown table")
    table.locator("thead a", has_text="Valeur").click()
    expect(page).to_have_url(re.compile(r"sort=value&dir=desc"))
    descending = [r["pole"] for r in sorted(by_pole, key=lambda r: -r["value"])]
    expect(table.locator("tbody th").first).to_have_text(descending[0])
    assert [text(t) for t in table.locator("tbody th").all_inner_texts()] == descending
    table.locator("thead a", has_text="Valeur").click()
    expect(page).to_have_url(re.compile(r"dir=asc"))
    expect(table.locator("tbody th").first).to_have_text(descending[-1])


PAGES = [
    "/",
    "/activite",
    "/rh",
    "/finances?p=r12",
    "/question",
    "/indicateur/bed_occupancy_rate?pole=M%C3%A9decine",
    "/indicateur/interim_cost?p=ytd",
]


def test_no_horizontal_scroll_at_360_px(open_context):
    _, page = open_context({"width": 360, "height": 740}, service_workers="block")
    for path in PAGES:
        page.goto(path)
        settle(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)


def test_touch_targets_are_at_least_44_px_on_a_phone(phone):
    for path in ("/", "/indicateur/bed_occupancy_rate"):
        phone.goto(path)
        settle(phone)
        small = phone.evaluate("""() => [...document.querySelectorAll('.frame a, .frame button')]
            .filter(e => e.offsetParent !== null && !e.classList.contains('skip-link'))
            .map(e => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])
            .filter(([, r]) => r.height < 44 || r.width < 44)
            .map(([t, r]) => `${t} ${Math.round(r.width)}x${Math.round(r.height)}`)""")
        assert small == [], (path, small)


def test_english_on_request_with_english_formats(phone, engine):
    month = latest(engine)
    phone.goto("/")
    settle(phone)
    phone.locator(".frame .lang").click()
    expect(phone.locator(".frame h1")).to_have_text("Today")
    value = run(engine, "bed_occupancy_rate", Period(month, month)).value
    metric = engine.metric("bed_occupancy_rate")
    expected = format_value(value, metric.format, metric.unit, "en")
    assert text(card(phone, "bed_occupancy_rate").locator(".card-value").inner_text()) == expected
    assert phone.locator("html").get_attribute("lang") == "en"
    phone.locator(".frame .lang").click()  # back to French for the other tests' session
    expect(phone.locator(".frame h1")).to_have_text("Aujourd'hui")


def test_dark_mode_follows_the_system(open_context):
    _, page = open_context(color_scheme="dark", service_workers="block")
    page.goto("/")
    settle(page)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(x) for x in re.findall(r"\d+", background)[:3])
    assert red + green + blue < 120, background


def test_opens_offline_with_the_last_figures_and_says_so(open_context, engine):
    context, page = open_context(service_workers="allow")
    page.goto("/")
    settle(page)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto("/finances")  # now under the service worker
    settle(page)
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    page.locator(".frame .tabbar-link", has_text="Activité").click()
    expect(page.locator(".frame h1")).to_have_text("Activité")
    page.goto("/finances")
    settle(page)
    seen = text(card(page, "total_expenses").locator(".card-value").inner_text())

    context.set_offline(True)
    page.reload()
    settle(page)
    banner = page.locator(".frame .offline-banner")
    expect(banner).to_be_visible()
    assert text(banner.inner_text()).startswith("Hors ligne — chiffres du")
    assert text(card(page, "total_expenses").locator(".card-value").inner_text()) == seen
    page.locator(".frame .tabbar-link", has_text="Activité").click()
    expect(page.locator(".frame h1")).to_have_text("Activité")
    expect(page.locator(".frame .offline-banner")).to_be_visible()
    page.locator(".frame .tabbar-link", has_text="RH").click()  # never opened: home instead
    expect(page.locator(".frame h1")).to_have_text("Aujourd'hui")
    page.goto("/")  # home, plain HTML, from the cache too
    expect(page.locator(".frame .offline-banner")).to_be_visible()
    assert page.locator(".frame .card").count() == len(home_metric_ids(engine))
    context.set_offline(False)


def test_a_swipe_on_the_chart_scrolls_the_page(open_context):
    context, page = open_context(has_touch=True, is_mobile=True, service_workers="block")
    page.goto("/indicateur/bed_occupancy_rate")
    settle(page)
    chart = page.locator(".frame .chart")
    expect(chart.locator(".chart-plot")).to_be_visible()
    page.evaluate("window.scrollTo(0, 300)")
    box = chart.bounding_box()
    start = box["y"] + box["height"] / 2
    assert 0 < start < PHONE_HEIGHT
    touch = context.new_cdp_session(page)

    def finger(kind: str, y: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": box["x"] + box["width"] / 2, "y": y}]
        touch.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    finger("touchStart", start)
    for step in range(1, 9):
        finger("touchMove", start - 25 * step)
        page.wait_for_timeout(16)
    finger("touchEnd", 0)
    page.wait_for_timeout(300)
    assert page.evaluate("scrollY") > 400
