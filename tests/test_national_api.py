"""GET /api/v1/national: logged in only, the same JSON as `cockpit national show --json`, the
hospital's own figures only within the caller's perimeter, errors as JSON with a status
(404 also when no public data is imported: not a server fault)."""

from __future__ import annotations

import json

import pytest
from auth_client import SAME_ORIGIN, VALLOMBRE, add_user, logged_in, make_app
from real_data import AVIGNON

from cockpit.national.service import National


@pytest.fixture(scope="module")
def app(national_db, tmp_path_factory):
    state = tmp_path_factory.mktemp("national-api") / "state"
    add_user(state, "director")
    add_user(state, "chef_chirurgie", "pole_manager", pole="Chirurgie", establishment_id=VALLOMBRE)
    return make_app(national_db, state)


@pytest.fixture(autouse=True)
def mapping(monkeypatch):
    monkeypatch.setenv("COCKPIT_NATIONAL_FINESS", f"{VALLOMBRE}={AVIGNON}")


def get(app, user, query: str):
    return logged_in(app, user).get("/api/v1/national" + query)


def test_anonymous_callers_are_refused(app):
    assert app.test_client().get(f"/api/v1/national?finess={AVIGNON}").status_code == 401


def test_answer_is_the_comparison_of_the_cli(app):
    response = get(app, "director", f"?finess={AVIGNON}&year=2022&peers=sud_est")
    assert response.status_code == 200
    national = National(app.extensions["cockpit_engine"])
    expected = national.compare(AVIGNON, year=2022, group_id="sud_est")
    body = response.get_json()
    assert body.pop("freshness")["last_month"] == "2026-10"
    assert body == json.loads(json.dumps(expected.as_json()))
    assert response.get_json()["peer_group"]["id"] == "sud_est"


def test_without_finess_it_is_the_caller_s_establishment_with_its_own_figures(app):
    body = get(app, "director", "").get_json()
    assert (body["finess"], body["establishment"]) == (AVIGNON, VALLOMBRE)
    er = next(i for i in body["indicators"] if i["id"] == "er_visits")
    assert er["own"]["value"] > 0


def test_a_pole_manager_gets_the_public_figures_but_not_the_establishment_s_own(app):
    body = get(app, "chef_chirurgie", "").get_json()
    assert body["finess"] == AVIGNON and body["own_figures"] == "hidden_by_perimeter"
    assert all(i["own"] is None for i in body["indicators"])
    director = get(app, "director", "").get_json()
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
def test_bad_requests_get_a_json_error(app, query, status, code):
    response = get(app, "director", query)
    assert response.status_code == status and response.get_json()["error"] == code


def test_without_public_data_the_api_says_so(demo_warehouse, tmp_path):
    state = tmp_path / "state"
    add_user(state, "director")
    response = get(make_app(demo_warehouse, state), "director", f"?finess={AVIGNON}")
    assert response.status_code == 404 and response.get_json()["error"] == "no_national_data"
    assert "cockpit national import" in response.get_json()["message"]


def test_a_national_question_through_the_api_carries_the_comparison_and_no_plan(app):
    response = logged_in(app, "director").post(
        "/api/v1/ask",
        json={"question": "Notre DMS est-elle meilleure que la médiane nationale ?"},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    national = National(app.extensions["cockpit_engine"]).compare(VALLOMBRE).get("alos_mco")
    assert body["status"] == "answered" and body["value"] == national.selected.value
    assert body["national"]["indicator"]["id"] == "alos_mco" and body["plan"] is None
