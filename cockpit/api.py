"""The HTTP API /api/v1 and /healthz (placeholder until the auth/API work lands)."""

from __future__ import annotations

from flask import Flask, jsonify


def install_api(server: Flask) -> None:
    @server.get("/healthz")
    def healthz():
        return jsonify(status="ok")
