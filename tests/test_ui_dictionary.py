"""« Dictionnaire des indicateurs » as the server renders it: every visible metric with its
definition, the SQL of a sample plan, its last figure and the loads behind it; a search that
needs no JavaScript; the definition files in error for analysts; a link from detail pages."""

from __future__ import annotations

import re
from html import unescape

import pytest

from cockpit.engine import Perimeter, QueryPlan
from cockpit.formatting import format_value
from cockpit.periods import Period

PATH = "/dictionnaire"


def entries(page: str) -> list[str]:
    """The metric ids of the entries on a page, in order."""
    return re.findall(r'<article id="def-([a-z0-9_]+)"', page)


def entry(page: str, metric_id: str) -> str:
    """One entry's HTML, as plain text with its tags."""
    start = page.index(f'<article id="def-{metric_id}"')
    return unescape(page[start : page.index("</article>", start)])


@pytest.fixture(scope="module")
def engine(shared_app):
    return shared_app.extensions["cockpit_engine"]


@pytest.fixture(scope="module")
def page(director) -> str:
    response = director.get(PATH)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_visible_metric_has_an_entry_and_no_dash_runtime(page, engine):
    assert sorted(entries(page)) == sorted(m.id for m in engine.metrics())
    assert "_dash-component-suites" not in page
    assert "<h1>Dictionnaire des indicateurs</h1>" in page


def test_an_entry_says_what_the_file_says(page, engine):
    metric = engine.metric("bed_occupancy_rate")
    text = entry(page, metric.id)
    assert metric.label.fr in text and metric.description.fr.strip() in text
    assert metric.owner in text and "rapport des sommes" in text
    assert "Établissement, site, pôle, service" in text  # its dimensions, as the registry says
    assert "orange" in text and "l'extraction des cibles prime" in text  # its thresholds


def test_an_entry_shows_the_sql_and_last_value_of_its_sample_plan(page, engine):
    text = entry(page, "admissions")
    [month] = re.findall(r"SQL pour (\w+ \d{4})", text)
    result = engine.run(QueryPlan.build("admissions", Period.parse("2026-10")), Perimeter())
    assert month == "octobre 2026"
    assert result.sql.strip() in text
    assert format_value(result.value, "int", "count", "fr") in text


def test_an_entry_names_the_extract_file_its_hash_and_when_it_was_loaded(page, engine):
    [load] = engine.lineage("interim_cost")
    text = entry(page, "interim_cost")
    assert load.kind == "hr" and load.sha256 and load.loaded_at
    assert f"sha256 {load.sha256}" in text
    assert f"{load.file.rsplit('/', 1)[-1]} · chargé le " in text


def test_a_formula_follows_its_inputs_to_every_extract(engine):
    kinds = [load.kind for load in engine.lineage("t2a_per_fte")]
    assert sorted(kinds) == ["activity", "hr"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("interim", {"interim_cost"}),  # accents and case do not matter
        ("DURÉE séjour", {"alos"}),
        ("trésorerie jours", {"days_of_cash"}),
    ],
)
def test_the_search_keeps_the_entries_holding_every_word(director, query, expected):
    page = director.get(PATH, query_string={"q": query}).get_data(as_text=True)
    assert expected <= set(entries(page)) and len(entries(page)) < 10
    assert f'value="{query}"' in unescape(page) and "Tout afficher" in page


def test_a_search_without_result_says_so_and_is_not_echoed_as_html(director):
    page = director.get(PATH, query_string={"q": '<b>x"y'}).get_data(as_text=True)
    assert entries(page) == []
    assert "<b>x" not in page and "&lt;b&gt;x" in page
    assert "Aucun indicateur ne correspond" in page


def test_a_pole_manager_s_sql_and_figures_are_within_their_pole(chef):
    text = entry(chef.get(PATH).get_data(as_text=True), "admissions")
    assert "'Chirurgie'" in text and "990000012" in text


def test_every_detail_page_links_to_its_entry(director):
    page = director.get("/indicateur/alos").get_data(as_text=True)
    assert f'href="{PATH}#def-alos"' in page


def test_analysts_see_the_broken_definition_files_by_file_and_field(make_app, queries, log_in):
    path = queries / "alos.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("unit: days", "unit: furlongs"))
    app = make_app(queries=queries)
    analyst = log_in(app, "analyste").get(PATH).get_data(as_text=True)
    errors = unescape(analyst[analyst.index("definition-errors") :])
    assert "<code>alos.yaml</code> · <code>unit</code>" in errors and "'days'" in errors
    assert "alos" not in entries(analyst) and "admissions" in entries(analyst)
    director = log_in(app, "directeur").get(PATH).get_data(as_text=True)
    assert "definition-errors" not in director


def test_the_dictionary_is_in_the_navigation_of_analysts_not_of_directors(shared_app, log_in):
    link = f'href="{PATH}"'
    assert link in log_in(shared_app, "analyste").get("/").get_data(as_text=True)
    assert link not in log_in(shared_app, "directeur").get("/").get_data(as_text=True)
