"""The HTTP API (/api/v1, /healthz): the engine's answers as JSON inside the caller's
perimeter, described by an OpenAPI 3.1 document (/api/v1/openapi.json) built from the
pydantic models that check every request and every answer."""

from __future__ import annotations

from importlib.metadata import version

from flask import Flask, Response, jsonify, request

from cockpit.api.errors import install_error_handlers
from cockpit.api.openapi import openapi_document
from cockpit.api.routes import endpoints
from cockpit.auth import json_error

OPENAPI_PATH = "/api/v1/openapi.json"
DOCUMENT = openapi_document(endpoints.operations, version("cockpit"))
# path → the methods it answers, as the document says (the dashboard's catch-all page
# would otherwise add GET to every path in Flask's automatic OPTIONS answer).
ALLOWED = {path: {m.upper() for m in operations} for path, operations in DOCUMENT["paths"].items()}
ALLOWED[OPENAPI_PATH] = {"GET"}

__all__ = ["DOCUMENT", "OPENAPI_PATH", "install_api"]


@endpoints.blueprint.get(OPENAPI_PATH)
def openapi() -> Response:
    return jsonify(DOCUMENT)


install_error_handlers(endpoints.blueprint)


def _allow(path: str) -> str:
    methods = ALLOWED[path] | {"OPTIONS"} | ({"HEAD"} if "GET" in ALLOWED[path] else set())
    return ", ".join(sorted(methods))


def install_api(server: Flask) -> None:
    server.register_blueprint(endpoints.blueprint)

    @server.before_request
    def api_paths_only() -> Response | None:
        """Unknown /api/ paths are a JSON 404, not the dashboard's page; OPTIONS and a 405
        list only the documented methods."""
        path, ours = request.path, request.blueprint == endpoints.blueprint.name
        if path in ALLOWED and request.method == "OPTIONS":
            return Response(status=204, headers={"Allow": _allow(path)})
        if path in ALLOWED and not ours:
            response = json_error(405, "method_not_allowed", f"{path} answers {_allow(path)}")
            response.headers["Allow"] = _allow(path)
            return response
        if path.startswith("/api/") and not ours:
            return json_error(404, "not_found", f"no such API endpoint (see {OPENAPI_PATH})")
        return None
