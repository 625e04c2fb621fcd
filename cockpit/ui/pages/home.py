"""« Aujourd'hui »: the latest complete month and the year to date as KPI cards, then the
alerts (metrics in red or amber, worst first, each with a one-line reason).
"""

from __future__ import annotations

from dash import dcc, html

from cockpit.formatting import capitalised, format_value, month_name
from cockpit.ui.alerts import Alert, home_figures
from cockpit.ui.components.kpi_card import kpi_card
from cockpit.ui.components.pickers import establishment_switch
from cockpit.ui.components.status import status_chip, variation_text
from cockpit.ui.figures import HOME_METRICS
from cockpit.ui.i18n import label_of, t
from cockpit.ui.pages import View


def reason(item: Alert, lang: str) -> str:
    """Why a metric is on alert, in one line."""
    metric, figure = item.metric, item.figure
    value = format_value(figure.value, metric.format, metric.unit, lang)
    if figure.target is not None:
        key = "reason_budget" if figure.target_kind == "budget" else "reason_target"
        text = t(
            key,
            lang,
            value=value,
            target=format_value(figure.target, metric.format, metric.unit, lang),
        )
    else:
        text = t("reason_threshold", lang, value=value)
    if figure.previous is not None:
        delta = variation_text(metric, figure.value, figure.previous, lang)
        text += " · " + t("reason_previous", lang, delta=delta)
    return text


def _alert_item(item: Alert, view: View) -> html.Li:
    lang = view.lang
    return html.Li(
        dcc.Link(
            [
                status_chip(item.figure.status, lang),
                html.Span(
                    [
                        html.Strong(label_of(item.metric.label, lang), className="alert-label"),
                        html.Span(reason(item, lang), className="alert-reason"),
                    ],
                    className="alert-text",
                ),
            ],
            href=view.metric_href(item.metric.id),
            className=f"alert alert-{item.figure.status}",
        )
    )


def _summary(found: list[Alert], lang: str) -> html.P | None:
    reds = sum(1 for a in found if a.figure.status == "red")
    ambers = len(found) - reds
    if not found:
        return None
    parts = []
    if reds:
        parts.append(
            html.Span(
                t("count_red", lang, n=reds),
                className="pill pill-red",
            )
        )
    if ambers:
        parts.append(
            html.Span(
                t("count_amber", lang, n=ambers),
                className="pill pill-amber",
            )
        )
    return html.P(html.A(parts, href="#alertes", className="pills"), className="summary")


def render(view: View) -> tuple[str, list]:
    lang = view.lang
    month = view.latest
    home_view = View(
        view.engine,
        view.perimeter,
        lang,
        view.path,
        view.sel.with_(kind="month", month=None, pole=None, sort=None),
        view.first,
        view.latest,
        view.names,
    )
    cards, found = home_figures(view.engine, view.perimeter, HOME_METRICS, month, home_view.filters)
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
            _summary(found, lang),
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
    alert_block = html.Section(
        [
            html.H2(t("alerts", lang), id="alertes"),
            html.P(t("alerts_hint", lang) if found else t("alerts_none", lang), className="muted"),
            html.Ul([_alert_item(a, home_view) for a in found], className="alert-list")
            if found
            else None,
        ],
        className="alerts",
    )
    return title, [head, grid, alert_block]
