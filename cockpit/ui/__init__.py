"""The Dash UI: `create_dash(server, engine)` mounts the phone-first dashboard on Flask.

Pages are rendered on the server three ways from one function (`render_frame`):
as plain HTML in the first response, as the Dash layout, and by one callback on
navigation. Everything goes through the Engine with the perimeter of the request;
views and exports are written to the audit log.
"""

from __future__ import annotations

import re

from dash import Dash, Input, Output, dcc, html
from flask import Flask, Response, abort, request

from cockpit import config
from cockpit.auth import audit
from cockpit.engine import Engine
from cockpit.ui.address import page_address
from cockpit.ui.ask.routes import install_question_route
from cockpit.ui.components.raw_html import islands
from cockpit.ui.export import EXPORT_PREFIX, filename, to_csv, to_xlsx
from cockpit.ui.i18n import current_lang
from cockpit.ui.pwa import install_pwa_routes
from cockpit.ui.router import route_of
from cockpit.ui.shell import render_frame, table_for
from cockpit.ui.ssr import to_html

ASSETS = config.PROJECT_ROOT / "assets"
# A script Dash always lists that this app does not need: DataTable's loader (no DataTable).
# (The polyfill stays: dcc needs its regenerator runtime.)
UNUSED_SCRIPTS = re.compile(r'<script src="[^"]*/dash_table/bundle[^"]*"></script>\s*')

# What the Dash runtime adds to a page: its config, its bundles and the renderer bootstrap.
DASH_RUNTIME = re.compile(
    r'<script id="_dash-config"[^>]*>.*?</script>\s*'
    r'|<script src="/_dash-component-suites/[^"]*"></script>\s*'
    r'|<script id="_dash-renderer"[^>]*>.*?</script>\s*',
    re.S,
)

INDEX = """<!DOCTYPE html>
<html lang="fr">
<head>
{%metas%}
<title>{%title%}</title>
<link rel="icon" href="/assets/icons/icon.svg" type="image/svg+xml">
<link rel="icon" href="/assets/icons/icon-192.png" type="image/png" sizes="192x192">
<link rel="apple-touch-icon" href="/assets/icons/apple-touch-icon.png">
<link rel="manifest" href="/manifest.webmanifest">
{%css%}
</head>
<body>
{%app_entry%}
<footer>
{%config%}
{%scripts%}
{%renderer%}
</footer>
</body>
</html>"""

META_TAGS = [
    {"name": "viewport", "content": "width=device-width, initial-scale=1, viewport-fit=cover"},
    {
        "name": "description",
        "content": "Cockpit — tableau de bord de pilotage hospitalier : activité, RH, finances.",
    },
    {"name": "theme-color", "content": "#1e3a8a", "media": "(prefers-color-scheme: light)"},
    {"name": "theme-color", "content": "#0b1220", "media": "(prefers-color-scheme: dark)"},
    {"name": "color-scheme", "content": "light dark"},
    {"name": "apple-mobile-web-app-capable", "content": "yes"},
    {"name": "mobile-web-app-capable", "content": "yes"},
    {"name": "apple-mobile-web-app-title", "content": "Cockpit"},
]


class CockpitDash(Dash):
    """Dash whose first HTML response already holds the page (see cockpit.ui.ssr).

    Every page people use daily (home, domains, details, alerts, the Question screen,
    the national comparison, the dictionary), made of links, SVG, plain forms and
    download links, is served as that HTML alone: on a phone the Dash runtime costs
    0.9–3.6 s of main-thread work they have no use for. Only routes marked `live` (the
    national peer lists, unknown addresses) boot Dash; in-app navigation from there
    goes through the router callback.
    """

    engine: Engine

    def index(self, *args, **kwargs):
        page = super().index(*args, **kwargs)
        if route_of(request.path).live:
            return page  # the auth guard records the view when Dash asks for its layout
        audit("view", page=request.full_path.rstrip("?"), via="page")
        return DASH_RUNTIME.sub("", page)

    def interpolate_index(self, **kwargs) -> str:
        path, search = page_address(from_referrer=False)
        page = to_html(render_frame(self.engine, path, search))
        kwargs["app_entry"] = f'<div id="ssr" class="ssr">{page}</div>' + kwargs["app_entry"]
        kwargs["scripts"] = UNUSED_SCRIPTS.sub("", kwargs["scripts"])
        index = super().interpolate_index(**kwargs)
        lang = current_lang()
        return index.replace('<html lang="fr">', f'<html lang="{lang}">', 1)


_MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def install_export_route(server: Flask, engine: Engine) -> None:
    """GET /export/csv/finances?sort=…: the table on screen at that address, as a download
    (a plain link: the page needs no JavaScript to export)."""

    @server.get(f"{EXPORT_PREFIX}/<kind>/<path:page>")
    def export(kind: str, page: str):
        if kind not in _MIMETYPES:
            abort(404, description=f"unknown export format {kind!r} (csv or xlsx)")
        path = "/" + page
        search = "?" + request.query_string.decode() if request.query_string else ""
        model = table_for(engine, path, search)
        if model is None:
            abort(404, description=f"no table to export at {path}")
        lang = current_lang()
        audit("export", page=path + search, format=kind, rows=len(model.rows))
        data = to_xlsx(model, lang) if kind == "xlsx" else to_csv(model, lang)
        disposition = f'attachment; filename="{filename(model, kind)}"'
        return Response(
            data, mimetype=_MIMETYPES[kind], headers={"Content-Disposition": disposition}
        )


def create_dash(server: Flask, engine: Engine) -> Dash:
    app = CockpitDash(
        "cockpit",
        server=server,
        compress=True,
        assets_folder=str(ASSETS),
        assets_ignore=r"^sw\.js$",
        assets_path_ignore=["vendor", "icons"],
        title="Cockpit",
        update_title=None,
        suppress_callback_exceptions=True,
        meta_tags=META_TAGS,
        index_string=INDEX,
    )
    app.engine = engine

    def layout():
        path, search = page_address(from_referrer=True)
        return html.Div(
            [
                dcc.Location(id="url", refresh=False, pathname=path, search=search),
                html.Div(islands(render_frame(engine, path, search)), id="frame-root"),
            ],
            className="app",
        )

    app.layout = layout

    @app.callback(
        Output("frame-root", "children"),
        Input("url", "pathname"),
        Input("url", "search"),
        prevent_initial_call=True,
    )
    def navigate(pathname, search):
        audit("view", page=(pathname or "/") + (search or ""), via="navigation")
        return islands(render_frame(engine, pathname, search))

    install_export_route(server, engine)
    install_question_route(server, engine, app.index)
    install_pwa_routes(server, ASSETS)
    server.extensions["cockpit_dash"] = app
    return app
