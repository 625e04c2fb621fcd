"""Odd input gets a clear 4xx, never a 500 (issue 13's findings): bodies that are not an
object, year 0001, lone surrogates, forged exports outside the perimeter, unknown
Dash bundles, oversized bodies, probes of other poles' services, huge query strings."""

from __future__ import annotations

import json
import logging

import pytest
from dash_replay import export_csv, navigate

from cockpit.auth.audit_log import AuditLog

JSON = {"Content-Type": "application/json"}
ASK = "/api/v1/ask"


@pytest.mark.parametrize("body", [b"[1, 2]", b'"question"', b"42", b"null", b"", b"{not json",
                                  b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe"])  # fmt: skip
def test_an_ask_body_that_is_not_a_json_object_is_a_400(director, body):
    response = director.post(ASK, data=body, headers=JSON)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.json["error"] == "invalid_request"
    assert "JSON object" in response.json["message"]


def test_a_question_over_the_limit_is_refused_with_the_limit(director):
    response = director.post(ASK, json={"question": "é" * 501})
    assert response.status_code == 400 and "500" in response.json["message"]
    assert "éé" not in response.json["message"]


def test_a_lone_surrogate_in_a_question_is_answered_and_audited(director, shared_state):
    raw = b'{"question": "Combien d\'entr\\u00e9es en mars 2026 \\ud800 ?", "today": "2026-11-15"}'
    response = director.post(ASK, data=raw, headers=JSON)
    assert response.status_code == 200 and response.json["status"] == "answered"
    questions = AuditLog(shared_state).read(event="question")
    [event] = [e for e in questions if "\ufffd" in e.details["question"]]
    assert event.details["status"] == "answered"


@pytest.mark.parametrize(
    "query", ["from=0001-01", "to=0001-12", "from=0000-01", "today=0001-01-15"]
)
def test_year_0001_is_a_clear_400_through_the_api(director, query):
    response = director.get(f"/api/v1/query?metric=admissions&{query}")
    assert response.status_code == 400 and response.json["message"]


def test_year_0001_through_dash_navigation_is_not_a_500(director):
    for page in ("/", "/activite", "/finances", "/indicateur/admissions"):
        assert director.get(f"{page}?m=0001-01").status_code == 200
        navigate(director, page, "?m=0001-01&p=r12")


def test_a_forged_export_outside_the_perimeter_is_a_403_logged_as_denied(chef, shared_state):
    response = export_csv(chef, "/indicateur/admissions", "?pole=M%C3%A9decine")
    assert response.status_code == 403
    assert "outside your perimeter" in response.get_data(as_text=True)
    [denied] = AuditLog(shared_state).read(event="denied", username="chef")[-1:]
    assert denied.details["path"] == "/export/csv/indicateur/admissions"


def test_an_unknown_dash_bundle_is_a_404_without_a_traceback(director, caplog):
    with caplog.at_level(logging.ERROR):
        response = director.get("/_dash-component-suites/no_such_package/x.v1m1.js")
    assert response.status_code == 404
    assert not [r for r in caplog.records if r.exc_info]


def test_a_body_over_the_limit_is_a_413_that_says_the_limit(shared_app, director):
    limit = shared_app.config["MAX_CONTENT_LENGTH"]
    response = director.post(ASK, data=b"{" + b" " * limit + b"}", headers=JSON)
    assert response.status_code == 413 and str(limit) in response.json["message"]


def test_a_service_of_another_pole_answers_like_an_unknown_one(chef):
    query = "/api/v1/query?metric=admissions&from=2026-03&filter=service:"
    other_pole = chef.get(query + "Cardiologie")
    unknown = chef.get(query + "Astrologie")
    assert other_pole.status_code == unknown.status_code == 400
    probed = other_pole.json["message"].replace("Cardiologie", "Astrologie")
    assert probed == unknown.json["message"]
    assert "Chirurgie orthopédique" in unknown.json["message"]


def test_a_huge_query_string_neither_grows_the_audit_log_nor_is_echoed(director, shared_state):
    def size() -> int:
        return sum(f.stat().st_size for f in shared_state.glob("audit.sqlite3*"))

    before = size()
    for _ in range(20):
        response = director.get("/api/v1/query?metric=" + "a" * 200_000)
        assert response.status_code == 400 and len(response.get_data()) < 1_000
    assert size() - before < 100_000


def test_an_audit_detail_is_stored_bounded_with_its_length_and_hash(tmp_path):
    log = AuditLog(tmp_path)
    log.record("query", error="x" * 200_000, args={"metric": ["y" * 10_000]}, page="/rh")
    details = log.read()[0].details
    assert details["page"] == "/rh"
    assert details["error"]["length"] == 200_000 and len(details["error"]["truncated"]) == 500
    assert len(details["error"]["sha256"]) == 64
    assert json.loads(json.dumps(details["args"]))["length"] > 10_000
