"""The HTTP API /api/v1 and /healthz: the engine's answers as JSON, inside the caller's perimeter.

Same plans and same JSON as `cockpit query --json`. The guard has already
checked who is asking; the perimeter comes from that user, never from the
query string. Errors are JSON with a status code: 400 invalid plan, 401
anonymous, 403 outside the perimeter, 404 unknown metric, 504 timeout.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Flask, current_app, jsonify, request

from cockpit.auth import audit, current_perimeter
from cockpit.engine import (
    Engine,
    PerimeterDenied,
    QueryError,
    QueryPlan,
    QueryTimeout,
    UnknownMetric,
    WarehouseMissing,
)
from cockpit.periods import Period, PeriodError, last_complete_month, parse_month

api = Blueprint("cockpit_api", __name__, url_prefix="/api/v1")

# Shortcuts accepted like the CLI's --pole/--service/--establishment.
_SHORTCUT_FILTERS = ("pole", "service", "establishment")


class BadRequest(QueryError):
    """A query string that cannot be read."""


def _engine() -> Engine:
    return current_app.extensions["cockpit_engine"]


def _error(status: int, code: str, message: str):
    response = jsonify(error=code, message=message)
    response.status_code = status
    return response


@api.errorhandler(QueryError)
@api.errorhandler(PeriodError)
def _query_error(exc: Exception):
    status = {UnknownMetric: 404, PerimeterDenied: 403, QueryTimeout: 504}.get(type(exc), 400)
    code = getattr(exc, "code", "invalid_plan")
    audit(
        "denied" if status == 403 else "query",
        path=request.path,
        args=request.args.to_dict(flat=False),
        status=status,
        error=str(exc),
    )
    return _error(status, code, str(exc))


@api.errorhandler(WarehouseMissing)
def _no_warehouse(exc: WarehouseMissing):
    return _error(503, "no_warehouse", str(exc))


def _period(args) -> Period:
    start, end = args.get("from"), args.get("to")
    today = date.fromisoformat(args["today"]) if args.get("today") else date.today()
    last = last_complete_month(today)
    first = parse_month(start) if start else (parse_month(end) if end else last)
    return Period(first, parse_month(end) if end else (last if start else first))


def _filters(args) -> dict[str, str]:
    filters = {dim: args[dim] for dim in _SHORTCUT_FILTERS if args.get(dim)}
    for pair in args.getlist("filter"):
        dim, sep, value = pair.partition(":")
        if not sep:
            dim, sep, value = pair.partition("=")
        if not sep or not dim.strip() or not value.strip():
            raise BadRequest(f"filter {pair!r}: expected DIM:VALUE")
        if filters.get(dim.strip(), value.strip()) != value.strip():
            raise BadRequest(f"two values given for {dim.strip()!r}")
        filters[dim.strip()] = value.strip()
    return filters


def plan_from_args(args) -> QueryPlan:
    metric = args.get("metric", "").strip()
    if not metric:
        raise BadRequest("metric is required, e.g. ?metric=admissions")
    try:
        period = _period(args)
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc
    return QueryPlan.build(
        metric,
        period,
        grain=args.get("grain"),
        filters=_filters(args),
        group_by=args.getlist("by"),
        compare=args.get("compare"),
    )


@api.get("/metrics")
def metrics():
    return jsonify(
        metrics=[
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
    )


@api.get("/query")
def query():
    plan = plan_from_args(request.args)
    result = _engine().run(plan, current_perimeter())
    audit("query", plan=plan.as_json(), status=200, source="api")
    return jsonify(result.as_json())


@api.post("/ask")
def ask():
    """A question in French or English → the same JSON as `cockpit ask --json`.

    The offline planner fills a plan; the engine validates and runs it inside the
    caller's perimeter, so no wording of a question can widen it.
    """
    from cockpit.nl.ask import ask as answer_question

    body = request.get_json(silent=True) or {}
    question = str(body.get("question") or "").strip()[:1000]
    if not question:
        return _error(400, "invalid_request", "'question' is required")
    try:
        today = date.fromisoformat(body["today"]) if body.get("today") else None
    except (TypeError, ValueError):
        return _error(400, "invalid_request", "'today' must be a date, YYYY-MM-DD")
    answer = answer_question(question, _engine(), today=today, perimeter=current_perimeter())
    audit("question", question=question, status=answer["status"], metric=answer.get("metric"),
          source="api")  # fmt: skip
    return jsonify(answer)


def install_api(server: Flask) -> None:
    server.register_blueprint(api)

    @server.get("/healthz")
    def healthz():
        return jsonify(status="ok")
