"""GET /api/v1/national: logged in only, the same JSON as `cockpit national show --json`, the
hospital's own figures only within the caller's perimeter, errors as JSON with a status
(404 also when no public data is imported: not a server fault)."""

from __future__ import annotations

import json

import pytest
from real_data import AVIGNON

from cockpit.auth.demo_users import VALLOMBRE
from cockpit.national.service import National


@pytest.fixture(scope="module")
def app(national_db, make_app):
    return make_app(db=national_db)


@pytest.fixture(scope="module")
def director(app, log_in):
    return log_in(app, "directeur")


@pytest.fixture(scope="module")
def chef(app, log_in):
    """The Chirurgie pole manager of Vallombre."""
    return log_in(app, "chef")


@pytest.fixture(autouse=True)
def mapping(monkeypatch):
    monkeypatch.setenv("COCKPIT_NATIONAL_FINESS", f"{VALLOMBRE}={AVIGNON}")


def get(client, query: str):
    return client.get("/api/v1/national" + query)


def test_anonymous_callers_are_refused(app):
    assert app.test_client().get(f"/api/v1/national?finess={AVIGNON}").status_code == 401


def test_answer_is_the_comparison_of_the_cli(app, director):
    response = get(director, f"?finess={AVIGNON}&year=2022&peers=sud_est")
    assert response.status_code == 200
    national = National(app.extensions["cockpit_engine"])
    expected = national.compare(AVIGNON, year=2022, group_id="sud_est")
    body = response.get_json()
    assert body.pop("freshness")["last_month"] == "2026-10"
    assert body == json.loads(json.dumps(expected.as_json()))
    assert response.get_json()["peer_group"]["id"] == "sud_est"


def test_without_finess_it_is_the_caller_s_establishment_with_its_own_figures(director):
    body = get(director, "").get_json()
    assert (body["finess"], body["establishment"]) == (AVIGNON, VALLOMBRE)
    er = next(i for i in body["indicators"] if i["id"] == "er_visits")
    assert er["own"]["value"] > 0


def test_a_pole_manager_gets_the_public_figures_but_not_the_establishment_s_own(chef, director):
    body = get(chef, "").get_json()
    assert body["finess"] == AVIGNON and body["own_figures"] == "hidden_by_perimeter"
    assert all(i["own"] is None for i in body["indicators"])
    director = get(director, "").get_json()
    assert [i["value"] for i in body["indicators"]] == [i["value"] for i in director["indicators"]]


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("?finess=84000659", 400, "invalid_request"),
        (f"?finess={AVIGNON}&year=22", 400, "invalid_request"),
        (f"?finess={AVIGNON}&annee=2022", 400, "invalid_request"),
        (f"?finess={AVIGNON}&peers=voisins", 400, "invalid_request"),
        ("?finess=990000099", 404, "unknown_finess"),
    ],
)
def test_bad_requests_get_a_json_error(director, query, status, code):
    response = get(director, query)
    assert response.status_code == status and response.get_json()["error"] == code


def test_without_public_data_the_api_says_so(make_app, log_in):
    response = get(log_in(make_app(), "directeur"), f"?finess={AVIGNON}")
    assert response.status_code == 404 and response.get_json()["error"] == "no_national_data"
    assert "cockpit national import" in response.get_json()["message"]


def test_a_national_question_through_the_api_carries_the_comparison_and_no_plan(app, director):
    response = director.post(
        "/api/v1/ask", json={"question": "Notre DMS est-elle meilleure que la médiane nationale ?"}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    national = National(app.extensions["cockpit_engine"]).compare(VALLOMBRE).get("alos_mco")
    assert body["status"] == "answered" and body["value"] == national.selected.value
    assert body["national"]["indicator"]["id"] == "alos_mco" and body["plan"] is None
