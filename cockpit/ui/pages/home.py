"""« Aujourd'hui »: the latest complete month and the year to date as KPI cards, the year's
estimated landing against budget, then the first alerts (threshold, budget and seasonal,
worst first, each with its reasons) and a link to all of them.
"""

from __future__ import annotations

from dash import dcc, html

from cockpit.formatting import capitalised, month_name
from cockpit.ui.alerts import home_figures
from cockpit.ui.components.alert_list import alert_list, alert_summary
from cockpit.ui.components.kpi_card import kpi_card
from cockpit.ui.components.landing_card import landing_card
from cockpit.ui.components.pickers import establishment_switch
from cockpit.ui.figures import home_metric_ids
from cockpit.ui.i18n import t
from cockpit.ui.landings import home_landings
from cockpit.ui.pages import View
from cockpit.ui.pages.alerts import PATH as ALERTS_PATH

# Alerts shown on home; the alerts page lists them all.
HOME_ALERTS = 5


def render(view: View) -> tuple[str, list]:
    lang = view.lang
    month = view.latest
    home_view = View(
        view.engine,
        view.perimeter,
        lang,
        view.path,
        view.sel.with_(kind="month", month=None, pole=None, by=None, sort=None),
        view.first,
        view.latest,
        view.names,
    )
    placed = home_metric_ids(view.engine)
    cards, found, complete = home_figures(
        view.engine, view.perimeter, placed, month, home_view.filters
    )
    landings = home_landings(view.engine, view.perimeter, home_view.filters)
    all_alerts = home_view.href(ALERTS_PATH)
    title = t("tab_home", lang)
    head = html.Header(
        [
            html.H1(title),
            html.P(
                [
                    capitalised(month_name(month, lang)),
                    " · ",
                    t("ytd", lang).lower(),
                    " · ",
                    home_view.scope_text,
                ],
                className="page-sub",
            ),
            alert_summary(found, all_alerts, lang),
            establishment_switch("/", home_view.sel, view.names, lang),
        ],
        className="page-head",
    )
    grid = html.Section(
        [html.H2(t("key_figures", lang), className="sr-only")]
        + [kpi_card(item, lang, home_view.metric_href(item.metric.id)) for item in cards],
        className="cards",
        **{"aria-label": t("figures_of", lang, period=month_name(month, lang))},
    )
    landing = landing_card(landings, home_view.metric_href, lang)
    more = (
        html.P(dcc.Link(t("all_alerts", lang, n=len(found)), href=all_alerts), className="more")
        if len(found) > HOME_ALERTS
        else None
    )
    alert_block = html.Section(
        [
            html.H2(t("alerts", lang), id="alertes"),
            html.P(t("alerts_hint", lang) if found else t("alerts_none", lang), className="muted"),
            None if complete else html.P(t("seasonal_pending", lang), className="muted"),
            alert_list(
                found[:HOME_ALERTS], home_view.metric_href, lang, home_view.several_establishments
            )
            if found
            else None,
            more,
        ],
        className="alerts",
    )
    return title, [head, grid, landing, alert_block]
