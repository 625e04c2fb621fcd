"""POST /api/v1/ask beyond one question: follow-ups through `context`, the planner choice,
freshness in every answer, and the OpenAPI document that describes it all."""

from __future__ import annotations

import pytest

from cockpit.api import DOCUMENT, OPENAPI_PATH

TODAY = {"today": "2026-11-15"}
SURGERY_IN_MARCH = "Combien d'entrées au pôle Chirurgie en mars 2026 ?"


def ask(client, question: str, **body):
    return client.post("/api/v1/ask", json={"question": question, **TODAY, **body})


def test_a_follow_up_sends_the_previous_plan_back_as_context(director):
    first = ask(director, SURGERY_IN_MARCH).json
    assert first["plan"]["filters"] == {"pole": "Chirurgie"}
    follow_up = ask(director, "et pour la Médecine ?", context=first["plan"]).json
    assert follow_up["status"] == "answered"
    assert follow_up["plan"] == {**first["plan"], "filters": {"pole": "Médecine"}}
    march = "metric=admissions&from=2026-03&to=2026-03"
    same = director.get(f"/api/v1/query?{march}&filter=pole:Médecine")
    assert follow_up["value"] == same.json["value"]


def test_a_question_not_answered_keeps_the_context(director):
    plan = ask(director, SURGERY_IN_MARCH).json["plan"]
    answer = ask(director, "Quelle est la couleur du ciel ?", context=plan).json
    assert answer["status"] != "answered" and answer["value"] is None
    assert answer["plan"] == plan


@pytest.mark.parametrize("context, field", [
    ({"metric": "admissions", "period": {"start": "2026-13", "end": "2026-13"}}, "context.period"),
    ({"metric": "admissions"}, "context.period"),
    ({"metric": "no_such_metric", "period": {"start": "2026-03", "end": "2026-03"}}, "context"),
    ({"metric": "admissions", "period": {"start": "2026-03", "end": "2026-03"},
      "rank": {"order": "sideways", "limit": 1}}, "context.rank.order"),
    ([1, 2], "context"),
])  # fmt: skip
def test_a_context_that_is_not_a_plan_is_a_400_naming_the_field(director, context, field):
    response = ask(director, "et pour la Médecine ?", context=context)
    assert response.status_code == 400 and field in response.json["message"]


def test_an_llm_planner_that_is_not_configured_is_refused_with_the_reason(director, monkeypatch):
    monkeypatch.delenv("COCKPIT_LLM", raising=False)
    response = ask(director, SURGERY_IN_MARCH, planner="llm")
    assert response.status_code == 422 and response.json["error"] == "planner_unavailable"
    assert "COCKPIT_LLM" in response.json["message"]
    assert ask(director, SURGERY_IN_MARCH, planner="offline").json["status"] == "answered"
    assert ask(director, SURGERY_IN_MARCH, planner="oracle").status_code == 400


def test_every_answer_says_how_fresh_the_figures_are(director):
    for response in (
        director.get("/api/v1/metrics"),
        director.get("/api/v1/query?metric=admissions&from=2026-03"),
        ask(director, SURGERY_IN_MARCH),
    ):
        freshness = response.json["freshness"]
        assert freshness["last_month"] == "2026-10" and freshness["warnings"] == []
        assert {k["kind"] for k in freshness["kinds"]} == {"activity", "hr", "finance", "treasury"}


def test_the_document_describes_every_api_route_of_the_server(shared_app):
    routes = {(rule.rule, method) for rule in shared_app.url_map.iter_rules()
              if rule.rule.startswith(("/api/", "/healthz")) and rule.rule != OPENAPI_PATH
              for method in rule.methods - {"HEAD", "OPTIONS"}}  # fmt: skip
    documented = {(path, method.upper()) for path, item in DOCUMENT["paths"].items()
                  for method in item}  # fmt: skip
    assert routes == documented
    assert DOCUMENT["openapi"].startswith("3.1")


def test_the_document_says_how_to_log_in_and_what_each_error_means():
    schemes = DOCUMENT["components"]["securitySchemes"]
    assert schemes["bearer"]["scheme"] == "bearer" and schemes["session"]["in"] == "cookie"
    assert DOCUMENT["paths"]["/healthz"]["get"]["security"] == []
    for path, item in DOCUMENT["paths"].items():
        for operation in item.values():
            assert operation["summary"] and operation["description"]
            assert ("401" in operation["responses"]) is (path != "/healthz")
    body = DOCUMENT["components"]["schemas"]["AskRequest"]
    assert body["additionalProperties"] is False and "question" in body["required"]
    assert body["properties"]["question"]["maxLength"] == 500
