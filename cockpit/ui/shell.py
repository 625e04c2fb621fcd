"""The frame around every page: top bar (name, scope, period, desktop nav, language), the
offline banner, the page itself and the phone's bottom tab bar; and `render_frame`,
the one function that turns an address into that frame for the current user.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from urllib.parse import quote

from dash import dcc, html

from cockpit.auth import current_perimeter, current_role, safe_next
from cockpit.engine import Engine, WarehouseMissing
from cockpit.formatting import timestamp
from cockpit.ui.components.freshness import freshness_note
from cockpit.ui.figures import data_span, establishments
from cockpit.ui.i18n import current_lang, t
from cockpit.ui.pages import View
from cockpit.ui.router import DETAIL_PREFIX, route_of
from cockpit.ui.selection import Selection

TABS = (
    ("home", "/", "tab_home"),
    ("activity", "/activite", "tab_activity"),
    ("hr", "/rh", "tab_hr"),
    ("finance", "/finances", "tab_finance"),
    ("national", "/comparaison", "tab_national"),
    ("question", "/question", "tab_question"),
)
# The desktop navigation adds the indicator dictionary for those who work on definitions and
# figures; everyone reaches it from a detail page's « Comment c'est calculé ».
DICTIONARY_TAB = ("dictionary", "/dictionnaire", "nav_dictionary")
DICTIONARY_IN_NAV_FOR = ("analyst", "controller")


def _nav_links(view: View | None, active: str, lang: str, css: str) -> list:
    tabs = TABS
    if css == "topnav-link" and current_role() in DICTIONARY_IN_NAV_FOR:
        tabs = (*TABS, DICTIONARY_TAB)
    links = []
    for tab, path, key in tabs:
        href = (
            view.href(path, pole=None, by=None, sort=None) if view and tab != "question" else path
        )
        # The icon is a CSS mask drawn before the text (.icon-home::before): one component.
        classes = f"{css} icon-{tab}" + (" on" if tab == active else "")
        links.append(dcc.Link(t(key, lang), href=href, className=classes))
    return links


def _top_bar(view: View | None, active: str, lang: str, address: str) -> html.Header:
    other = t("other_lang_code", lang)
    context = None
    if view is not None:
        period = (
            view.period_text
            if active not in ("home", "question", "national")
            else View(
                view.engine,
                view.perimeter,
                lang,
                view.path,
                Selection(),
                view.first,
                view.latest,
                view.names,
            ).period_text
        )
        context = html.Div(
            [
                html.Span(view.scope_short, className="ctx-scope"),
                html.Span(period, className="ctx-period"),
            ],
            className="context",
        )
    return html.Header(
        [
            dcc.Link(
                [
                    html.Img(
                        src="/assets/icons/icon.svg", alt="", width=28, height=28, className="logo"
                    ),
                    html.Span(t("app_name", lang), className="brand-name"),
                ],
                href="/",
                className="brand",
            ),
            context,
            html.Nav(
                _nav_links(view, active, lang, "topnav-link"),
                className="topnav",
                **{"aria-label": t("nav_label", lang)},
            ),
            html.A(
                t("other_lang", lang),
                href=f"/lang/{other}?next={quote(address, safe='/')}",
                className="lang",
                lang=other,
                hrefLang=other,
            ),
            # A page that asks to confirm: logging out is a POST with a CSRF token.
            html.A(
                html.Span(t("logout", lang), className="sr-only"),
                href="/logout",
                className="logout icon-logout",
                title=t("logout", lang),
            ),
        ],
        className="topbar",
    )


def frame(view: View | None, active: str, children: list, lang: str, address: str) -> html.Div:
    fetched = timestamp(datetime.now(), lang)
    if view is not None:
        children = [freshness_note(view.engine.freshness(), lang), *children]
    return html.Div(
        [
            html.A(t("skip", lang), href="#page", className="skip-link"),
            _top_bar(view, active, lang, address),
            html.Div(
                [
                    html.Span(t("offline", lang, date=fetched)),
                    " ",
                    html.A(t("reload", lang), href=safe_next(address)),
                ],
                className="offline-banner",
                role="status",
            ),
            html.Main(children, id="page", className="page", **{"data-page": active}),
            html.Nav(
                _nav_links(view, active, lang, "tabbar-link"),
                className="tabbar",
                **{"aria-label": t("nav_label", lang)},
            ),
        ],
        className="frame",
        **{"data-lang": lang},
    )


def render_frame(engine: Engine, path: str | None, search: str | None) -> html.Div:
    """The whole frame for an address, for the user of this request (perimeter read now)."""
    path = path or "/"
    search = search or ""
    lang = current_lang()
    address = path + search
    perimeter = current_perimeter()
    try:
        span = data_span(engine)
    except WarehouseMissing:
        span = None
    if span is None:
        notice = html.Section(html.P(t("no_warehouse", lang)), className="panel notice")
        return frame(None, "none", [notice], lang, address)
    names = establishments(engine, perimeter)
    sel = Selection.parse(search)
    if sel.establishment and sel.establishment not in names:
        sel = sel.with_(establishment=None)
    view = View(engine, perimeter, lang, path, sel, span[0], span[1], names)
    route = route_of(path, engine)
    if route.select is not None:  # the top bar then names what the page shows
        view = replace(view, sel=route.select(view))
    active = route.tab
    if active == "detail":
        metric = engine.metric(path.rstrip("/")[len(DETAIL_PREFIX) :])
        active = metric.page
    title, children = route.render(view)
    return frame(view, active, children, lang, address)


def table_for(engine: Engine, path: str | None, search: str | None):
    """The table on screen at an address (None when the page has none), for the export."""
    span = data_span(engine)
    route = route_of(path or "/", engine)
    if span is None or route.table is None:
        return None
    perimeter = current_perimeter()
    names = establishments(engine, perimeter)
    sel = Selection.parse(search)
    if sel.establishment and sel.establishment not in names:
        sel = sel.with_(establishment=None)
    view = View(engine, perimeter, current_lang(), path or "/", sel, span[0], span[1], names)
    return route.table(view).sorted(sel.sort, sel.ascending)
