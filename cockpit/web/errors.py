"""What the server answers when a request goes wrong outside the API's own handlers:
never a 500 for odd input, never a traceback in the log for a probe.

A perimeter refusal raised anywhere (a forged dashboard callback, an export) is a
403 written to the audit log as `denied`; an unknown Dash bundle is a 404; a body
over MAX_CONTENT_LENGTH is a 413 that says the limit.
"""

from __future__ import annotations

from dash.exceptions import DependencyException
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from cockpit.auth import audit, json_error
from cockpit.engine import PerimeterDenied


def _wants_json() -> bool:
    path = request.path
    return (
        path.startswith(("/api/", "/_dash-"))
        or path == "/healthz"
        or request.accept_mimetypes.best == "application/json"
    )


def _answer(status: int, code: str, message: str) -> Response:
    if _wants_json():
        return json_error(status, code, message)
    return Response(f"{status} — {message}\n", status, mimetype="text/plain")


def install_error_handlers(server: Flask) -> None:
    @server.errorhandler(PerimeterDenied)
    def outside_perimeter(exc: PerimeterDenied) -> Response:
        audit("denied", path=request.path, status=403, error=str(exc))
        return _answer(403, exc.code, str(exc))

    @server.errorhandler(DependencyException)
    def unknown_bundle(exc: DependencyException) -> Response:
        return _answer(404, "not_found", "no such file")

    @server.errorhandler(RequestEntityTooLarge)
    def too_large(exc: RequestEntityTooLarge) -> Response:
        limit = server.config["MAX_CONTENT_LENGTH"]
        return _answer(413, "payload_too_large", f"the request body is over {limit} bytes")

    @server.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response | HTTPException:
        if not _wants_json():
            return exc
        code = (exc.name or "error").lower().replace(" ", "_")
        response = json_error(exc.code or 500, code, exc.description or exc.name)
        # e.g. Allow on a 405, WWW-Authenticate on a 401
        response.headers.extend(h for h in exc.get_headers() if h[0].lower() != "content-type")
        return response
