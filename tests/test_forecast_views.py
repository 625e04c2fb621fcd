"""Where people see the landing: `GET /api/v1/forecast` (the JSON of `cockpit forecast --json`
plus freshness), the home page's landing card and the detail chart's projection, each inside
the caller's perimeter, in French and English, computed once per version of the data."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import yaml
from typer.testing import CliRunner

from cockpit.catalog import load_catalog
from cockpit.cli import _register
from cockpit.cli import app as cli
from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine, Perimeter
from cockpit.forecast import Landing, MissingMonths, NotLandable, landing_of, month_seasonal_alerts
from cockpit.ui.components.landing_card import landing_card
from cockpit.ui.landings import LandingItem
from cockpit.ui.ssr import to_html

VALLOMBRE = "990000012"


def _cli_json(*args):
    _register()
    result = CliRunner().invoke(cli, ["forecast", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_api_answers_as_the_cli_with_freshness(director, demo_warehouse):
    answer = director.get(
        "/api/v1/forecast?metric=staff_expenses&as_of=2026-09&filter=pole:Chirurgie"
    )
    assert answer.status_code == 200, answer.json
    printed = _cli_json("staff_expenses", "--as-of", "2026-09", "--filter", "pole=Chirurgie",
                        "--db", str(demo_warehouse))  # fmt: skip
    assert {k: v for k, v in answer.json.items() if k != "freshness"} == printed
    assert answer.json["freshness"]["last_month"]
    assert printed["low"] < printed["value"] < printed["high"]
    assert len(printed["months"]) == 3 and printed["method"] == "seasonal_model"


def test_a_pole_managers_landing_is_their_poles_through_api_and_cli(
    director, chef, demo_warehouse, shared_state
):
    own = chef.get("/api/v1/forecast?metric=admissions&year=2026").json
    asked = f"metric=admissions&year=2026&establishment={VALLOMBRE}&pole=Chirurgie"
    pole = director.get(f"/api/v1/forecast?{asked}").json
    assert (own["value"], own["low"], own["high"]) == (pole["value"], pole["low"], pole["high"])
    printed = _cli_json("admissions", "--year", "2026", "--user", "chef",
                        "--state", str(shared_state), "--db", str(demo_warehouse))  # fmt: skip
    assert printed["value"] == own["value"]
    other = chef.get("/api/v1/forecast?metric=admissions&pole=Médecine")
    assert other.status_code == 403


def test_a_stock_is_refused_with_its_reason_and_notes_follow_the_language(director):
    client = director
    english = client.get("/api/v1/forecast?metric=headcount&lang=en")
    assert english.status_code == 400 and english.json["error"] == "not_a_flow"
    assert "a stock" in english.json["message"]
    notes = client.get("/api/v1/forecast?metric=staff_expenses&year=2026&lang=fr").json["notes"]
    assert any("budget" in note and "mois sur 12" in note for note in notes)


def test_landings_and_seasonal_alerts_are_computed_once_per_version_of_the_data(demo_warehouse):
    engine = Engine(demo_warehouse, PROJECT_ROOT / "queries")
    first = landing_of(engine, "admissions", Perimeter.everything())
    assert landing_of(engine, "admissions", Perimeter.everything()) is first
    pole = landing_of(engine, "admissions", Perimeter(VALLOMBRE, "Chirurgie"))
    assert pole is not first and pole.value < first.value
    alerts = month_seasonal_alerts(engine, Perimeter.everything())
    assert month_seasonal_alerts(engine, Perimeter.everything(), wait=False) is alerts


def _landing_rows(page: str) -> dict[str, str]:
    rows = re.findall(r'<li><a[^>]*class="landing-row[^"]*".*?</a></li>', page, re.S)
    return {re.search(r'data-metric="([a-z0-9_]+)"', row).group(1): row for row in rows}


def test_home_shows_the_landing_card_with_interval_and_budget_words(director):
    page = director.get("/").get_data(as_text=True)
    assert "Atterrissage 2026" in page and "intervalle à 80\u00a0%" in page
    rows = _landing_rows(page)
    assert list(rows) == ["operating_result", "total_expenses", "staff_expenses", "t2a_valuation"]
    assert all("entre " in row for row in rows.values())
    # The demo's 2026 budget is entered for the months with actuals only: said, not guessed.
    assert "Pas de budget annuel : le budget 2026 n'est connu que pour 10 mois sur 12" in (
        rows["staff_expenses"].replace("&#x27;", "'")
    )


def test_a_pole_managers_home_lands_their_pole_without_what_a_pole_cannot_show(director, chef):
    page = chef.get("/").get_data(as_text=True)
    rows = _landing_rows(page)
    assert list(rows) == ["total_expenses", "staff_expenses", "t2a_valuation"]  # no result
    whole_page = director.get("/").get_data(as_text=True)
    own = re.search(r'class="landing-value">([^<]+)<', rows["total_expenses"])
    whole = re.search(r'class="landing-value">([^<]+)<',
                      _landing_rows(whole_page)["total_expenses"])  # fmt: skip
    assert own.group(1) != whole.group(1)


def test_the_detail_chart_continues_to_december_as_a_projection(shared_app, director, log_in):
    page = director.get("/indicateur/admissions?m=2026-09").get_data(as_text=True)
    assert 'class="s-projection"' in page and 'class="s-band"' in page
    assert "Projection" in page and "Intervalle à 80\u00a0%" in page
    assert "Atterrissage estimé 2026" in page
    # Actual months carry markers; projected ones do not.
    assert page.count('<circle class="s-current"') == 12
    english = log_in(shared_app, "directeur")
    english.set_cookie("cockpit_lang", "en")
    text = english.get("/indicateur/admissions?m=2026-09").get_data(as_text=True)
    assert "Estimated landing 2026" in text and "80% interval" in text
    stock = english.get("/indicateur/headcount").get_data(as_text=True)
    assert "s-projection" not in stock


def test_a_landing_the_forecast_refuses_says_why_in_the_pages_language(demo_warehouse):
    engine = Engine(demo_warehouse, PROJECT_ROOT / "queries")
    item = LandingItem(engine.metric("admissions"), None,
                       MissingMonths("admissions: no data for 2026-03 (2026 so far)",
                                     "pas de données pour 2026-03 (2026 jusqu'ici)"))  # fmt: skip
    french = to_html(landing_card([item], lambda m: f"/indicateur/{m}", "fr"))
    assert "Atterrissage non calculable : pas de données pour 2026-03" in french.replace(
        "&#x27;", "'"
    )
    english = to_html(landing_card([item], lambda m: f"/indicateur/{m}", "en"))
    assert "No landing: admissions: no data for 2026-03 (2026 so far)" in english


def _place_in_landing(queries, metric_id: str, position: int) -> None:
    path = queries / f"{metric_id}.yaml"
    definition = yaml.safe_load(path.read_text(encoding="utf-8"))
    definition.setdefault("placement", {})["landing"] = position
    path.write_text(yaml.safe_dump(definition, allow_unicode=True, sort_keys=False), "utf-8")


def test_the_landing_card_holds_what_the_metric_files_place_there(queries, make_app, log_in):
    _place_in_landing(queries, "admissions", 15)
    page = log_in(make_app(queries=queries), "directeur").get("/").get_data(as_text=True)
    assert list(_landing_rows(page)) == ["operating_result", "admissions", "total_expenses",
                                         "staff_expenses", "t2a_valuation"]  # fmt: skip
    _place_in_landing(queries, "admissions", 20)
    errors = {(e.path.name, e.field): e.message for e in load_catalog(queries).errors}
    assert "already admissions's" in errors[("total_expenses.yaml", "placement.landing")]


@pytest.mark.parametrize(
    "value, status, chip, tone",
    [(104e6, "red", "Hors budget", "bad"), (97e6, "green", "Conforme au budget", "good")],
)
def test_a_landing_with_a_budget_takes_the_signals_colour(demo_engine, value, status, chip, tone):
    """An expense landing over its budget is red, under it green with a good gap: the one
    signals rule, direction-aware (the demo's own budgets are not whole years)."""
    metric = demo_engine.metric("total_expenses")
    interval = (value * 0.99, value * 1.01)
    landing = Landing("total_expenses", 2026, date(2026, 9, 1), value, *interval,
                      "seasonal_model", value * 0.75, 100e6, value, "eur")  # fmt: skip
    html = to_html(landing_card([LandingItem(metric, landing)], lambda m: m, "fr"))
    assert f'class="landing-row card-{status}"' in html and chip in html
    assert "Budget 100,0" in html and f'data-tone="{tone}"' in html


def test_workers_sharing_a_cache_share_landings_and_seasonal_alerts(demo_warehouse, monkeypatch):
    """A cache shared by processes (Redis in production) holds pickled values: the alerts
    and landings one worker computed, and a refusal with its French, reach another."""
    from cachelib import SimpleCache

    from cockpit.forecast import cached

    shared = SimpleCache()
    first = Engine(demo_warehouse, PROJECT_ROOT / "queries", shared_cache=shared)
    alerts = month_seasonal_alerts(first, Perimeter.everything())
    landing = landing_of(first, "admissions", Perimeter.everything())
    with pytest.raises(NotLandable):
        landing_of(first, "headcount", Perimeter.everything())

    def recomputed(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr(cached, "seasonal_alerts", recomputed)
    monkeypatch.setattr(cached, "land", recomputed)
    second = Engine(demo_warehouse, PROJECT_ROOT / "queries", shared_cache=shared)
    assert month_seasonal_alerts(second, Perimeter.everything()) == alerts
    assert landing_of(second, "admissions", Perimeter.everything()).value == landing.value
    with pytest.raises(NotLandable) as refused:
        landing_of(second, "headcount", Perimeter.everything())
    assert refused.value.said("fr").startswith("c'est un stock")
