"""Security headers on every response: CSP, framing, sniffing, referrer, caching.

Scripts: only same-origin files plus the hashes of Dash's own inline scripts
(the renderer bootstrap and inline clientside callbacks, from
`Dash.csp_hashes()`), so no 'unsafe-inline' and no 'unsafe-eval' for scripts.
Styles: 'unsafe-inline' is allowed because Dash components and Plotly set
`style` attributes and inject <style> elements at run time (React inline
styles, Plotly's injected rules); they cannot carry a nonce or a stable hash.
Inline styles cannot run code, so the exposure is limited to CSS injection.
"""

from __future__ import annotations

from flask import Flask, Response, request

from cockpit.auth.paths import is_static


def _directives(script_hashes: list[str]) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class ContentSecurityPolicy:
    """The policy string, recomputed only when Dash gains inline scripts."""

    def __init__(self, server: Flask):
        self.server = server
        self._key: object = None
        self._value = _directives([])

    def value(self) -> str:
        from dash import _callback, _get_app

        dash_app = self.server.extensions.get("cockpit_dash")
        if dash_app is None:  # create_dash did not hand its app back: find it by its server
            candidate = getattr(_get_app, "APP", None)
            dash_app = candidate if getattr(candidate, "server", None) is self.server else None
        if dash_app is None:
            return self._value

        key = (id(dash_app), len(dash_app._inline_scripts), len(_callback.GLOBAL_INLINE_SCRIPTS))
        if key != self._key:
            self._value = _directives(list(dash_app.csp_hashes()))
            key = (id(dash_app), len(dash_app._inline_scripts), 0)
            self._key = key
        return self._value


def install_headers(server: Flask) -> None:
    policy = ContentSecurityPolicy(server)

    @server.after_request
    def security_headers(response: Response) -> Response:
        headers = response.headers
        headers["Content-Security-Policy"] = policy.value()
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "same-origin"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), geolocation=(), microphone=(self)"
        if request.is_secure:
            headers["Strict-Transport-Security"] = "max-age=31536000"
        if not is_static(request.path):
            # Data and pages are per-user: never kept by the browser or a proxy.
            headers["Cache-Control"] = "no-store"
            headers["Pragma"] = "no-cache"
            headers.add("Vary", "Cookie")
        return response
