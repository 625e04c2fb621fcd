"""The one shape of an error answer, for the guard, the API and the web server alike:
`{"error": code, "message": sentence}` with its status code; the sentence never echoes
unbounded input."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

MAX_MESSAGE_CHARS = 300


def json_error(status: int, code: str, message: str, **extra: Any) -> Response:
    if len(message) > MAX_MESSAGE_CHARS:
        message = message[: MAX_MESSAGE_CHARS - 1] + "…"
    response = jsonify(error=code, message=message, **extra)
    response.status_code = status
    return response
