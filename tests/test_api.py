"""The HTTP API: the same JSON as `cockpit query --json`, JSON errors, bearer tokens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cockpit.auth.audit_log import AuditLog
from cockpit.auth.tokens import issue_token
from cockpit.auth.users import UserStore
from cockpit.cli import _register
from cockpit.cli import app as cli
from cockpit.engine import QueryTimeout

QUERIES = Path(__file__).resolve().parent.parent / "queries"
QUARTER = "metric=admissions&from=2026-01&to=2026-03"


def test_healthz_needs_no_login_and_shows_no_data(shared_app):
    response = shared_app.test_client().get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_metrics_lists_the_catalog(director, shared_app):
    response = director.get("/api/v1/metrics")
    assert response.status_code == 200
    metrics = {m["id"]: m for m in response.json["metrics"]}
    assert len(metrics) == len(shared_app.extensions["cockpit_engine"].metrics())
    occupancy = metrics["bed_occupancy_rate"]
    assert occupancy["label"]["fr"] and occupancy["unit"] == "pct"
    assert occupancy["domain"] == "activity" and "pole" in occupancy["dimensions"]
    assert occupancy["direction"] in ("higher_is_better", "lower_is_better", "target_band")


@pytest.mark.parametrize("query, cli_args", [
    (QUARTER, ["--from", "2026-01", "--to", "2026-03"]),
    (QUARTER + "&by=pole&compare=previous_year", ["--from", "2026-01", "--to", "2026-03",
                                                  "--by", "pole", "--compare", "previous_year"]),
    ("metric=bed_occupancy_rate&from=2025-01&to=2025-12&grain=quarter&filter=pole:Chirurgie"
     "&filter=establishment:CH de Vallombre",
     ["--from", "2025-01", "--to", "2025-12", "--grain", "quarter", "--filter", "pole=Chirurgie",
      "--establishment", "CH de Vallombre"]),
])  # fmt: skip
def test_query_gives_the_same_json_as_the_cli(director, warehouse_copy, query, cli_args):
    response = director.get(f"/api/v1/query?{query}")
    assert response.status_code == 200, response.json
    _register()
    metric = query.split("&")[0].split("=")[1]
    printed = CliRunner().invoke(
        cli,
        [
            "query",
            metric,
            *cli_args,
            "--json",
            "--db",
            str(warehouse_copy),
            "--queries",
            str(QUERIES),
        ],
    )
    assert printed.exit_code == 0, printed.output
    answer = response.json
    assert answer.pop("freshness")["last_month"] == "2026-10"
    assert answer == json.loads(printed.output)


@pytest.mark.parametrize("query, status, code", [
    ("from=2026-01", 400, "invalid_request"),
    ("metric=admissions&from=2026-13", 400, "invalid_request"),
    ("metric=admissions&by=colour", 400, "invalid_plan"),
    ("metric=admissions&filter=pole", 400, "invalid_request"),
    ("metric=admissions&grain=week", 400, "invalid_request"),
    ("metric=admissions&from=2026-03&to=2026-01", 400, "invalid_plan"),
    ("metric=admissions&by=account", 400, "invalid_plan"),
    ("metric=admissions&filter=pole:Cardiologie", 400, "invalid_plan"),
    ("metric=no_such_metric", 404, "unknown_metric"),
    ("metric=admissions&today=7918-02-13", 400, "invalid_request"),  # months end at 2999-12
])  # fmt: skip
def test_bad_queries_get_json_errors(director, query, status, code):
    response = director.get(f"/api/v1/query?{query}")
    assert response.status_code == status
    assert response.json["error"] == code and response.json["message"]


def test_a_query_running_too_long_is_a_504(director, shared_app, monkeypatch):
    def too_slow(plan, perimeter):
        raise QueryTimeout("the query ran longer than 5 s and was stopped")

    monkeypatch.setattr(shared_app.extensions["cockpit_engine"], "run", too_slow)
    response = director.get(f"/api/v1/query?{QUARTER}")
    assert response.status_code == 504 and response.json["error"] == "timeout"


def test_anonymous_calls_get_401_json(client):
    for response in (
        client.get("/api/v1/metrics"),
        client.get(f"/api/v1/query?{QUARTER}"),
        client.post("/api/v1/ask", json={"question": "x"}),
    ):
        assert response.status_code == 401
        assert response.json["error"] == "authentication_required"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


MARCH = {"today": "2026-11-15"}


def test_ask_answers_with_the_value_query_returns_for_the_same_plan(client, auth, state):
    auth.login()
    question = "Combien d'entrées au pôle Chirurgie en mars 2026 ?"
    response = client.post("/api/v1/ask", json={"question": question, **MARCH})
    answer = response.json
    assert response.status_code == 200 and answer["status"] == "answered"
    assert answer["metric"] == "admissions" and answer["filters"] == {"pole": "Chirurgie"}
    assert answer["period"] == {"start": "2026-03", "end": "2026-03"}
    same = client.get(
        "/api/v1/query?metric=admissions&from=2026-03&to=2026-03&filter=pole:Chirurgie"
    )
    assert answer["value"] == same.json["value"] and answer["value"] > 0
    assert "FROM activity" in answer["sql"] and answer["answer"]
    [event] = AuditLog(state).read(event="question")
    assert event.details["question"] == question and event.details["status"] == "answered"


def test_ask_stays_inside_a_pole_managers_perimeter(app, director, state):
    token = issue_token(UserStore(state), "chef")
    chef = {"Authorization": f"Bearer {token}"}
    client = app.test_client()
    mine = client.post("/api/v1/ask", json={"question": "Combien d'entrées en mars 2026 ?",
                                            **MARCH}, headers=chef)  # fmt: skip
    surgery = director.get(
        "/api/v1/query?metric=admissions&from=2026-03&to=2026-03"
        "&filter=pole:Chirurgie&filter=establishment:CH de Vallombre"
    )
    assert mine.json["status"] == "answered" and mine.json["value"] == surgery.json["value"]
    other = client.post("/api/v1/ask", json={"question": "Combien d'entrées au pôle Médecine "
                                             "en mars 2026 ?", **MARCH}, headers=chef)  # fmt: skip
    assert other.json["status"] == "refused" and other.json["value"] is None


@pytest.mark.parametrize(
    "body", [{}, {"question": "  "}, {"question": "Entrées ?", "today": "15/11/2026"}]
)
def test_ask_refuses_a_bad_request_with_400(director, body):
    response = director.post("/api/v1/ask", json=body)
    assert response.status_code == 400 and response.json["error"] == "invalid_request"


def test_a_bearer_token_acts_with_its_users_perimeter(app, state):
    token = issue_token(UserStore(state), "chef")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    response = client.get(f"/api/v1/query?{QUARTER}&by=pole", headers=headers)
    assert response.status_code == 200
    assert {row["pole"] for row in response.json["rows"]} == {"Chirurgie"}
    denied = client.get(f"/api/v1/query?{QUARTER}&filter=pole:Médecine", headers=headers)
    assert denied.status_code == 403
    # No Origin header needed: a bearer token is not sent by browsers on their own.
    assert client.post("/api/v1/ask", json={"question": "x"}, headers=headers).status_code == 200
    # A token only opens the API, not the dashboard.
    assert client.get("/_dash-layout", headers=headers).status_code == 401


def test_a_bad_or_revoked_token_is_refused(app, state):
    token = issue_token(UserStore(state), "directeur")
    client = app.test_client()
    assert (
        client.get(
            "/api/v1/metrics", headers={"Authorization": "Bearer ck_not-a-token"}
        ).status_code
        == 401
    )
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/metrics", headers=headers).status_code == 200
    UserStore(state).set_active("directeur", False)
    assert client.get("/api/v1/metrics", headers=headers).status_code == 401


def test_only_the_token_hash_is_stored(state):
    token = issue_token(UserStore(state), "directeur")
    assert token.encode() not in (state / "users.sqlite3").read_bytes()
