"""What makes Cockpit installable and quick: the manifest and service worker at the root,
the language switch, and long-lived cache headers for fingerprinted static files.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, redirect, request, send_file

from cockpit.auth import safe_next
from cockpit.ui.i18n import LANG_COOKIE, LANGS

ONE_YEAR = 31_536_000


def install_pwa_routes(server: Flask, assets: Path) -> None:
    @server.route("/sw.js")
    def service_worker() -> Response:
        response = send_file(assets / "sw.js", mimetype="text/javascript", max_age=0)
        response.headers["Service-Worker-Allowed"] = "/"
        response.headers["Cache-Control"] = "no-cache"
        return response

    @server.route("/manifest.webmanifest")
    def manifest() -> Response:
        response = send_file(
            assets / "manifest.webmanifest", mimetype="application/manifest+json", max_age=3600
        )
        return response

    @server.route("/lang/<code>")
    def switch_language(code: str) -> Response:
        response = redirect(safe_next(request.args.get("next")))
        if code in LANGS:
            response.set_cookie(
                LANG_COOKIE, code, max_age=ONE_YEAR, samesite="Lax", secure=request.is_secure
            )
        return response

    @server.after_request
    def static_cache(response: Response) -> Response:
        path = request.path
        if path.startswith("/assets/") and response.status_code == 200:
            # Versioned (?m=mtime, or a version in the file name): keep for a year.
            if "m" in request.args or "/vendor/" in path:
                response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
            else:
                response.headers["Cache-Control"] = "public, max-age=3600"
        return response
