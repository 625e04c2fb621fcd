"""« Alertes »: every alert of a month (threshold, budget and seasonal, one per metric × scope,
worst first), in the user's perimeter, with a month stepper and the establishment switch."""

from __future__ import annotations

from dash import html

from cockpit.formatting import capitalised, month_name
from cockpit.ui.alerts import alerts_of_month
from cockpit.ui.components.alert_list import alert_list, alert_summary
from cockpit.ui.components.pickers import establishment_switch, month_stepper
from cockpit.ui.i18n import t
from cockpit.ui.pages import View

PATH = "/alertes"


def render(view: View) -> tuple[str, list]:
    lang = view.lang
    month = view.sel.end_month(view.latest, view.first)
    monthly = view.sel.with_(kind="month", pole=None, by=None, sort=None)
    found = alerts_of_month(view.engine, view.perimeter, month, monthly.filters())
    title = t("alerts", lang)
    head = html.Header(
        [
            html.H1(title),
            html.P(
                [capitalised(month_name(month, lang)), " · ", view.scope_text],
                className="page-sub",
            ),
            alert_summary(found, "#alertes", lang),
            month_stepper(PATH, monthly, view.latest, view.first, lang),
            establishment_switch(PATH, monthly, view.names, lang),
        ],
        className="page-head",
    )
    body = html.Section(
        [
            html.H2(t("alerts_hint", lang) if found else t("alerts_none", lang), id="alertes"),
            alert_list(found, view.metric_href, lang, view.several_establishments)
            if found
            else None,
        ],
        className="alerts",
    )
    return title, [head, body]
