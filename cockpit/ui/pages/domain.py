"""Domain pages (Activité, Ressources humaines, Finances): the domain's metrics with data in
the user's perimeter as cards for the chosen period and establishment, and on a desktop,
first, a dense sortable table to export.
"""

from __future__ import annotations

from dash import html

from cockpit.ui.components.kpi_card import kpi_card
from cockpit.ui.components.pickers import establishment_switch, period_picker
from cockpit.ui.components.table import TableModel, sortable_table
from cockpit.ui.export import EXPORT_PREFIX
from cockpit.ui.figures import domain_metrics, kpis
from cockpit.ui.i18n import t
from cockpit.ui.pages import View
from cockpit.ui.tables import metrics_table

PATHS = {"activity": "/activite", "hr": "/rh", "finance": "/finances"}
TITLES = {"activity": "page_activity", "hr": "page_hr", "finance": "page_finance"}


def _items(view: View, domain: str):
    ids = [m.id for m in domain_metrics(view.engine, domain)]
    return kpis(view.engine, view.perimeter, ids, view.period, view.filters)


def table(view: View, domain: str, items=None) -> TableModel:
    title = t(TITLES[domain], view.lang)
    return metrics_table(
        f"{title} — {view.period_text} — {view.scope_text}",
        items if items is not None else _items(view, domain),
        view.lang,
        view.metric_href,
        view.period_text,
        filename=f"cockpit-{PATHS[domain].strip('/')}",
    )


def export_links(view: View, path: str) -> html.Div:
    """Download links for the table on screen (same address, same sort)."""
    address = view.href(path)
    return html.Div(
        [
            html.A(
                t(f"export_{kind}", view.lang),
                href=f"{EXPORT_PREFIX}/{kind}{address}",
                className="button",
                download="",
                **{"data-export": kind},
            )
            for kind in ("csv", "xlsx")
        ],
        className="export",
        title=t("export_hint", view.lang),
    )


def page_head(view: View, title: str, path: str, extra=None) -> html.Header:
    return html.Header(
        [
            extra,
            html.H1(title),
            html.P([view.period_text, " · ", view.scope_text], className="page-sub"),
            period_picker(path, view.sel, view.latest, view.first, view.lang),
            establishment_switch(path, view.sel, view.names, view.lang),
        ],
        className="page-head",
    )


def render(view: View, domain: str) -> tuple[str, list]:
    lang, path = view.lang, PATHS[domain]
    title = t(TITLES[domain], lang)
    items = _items(view, domain)
    grid = html.Section(
        [html.H2(t("key_figures", lang), className="sr-only")]
        + [kpi_card(item, lang, view.metric_href(item.metric.id)) for item in items],
        className="cards",
        **{"aria-label": t("figures_of", lang, period=view.period_text)},
    )
    dense = html.Section(
        [
            html.Div(
                [html.H2(t("table_title", lang)), export_links(view, path)],
                className="section-head",
            ),
            sortable_table(table(view, domain, items), path, view.sel, lang),
        ],
        className="wide-only dense",
    )
    # On a desktop the table comes first (a controller reads it); a phone gets the cards.
    return title, [page_head(view, title, path), dense, grid]
