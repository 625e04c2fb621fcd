"""A KPI card: label, status chip, value with unit, variations vs N-1 and target, sparkline.

The whole card is a link to the metric's detail page (one big touch target).
"""

from __future__ import annotations

from dash import dcc, html

from cockpit.engine.signals import trend
from cockpit.formatting import format_value
from cockpit.ui.components.sparkline import sparkline
from cockpit.ui.components.status import badges, status_chip
from cockpit.ui.figures import Kpi
from cockpit.ui.i18n import label_of, t


def kpi_card(item: Kpi, lang: str, href: str) -> dcc.Link:
    metric, figure = item.metric, item.figure
    label = label_of(metric.label, lang)
    body = [
        html.Div(
            [html.H3(label, className="card-label"), status_chip(metric, figure, lang)],
            className="card-top",
            **{"data-metric": metric.id, "data-direction": metric.direction},
        ),
        html.Div(
            [
                html.Div(
                    format_value(figure.value, metric.format, metric.unit, lang),
                    className="card-value",
                ),
                sparkline(item.trend, t("spark_alt", lang, label=label)),
            ],
            className="card-main",
        ),
        html.Div(badges(metric, figure, lang), className="card-deltas"),
    ]
    if item.ytd is not None and item.ytd.value is not None:
        ytd = item.ytd
        parts = [
            t("ytd", lang) + " ",
            html.B(format_value(ytd.value, metric.format, metric.unit, lang)),
        ]
        change = trend(metric, ytd.value, ytd.previous, lang)
        if change is not None:
            parts += [
                " · ",
                html.Span(f"{change.text} {t('vs_previous_year', lang)}", className="nowrap"),
            ]
        body.append(html.P(parts, className="card-ytd"))
    return dcc.Link(body, href=href, className=f"card card-{figure.status or 'none'}")
