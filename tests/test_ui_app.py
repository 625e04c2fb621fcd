"""The dashboard through the real Flask app on the demo hospital: first HTML responses, the
Dash layout and callbacks, perimeters, language, export, PWA files and cache headers."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from dash_replay import export_csv, navigate

from cockpit.ui.figures import home_metric_ids


@pytest.fixture
def director(shared_app, log_in):
    """A new login for each test: one of them switches the language."""
    return log_in(shared_app, "directeur")


def test_home_is_server_rendered_html_without_the_dash_runtime(shared_app, director):
    page = director.get("/").get_data(as_text=True)
    placed = home_metric_ids(shared_app.extensions["cockpit_engine"])
    assert page.count('class="card card-') == len(placed) == 12
    assert "Aujourd&#x27;hui" in page or "Aujourd'hui" in page
    assert "_dash-component-suites" not in page and "_dash-config" not in page
    assert "/assets/cockpit.js" in page and "/assets/cockpit.css" in page
    for head in ('rel="manifest"', 'name="theme-color"', 'rel="apple-touch-icon"'):
        assert head in page


@pytest.mark.parametrize(
    "path", ["/activite", "/finances", "/indicateur/bed_occupancy_rate", "/alertes", "/question"]
)
def test_dashboard_pages_are_server_rendered_html_without_the_dash_runtime(director, path):
    page = director.get(path).get_data(as_text=True)
    assert 'id="ssr"' in page and 'class="freshness' in page
    assert "_dash-component-suites" not in page and "plotly" not in page


# The one kind of page left that boots the Dash runtime: an address no page answers.
DASH_PAGE = "/a-page-that-does-not-exist"


def test_a_page_that_boots_dash_does_so_on_the_same_server_painted_page(director):
    page = director.get(DASH_PAGE).get_data(as_text=True)
    assert 'id="ssr"' in page and "dash_renderer" in page
    assert "dash_table/bundle" not in page and "plotly.min.js" not in page
    layout = director.get("/_dash-layout", headers={"Referer": "http://localhost/activite?p=ytd"})
    location = layout.get_json()["props"]["children"][0]["props"]
    assert (location["pathname"], location["search"]) == ("/activite", "?p=ytd")
    assert "Activit" in layout.get_data(as_text=True)


def test_navigation_renders_the_page_of_the_address(director):
    text = navigate(director, "/finances", "?p=ytd")
    assert "Finances" in text and "Exporter CSV" in text
    detail = navigate(director, "/indicateur/bed_occupancy_rate", "?pole=M%C3%A9decine")
    assert "Cardiologie" in detail and "detail-chart" in detail
    assert "Page introuvable" in navigate(director, "/indicateur/no_such_metric")


def test_export_sends_the_table_on_screen_as_csv(director):
    response = export_csv(director, "/finances", "?sort=metric&dir=asc")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="cockpit-finances.csv"' in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Indicateur", "Valeur", "N-1"]
    names = [r[0] for r in rows[1:]]
    assert names == sorted(names, key=str.casefold) and "Total des charges" in names


def test_export_columns_each_hold_one_unit(director):
    text = export_csv(director, "/finances", "").get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    result = next(r for r in rows if r["Indicateur"] == "Taux de marge brute")
    assert result["Unité"] == "ratio" and abs(float(result["Valeur"].replace(",", "."))) < 1
    for row in rows:
        if row["Unité"] == "€" and row["Écart N-1"]:
            change = float(row["Écart N-1"].replace(",", "."))
            assert abs(change) > 1000, row  # euros, not a ratio
        if row["Écart N-1 (%)"]:
            assert abs(float(row["Écart N-1 (%)"].replace(",", "."))) < 5, row  # a ratio


def test_a_bad_export_address_says_what_is_wrong(director):
    wrong_format = director.get("/export/pdf/finances")
    assert wrong_format.status_code == 404 and b"csv or xlsx" in wrong_format.data
    no_table = director.get("/export/csv/nowhere")
    assert no_table.status_code == 404 and b"no table to export at /nowhere" in no_table.data


def test_a_pole_manager_sees_only_their_pole(chef):
    home = chef.get("/").get_data(as_text=True)
    assert "CH de Rochebrune" not in home and "GHT (tous)" not in home
    assert 'data-metric="days_of_cash"' not in home  # cash is not known per pole
    detail = navigate(chef, "/indicateur/bed_occupancy_rate")
    assert "Bloc opératoire" not in detail or "Chirurgie" in detail
    assert "Cardiologie" not in detail and "Maternité" not in detail


def test_the_language_switch_sets_a_cookie_and_everything_follows(director):
    response = director.get("/lang/en?next=/finances")
    assert response.status_code == 302 and response.headers["Location"].endswith("/finances")
    page = director.get("/finances").get_data(as_text=True)
    assert '<html lang="en">' in page and ">Finance<" in page and "Export CSV" in page
    director.get("/lang/fr?next=//evil.example")  # not a local path: goes home
    assert director.get("/lang/fr?next=//evil.example").headers["Location"].endswith("/")


def test_installable_manifest_icons_and_service_worker(shared_app):
    client = shared_app.test_client()
    worker = client.get("/sw.js")
    assert worker.status_code == 200 and worker.headers["Service-Worker-Allowed"] == "/"
    assert "javascript" in worker.headers["Content-Type"]
    manifest = json.loads(client.get("/manifest.webmanifest").get_data(as_text=True))
    assert manifest["short_name"] == "Cockpit" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "/" and manifest["theme_color"]
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_static_files_are_kept_a_year_and_pages_are_compressed(director):
    css = director.get("/assets/cockpit.css?m=1")
    assert "max-age=31536000" in css.headers["Cache-Control"]
    plotly = director.get("/assets/vendor/plotly-basic-4.1.1.min.js")
    assert "immutable" in plotly.headers["Cache-Control"]
    page = director.get("/activite", headers={"Accept-Encoding": "br, gzip"})
    assert page.headers.get("Content-Encoding") in ("br", "gzip")
    plain = director.get(DASH_PAGE).get_data(as_text=True)
    bundle = re.search(r'src="(/_dash-component-suites/[^"]+)"', plain)
    assert "max-age=31536000" in director.get(bundle.group(1)).headers["Cache-Control"]


def test_views_and_exports_are_audited(shared_app, director):
    from cockpit.auth.state import auth_state

    director.get("/?e=990000012")
    navigate(director, "/rh", "?p=r12")
    export_csv(director, "/finances", "?sort=metric&dir=asc")
    with shared_app.app_context():
        events = auth_state().audit_log.read(username="directeur")
    views = [(e.details["page"], e.details["via"]) for e in events if e.event == "view"]
    assert ("/?e=990000012", "page") in views and ("/rh?p=r12", "navigation") in views
    exports = [e.details for e in events if e.event == "export"]
    assert {"page": "/finances?sort=metric&dir=asc", "format": "csv"}.items() <= exports[-1].items()


@pytest.mark.parametrize("path", ["/finances", "/indicateur/admissions"])
def test_every_column_sorts_both_ways(director, path):
    page = director.get(path).get_data(as_text=True)
    keys = set(re.findall(r"sort=([a-z_]+)", page))
    assert {"value", "status", "delta_previous"} <= keys
    for key in keys:
        for direction in ("asc", "desc"):
            response = director.get(f"{path}?sort={key}&dir={direction}")
            assert response.status_code == 200, (key, direction)


def test_sorting_by_status_puts_alerts_first(director):
    page = director.get("/finances?sort=status&dir=desc").get_data(as_text=True)
    table = page[page.index('class="table"') :]
    statuses = re.findall(r'class="[^"]*col-status[^"]*tone-(\w+)', table)
    rank = {"red": 3, "amber": 2, "green": 1, "none": 0}
    assert statuses and [rank[s] for s in statuses] == sorted(
        (rank[s] for s in statuses), reverse=True
    )


def test_a_detail_page_splits_by_any_dimension_of_the_metric_file(director):
    page = director.get("/indicateur/absenteeism_rate").get_data(as_text=True)
    picker = page[page.index('class="segments splits"') :]
    picker = picker[: picker.index("</div>")]
    for label in ("Site", "Service", "Catégorie", "Personnel"):
        assert f">{label}</a>" in picker
    assert ">Par pôle<" in page and "by=pole" not in picker  # the default split
    by_category = director.get("/indicateur/absenteeism_rate?by=staff_category").get_data(
        as_text=True
    )
    assert ">Par catégorie<" in by_category and "infirmier" in by_category
    export = export_csv(director, "/indicateur/absenteeism_rate", "?by=staff_category")
    assert "Catégorie;" in export.get_data().decode("utf-8-sig")
    unknown = director.get("/indicateur/absenteeism_rate?by=colour").get_data(as_text=True)
    assert ">Par pôle<" in unknown
