"""The OpenAPI 3.1 document of the API, built from the declared operations and the JSON
Schema of their pydantic models, so the contract cannot drift from what is checked."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from cockpit.api.answers import ErrorAnswer
from cockpit.api.endpoints import Operation, is_list
from cockpit.api.errors import MEANINGS

REF = "#/components/schemas/{model}"
SECURITY_SCHEMES = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "A token from `cockpit users token NAME`; it acts with the user's perimeter",
    },
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "cockpit_session",
        "description": "The browser session opened by /login (writes also need a same-site Origin)",
    },
}


def openapi_document(operations: list[Operation], version: str) -> dict[str, Any]:
    # Bodies are described as they are read, answers as they are written.
    bodies = {op.body for op in operations if op.body}
    answers = {ErrorAnswer} | {op.answer for op in operations}
    refs, definitions = models_json_schema(
        [(m, "validation") for m in bodies] + [(m, "serialization") for m in answers],
        ref_template=REF,
    )
    schemas = definitions.get("$defs", {})
    paths: dict[str, dict[str, Any]] = {}
    for op in operations:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op, refs, schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Cockpit API",
            "version": version,
            "description": (
                "The hospital's steering figures, inside the caller's perimeter: the same "
                "engine and the same JSON as the `cockpit` command line."
            ),
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": SECURITY_SCHEMES,
        },
        "security": [{"bearer": []}, {"session": []}],
    }


def _operation(op: Operation, refs: dict, schemas: dict[str, Any]) -> dict[str, Any]:
    answer_ref = refs[(op.answer, "serialization")]
    error_ref = refs[(ErrorAnswer, "serialization")]
    responses = {"200": {"description": "OK", "content": _json(answer_ref)}}
    for status in op.errors:
        responses[str(status)] = {"description": MEANINGS[status], "content": _json(error_ref)}
    spec: dict[str, Any] = {
        "operationId": op.name,
        "summary": op.summary,
        "description": op.description,
        "responses": responses,
    }
    if op.query is not None:
        spec["parameters"] = _query_parameters(op.query, schemas)
    if op.body is not None:
        spec["requestBody"] = {"required": True, "content": _json(refs[(op.body, "validation")])}
    if op.public:
        spec["security"] = []
    return spec


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _query_parameters(model: type[BaseModel], schemas: dict[str, Any]) -> list[dict[str, Any]]:
    """One parameter per field; a list field is repeated (`by=pole&by=service`)."""
    schema = model.model_json_schema(ref_template=REF, by_alias=True)
    schemas.update(schema.get("$defs", {}))
    parameters = []
    for name, field in model.model_fields.items():
        alias = field.alias or name
        parameter = {
            "name": alias,
            "in": "query",
            "required": field.is_required(),
            "schema": _without_title(schema["properties"][alias]),
        }
        if field.description:
            parameter["description"] = field.description
        if is_list(field.annotation):
            parameter |= {"style": "form", "explode": True}
        parameters.append(parameter)
    return parameters


def _without_title(schema: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in schema.items() if k != "title"}
