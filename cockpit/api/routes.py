"""The operations of /api/v1 and /healthz: the engine's answers, inside the caller's perimeter.

The guard has already checked who is asking; the perimeter comes from that user,
never from the request. Every answer carries `freshness`: how recent the figures are.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app

from cockpit.api.answers import AskAnswer, Health, Metrics, QueryAnswer
from cockpit.api.endpoints import BadRequest, Endpoints
from cockpit.api.forecast import AlertsAnswer, AlertsParams, ForecastAnswer, ForecastParams
from cockpit.api.national import NationalAnswer, NationalParams
from cockpit.api.requests import AskRequest, QueryParams
from cockpit.auth import audit, current_perimeter
from cockpit.engine import Engine, QueryError, QueryPlan
from cockpit.periods import month_label, parse_month

endpoints = Endpoints("cockpit_api")


def _engine() -> Engine:
    return current_app.extensions["cockpit_engine"]


def _freshness(today: date | None = None) -> dict[str, Any]:
    return _engine().freshness(today).as_json()


@endpoints.get("/healthz", answer=Health, summary="The server is up (no login, no data)",
               public=True)  # fmt: skip
def healthz() -> dict[str, Any]:
    """For load balancers and monitoring: answers without a login and tells nothing else."""
    return {"status": "ok"}


@endpoints.get("/api/v1/metrics", answer=Metrics, summary="The metric catalog")
def metrics() -> dict[str, Any]:
    """Every metric the catalog offers: id, labels, unit, dimensions it can be split by."""
    catalog = [
        {
            "id": m.id,
            "label": m.label.model_dump(),
            "description": m.description.model_dump(),
            "unit": m.unit,
            "format": m.format,
            "domain": m.domain,
            "aggregation": m.aggregation,
            "dimensions": list(m.dimensions),
            "direction": m.direction,
        }
        for m in _engine().metrics()
    ]
    return {"metrics": catalog, "freshness": _freshness()}


@endpoints.get("/api/v1/query", query=QueryParams, answer=QueryAnswer,
               summary="One metric over a period, as `cockpit query --json`",
               errors=(404, 504))  # fmt: skip
def query(params: QueryParams) -> dict[str, Any]:
    """A figure, a series (`grain`) or a breakdown (`by`), with its comparison, target,
    status and the SQL that ran. Without `from`/`to`: the last complete month."""
    plan = params.to_query_plan()
    result = _engine().run(plan, current_perimeter())
    audit("query", plan=plan.as_json(), status=200, source="api")
    return {**result.as_json(), "freshness": _freshness(params.today)}


@endpoints.post("/api/v1/ask", body=AskRequest, answer=AskAnswer,
                summary="A question in French or English, as `cockpit ask --json`",
                errors=(422,))  # fmt: skip
def ask(body: AskRequest) -> dict[str, Any]:
    """The planner fills a plan; the engine checks and runs it inside the caller's
    perimeter, so no wording of a question can widen it. Send the answer's `plan` back
    as `context` to ask a follow-up (« et pour la Médecine ? »)."""
    from cockpit.nl.ask import ask as answer_question
    from cockpit.nl.planners import planner_for

    engine = _engine()
    try:
        previous = body.context.to_query_plan() if body.context else None
        if previous is not None:
            engine.metric(previous.metric)
    except QueryError as exc:
        raise BadRequest(f"body field 'context': {exc}", code="invalid_plan") from None
    answer = answer_question(
        body.question,
        engine,
        today=body.today,
        perimeter=current_perimeter(),
        planner=planner_for(engine, body.planner),
        previous=previous,
    )
    # A national answer's figure is public data: no plan to follow up on.
    answered = answer["status"] == "answered" and answer.get("national") is None
    plan = QueryPlan.from_json(answer).as_json() if answered else _context(body)
    audit("question", question=body.question, status=answer["status"],
          metric=answer.get("metric"), source="api")  # fmt: skip
    return {**answer, "plan": plan, "freshness": _freshness(body.today)}


def _context(body: AskRequest) -> dict[str, Any] | None:
    """A question not answered keeps the conversation where it was."""
    return body.context.model_dump(mode="json") if body.context else None


@endpoints.get("/api/v1/national", query=NationalParams, answer=NationalAnswer,
               summary="A hospital against its peers in public data, as "
                       "`cockpit national show --json`", errors=(404,))  # fmt: skip
def national(params: NationalParams) -> dict[str, Any]:
    """Hospi Diag and SAE indicators of a legal entity or a site beside its peers' median,
    quartiles and deciles, its percentile rank and the best-20 % threshold, year by year.
    The public figures are the same for every caller; the hospital's own monthly figures
    beside them only within a perimeter that covers the whole establishment."""
    from cockpit.national.service import NationalError, national_for

    engine, perimeter = _engine(), current_perimeter()
    service = national_for(engine)
    finess = (
        params.finess
        or perimeter.establishment_id
        or next((e for e in engine.establishments() if e in service.mapping()), None)
    )
    if finess is None:
        raise NationalError("query parameter 'finess' is required, e.g. finess=840006597")
    comparison = service.compare(finess, year=params.year, group_id=params.peers,
                                 perimeter=perimeter)  # fmt: skip
    audit("query", national=comparison.finess, year=params.year, status=200, source="api")
    return {**comparison.as_json(), "freshness": _freshness()}


@endpoints.get("/api/v1/forecast", query=ForecastParams, answer=ForecastAnswer,
               summary="Year-end landing of a metric, as `cockpit forecast --json`",
               errors=(404, 504))  # fmt: skip
def forecast(params: ForecastParams) -> dict[str, Any]:
    """The year-end landing (atterrissage) of a flow metric, or a ratio of flows, inside
    the caller's perimeter: value, 80 % interval, method, year to date and budget."""
    from cockpit.forecast import landing_of

    as_of = parse_month(params.as_of) if params.as_of else None
    landing = landing_of(_engine(), params.metric, current_perimeter(), params.year, as_of,
                         params.filters())  # fmt: skip
    audit("query", forecast=params.metric, year=landing.year, status=200, source="api")
    return {**landing.as_json(params.lang), "freshness": _freshness()}


@endpoints.get("/api/v1/alerts", query=AlertsParams, answer=AlertsAnswer,
               summary="A month's alerts, as `cockpit alerts --json`", errors=(504,))  # fmt: skip
def alerts(params: AlertsParams) -> dict[str, Any]:
    """Threshold, budget and seasonal alerts of a month inside the caller's perimeter, one
    per metric × scope, worst first (severity, then the departure as a share of what was
    expected)."""
    from cockpit.forecast import all_alerts

    engine = _engine()
    span = engine.months_available()
    month = parse_month(params.as_of) if params.as_of else (span[1] if span else None)
    found = all_alerts(engine, current_perimeter(), month) if month else []
    return {
        "as_of": month_label(month) if month else None,
        "alerts": [alert.as_json(params.lang) for alert in found],
        "freshness": _freshness(),
    }
