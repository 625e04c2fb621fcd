"""Routes declared with their models: a request is read through its model, an answer is
checked against its model, and the OpenAPI document lists every route from the same
declarations. A new endpoint is one decorated function:

    @endpoints.get("/api/v1/forecast", query=ForecastParams, answer=ForecastAnswer,
                   summary="Year-end landing of a metric", errors=(400, 401, 404))
    def forecast(params: ForecastParams) -> dict: ...
"""

from __future__ import annotations

import inspect
import json
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from flask import Blueprint, Response, jsonify, request
from pydantic import BaseModel, ValidationError
from werkzeug.datastructures import MultiDict

from cockpit.api.fields import PATTERN_HINTS
from cockpit.auth import storable_text

# Every route but the public ones can answer these (guard, body size, warehouse).
COMMON_ERRORS = (401, 403, 413, 503)


class BadRequest(Exception):
    """A request that does not fit its model; the message says which field and why."""

    code = "invalid_request"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        self.code = code or self.code


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    name: str
    summary: str
    description: str
    answer: type[BaseModel]
    query: type[BaseModel] | None
    body: type[BaseModel] | None
    errors: tuple[int, ...]
    public: bool


class Endpoints:
    def __init__(self, name: str):
        self.blueprint = Blueprint(name, __name__)
        self.operations: list[Operation] = []

    def get(self, path: str, **spec: Any) -> Callable:
        return self._route("GET", path, **spec)

    def post(self, path: str, **spec: Any) -> Callable:
        return self._route("POST", path, **spec)

    def _route(
        self,
        method: str,
        path: str,
        *,
        answer: type[BaseModel],
        summary: str,
        query: type[BaseModel] | None = None,
        body: type[BaseModel] | None = None,
        errors: tuple[int, ...] = (),
        public: bool = False,
    ) -> Callable:
        def declare(view: Callable[..., dict[str, Any]]) -> Callable:
            statuses = tuple(sorted(set(errors) | ({400} if query or body else set())))
            if not public:
                statuses = tuple(sorted(set(statuses) | set(COMMON_ERRORS)))
            operation = Operation(
                method, path, view.__name__, summary, inspect.cleandoc(view.__doc__ or ""),
                answer, query, body, statuses, public,
            )  # fmt: skip
            self.operations.append(operation)

            @wraps(view)
            def endpoint() -> Response:
                inputs = []
                if query is not None:
                    inputs.append(read_query(query, request.args))
                if body is not None:
                    inputs.append(read_body(body, request.get_data(cache=False)))
                checked = answer.model_validate(view(*inputs))
                return jsonify(checked.model_dump(mode="json", exclude_unset=True))

            self.blueprint.add_url_rule(path, view.__name__, endpoint, methods=[method])
            return view

        return declare


def is_list(annotation: Any) -> bool:
    return typing.get_origin(annotation) is list


def read_query(model: type[BaseModel], args: MultiDict) -> BaseModel:
    """The query string through `model`: unknown or repeated parameters are refused."""
    fields = {field.alias or name: field for name, field in model.model_fields.items()}
    unknown = [name for name in args if name not in fields]
    if unknown:
        known = ", ".join(fields)
        raise BadRequest(f"unknown query parameter {_quoted(unknown[0])} (known: {known})")
    data: dict[str, Any] = {}
    for name, field in fields.items():
        values = args.getlist(name)
        if is_list(field.annotation):
            data[name] = values
        elif len(values) > 1:
            raise BadRequest(f"query parameter {name!r} is given more than once")
        elif values:
            data[name] = values[0]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadRequest(explain(exc, "query parameter")) from None


def read_body(model: type[BaseModel], raw: bytes) -> BaseModel:
    """A JSON object through `model`. Lone surrogates (valid JSON escapes, not text) become
    U+FFFD first, so any string reaches the model; nesting too deep is a 400, not a crash."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest('the body must be a JSON object, e.g. {"question": "…"}') from None
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object, not an array, a string or a number")
    try:
        clean = storable_text(json.dumps(data, ensure_ascii=False))
        return model.model_validate_json(clean)
    except RecursionError:
        raise BadRequest("the body is nested too deep") from None
    except ValidationError as exc:
        raise BadRequest(explain(exc, "body field")) from None


def explain(exc: ValidationError, where: str) -> str:
    """The first problem as a sentence naming the field; the value sent is never echoed."""
    error = exc.errors(include_input=False, include_url=False)[0]
    field = ".".join(str(part) for part in error["loc"]) or "body"
    kind = error["type"]
    named = f"{where} {_quoted(field)}"
    if kind == "missing":
        return f"{named} is required"
    if kind == "extra_forbidden":
        return f"{named} is not one this endpoint reads"
    if kind == "string_pattern_mismatch":
        hint = PATTERN_HINTS.get(error.get("ctx", {}).get("pattern"), "in the documented form")
        return f"{named} must be {hint}"
    return f"{named}: {error['msg']}"


def _quoted(name: str) -> str:
    return repr(name if len(name) <= 40 else name[:39] + "…")
