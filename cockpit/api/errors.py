"""API errors as JSON `{"error", "message"}` with their status: 400 invalid request or plan,
403 outside the perimeter, 404 unknown metric, FINESS (or no public data) or endpoint,
422 planner unavailable, 503 no warehouse, 504 timeout. Refusals and errors are audited with
bounded fields.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from cockpit.api.endpoints import BadRequest
from cockpit.auth import audit, json_error
from cockpit.engine import (
    PerimeterDenied,
    QueryError,
    QueryTimeout,
    UnknownMetric,
    WarehouseMissing,
)
from cockpit.national.service import NoNationalData, UnknownFiness
from cockpit.nl.planners import PlannerUnavailable
from cockpit.periods import PeriodError

STATUS_OF = {
    UnknownMetric: 404, PerimeterDenied: 403, QueryTimeout: 504, UnknownFiness: 404,
    NoNationalData: 404,
}  # fmt: skip
# Statuses, with what they mean, for the OpenAPI document.
MEANINGS = {
    400: "The request or its plan cannot be read or run (the message says which field)",
    401: "Nobody is logged in, or the bearer token is unknown or revoked",
    403: "Outside the caller's perimeter, or a cross-site request",
    404: "Unknown metric, a FINESS in no imported public file (or no public data imported), "
    "or no such endpoint",
    413: "The request body is over the size limit",
    422: "The planner asked for is not available on this server",
    503: "No warehouse has been loaded yet",
    504: "The query ran longer than the time limit and was stopped",
}


def install_error_handlers(blueprint: Blueprint) -> None:
    @blueprint.errorhandler(BadRequest)
    def bad_request(exc: BadRequest) -> Response:
        return json_error(400, exc.code, str(exc))

    @blueprint.errorhandler(QueryError)
    @blueprint.errorhandler(PeriodError)
    def refused_plan(exc: Exception) -> Response:
        status = STATUS_OF.get(type(exc), 400)
        code = getattr(exc, "code", "invalid_plan")
        event = "denied" if status == 403 else "query"
        audit(event, path=request.path, status=status, error=str(exc), source="api")
        return json_error(status, code, str(exc))

    @blueprint.errorhandler(PlannerUnavailable)
    def no_planner(exc: PlannerUnavailable) -> Response:
        return json_error(422, "planner_unavailable", str(exc))

    @blueprint.errorhandler(WarehouseMissing)
    def no_warehouse(exc: WarehouseMissing) -> Response:
        return json_error(503, "no_warehouse", str(exc))
