"""One list of alerts — threshold, budget and seasonal — one entry per metric × scope × month,
worst first by one rule, inside the caller's perimeter: in Python, `cockpit alerts`,
`GET /api/v1/alerts` and the alerts page."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from cockpit.cli import _register
from cockpit.cli import app as cli
from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine, Perimeter
from cockpit.engine.alerts import Alert
from cockpit.engine.figures import Figure
from cockpit.forecast import SeasonalAlert, all_alerts
from cockpit.forecast.all_alerts import departure_size, merge
from cockpit.periods import Period

OCTOBER = date(2026, 10, 1)
SEPTEMBER = date(2026, 9, 1)  # Vallombre's surgery: general expenses over budget and season
VALLOMBRE = "990000012"
SURGERY = Perimeter(VALLOMBRE, "Chirurgie")
FIELDS = {"metric", "scope", "period", "observed", "expected", "kind", "severity", "sentence"}


@pytest.fixture(scope="module")
def engine(demo_warehouse):
    return Engine(demo_warehouse, PROJECT_ROOT / "queries")


def _threshold(engine, metric_id, value, budget, status, scope):
    figure = Figure(value, target=budget, reference="budget", status=status)
    return Alert(engine.metric(metric_id), figure, Period(OCTOBER, OCTOBER), scope)


def _seasonal(engine, metric_id, observed, expected, severity, scope):
    departure = 20 * (observed / expected - 1)
    return SeasonalAlert(engine.metric(metric_id), tuple(scope.items()), OCTOBER, observed,
                         expected, expected / 20, departure, severity)  # fmt: skip


def test_one_metric_scope_and_month_flagged_twice_is_one_alert_with_both_reasons(engine):
    scope = {"establishment": "CH de Vallombre", "pole": "Chirurgie"}
    over_budget = _threshold(engine, "interim_cost", 130.0, 100.0, "red", scope)
    off_season = _seasonal(engine, "interim_cost", 130.0, 80.0, "red", scope)
    elsewhere = _seasonal(engine, "interim_cost", 90.0, 60.0, "amber",
                          {**scope, "pole": "Médecine"})  # fmt: skip
    listed = merge([over_budget, elsewhere, off_season])
    assert len(listed) == 2
    first = listed[0].as_json("en")
    assert first.keys() >= FIELDS
    assert first["kinds"] == ["seasonal", "budget"]  # 62.5 % off the season, 30 % over budget
    assert first["severity"] == "red" and first["scope"] == scope
    assert "the budget of" in first["sentence"] and "expected for the season" in first["sentence"]
    assert [r["kind"] for r in first["reasons"]] == ["seasonal", "budget"]


def test_the_order_is_severity_then_the_departure_as_a_share_of_what_was_expected(engine):
    scope = {"establishment": "CH de Vallombre"}
    mild_red = _threshold(engine, "general_expenses", 104.0, 100.0, "red", scope)
    wild_amber = _seasonal(engine, "admissions", 300.0, 100.0, "amber", scope)
    big_red = _seasonal(engine, "interim_cost", 150.0, 100.0, "red", scope)
    note = _seasonal(engine, "er_visits", 900.0, 100.0, "info", scope)
    listed = merge([note, wild_amber, mild_red, big_red])
    assert [a.metric.id for a in listed] == [
        "interim_cost", "general_expenses", "admissions", "er_visits"]  # fmt: skip
    assert departure_size(big_red) == pytest.approx(0.5)
    assert departure_size(mild_red) == pytest.approx(0.04)


def test_a_group_figure_is_its_only_establishments_when_there_is_one(engine):
    group = _threshold(engine, "interim_cost", 130.0, 100.0, "amber", {})
    establishment = _seasonal(engine, "interim_cost", 130.0, 90.0, "amber",
                              {"establishment": "CH Seul"})  # fmt: skip
    assert len(merge([group, establishment], only_name="CH Seul")) == 1
    assert len(merge([group, establishment])) == 2


def test_the_demo_month_merges_all_three_kinds_worst_first(engine):
    listed = all_alerts(engine, Perimeter.everything(), OCTOBER)
    kinds = {kind for alert in listed for kind in alert.kinds}
    assert kinds == {"threshold", "budget", "seasonal"}
    ranks = [alert.rank for alert in listed]
    assert ranks == sorted(ranks, reverse=True)
    keys = [(a.metric.id, tuple(sorted(a.as_json()["scope"].items()))) for a in listed]
    assert len(keys) == len(set(keys))


def test_a_pole_managers_list_holds_only_their_pole(engine):
    listed = all_alerts(engine, SURGERY, SEPTEMBER)
    both = next(a for a in listed if a.metric.id == "general_expenses")
    assert both.kinds == ["budget", "seasonal"] and both.severity == "red"
    for alert in listed:
        for reason in alert.as_json()["reasons"]:
            assert reason["scope"]["establishment"] == "CH de Vallombre"
            assert reason["scope"]["pole"] == "Chirurgie"


def _cli(*args):
    _register()
    return CliRunner().invoke(cli, ["alerts", *args])


def test_cockpit_alerts_prints_the_merged_list_as_json(demo_warehouse):
    result = _cli("--as-of", "2026-10", "--json", "--db", str(demo_warehouse))
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["as_of"] == "2026-10"
    assert {a["kind"] for a in payload["alerts"]} >= {"budget", "seasonal"}
    assert all(a.keys() >= FIELDS for a in payload["alerts"])


def test_cockpit_alerts_answers_inside_an_accounts_perimeter(demo_warehouse, shared_state):
    result = _cli("--as-of", "2026-09", "--json", "--user", "chef",
                  "--state", str(shared_state), "--db", str(demo_warehouse))  # fmt: skip
    assert result.exit_code == 0, result.output
    alerts = json.loads(result.output)["alerts"]
    assert alerts and {a["scope"]["pole"] for a in alerts} == {"Chirurgie"}
    assert ["budget", "seasonal"] in [a["kinds"] for a in alerts]
    unknown = _cli("--user", "nobody", "--state", str(shared_state), "--db",
                   str(demo_warehouse))  # fmt: skip
    assert unknown.exit_code == 2 and "no user named 'nobody'" in unknown.output


def test_the_api_lists_a_pole_managers_alerts_only(director, chef):
    answer = director.get("/api/v1/alerts?as_of=2026-10&lang=en")
    assert answer.status_code == 200
    everything = answer.json["alerts"]
    assert {a["scope"].get("pole") for a in everything} - {"Chirurgie", None}
    own = chef.get("/api/v1/alerts?as_of=2026-09").json
    assert own["as_of"] == "2026-09" and own["freshness"]["last_month"]
    assert own["alerts"] and {a["scope"]["pole"] for a in own["alerts"]} == {"Chirurgie"}
    bad = chef.get("/api/v1/alerts?as_of=2026-13")
    assert bad.status_code == 400 and "as_of" in bad.json["message"]


def test_the_alerts_page_shows_seasonal_alerts_inside_the_perimeter(chef):
    page = chef.get("/alertes?m=2026-09").get_data(as_text=True)
    assert 'data-kind="budget seasonal"' in page
    assert "du budget de" in page and "attendus pour la saison" in page
    assert "Gériatrie" not in page
