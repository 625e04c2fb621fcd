"""A KPI card: label, status chip, value with unit, variations vs N-1 and target, sparkline.

The whole card is a link to the metric's detail page (one big touch target).
"""

from __future__ import annotations

from dash import dcc, html

from cockpit.formatting import format_value
from cockpit.ui.components.sparkline import sparkline
from cockpit.ui.components.status import previous_badge, status_chip, target_badge, variation_text
from cockpit.ui.figures import Kpi
from cockpit.ui.i18n import label_of, t


def kpi_card(item: Kpi, lang: str, href: str) -> dcc.Link:
    metric, figure = item.metric, item.figure
    label = label_of(metric.label, lang)
    badges = [
        b
        for b in (previous_badge(metric, figure, lang), target_badge(metric, figure, lang))
        if b is not None
    ]
    body = [
        html.Div(
            [html.H3(label, className="card-label"), status_chip(figure.status, lang)],
            className="card-top",
            **{"data-metric": metric.id},
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
        html.Div(badges, className="card-deltas"),
    ]
    if item.ytd is not None and item.ytd.value is not None:
        ytd = item.ytd
        parts = [
            t("ytd", lang) + " ",
            html.B(format_value(ytd.value, metric.format, metric.unit, lang)),
        ]
        if ytd.previous is not None:
            delta = variation_text(metric, ytd.value, ytd.previous, lang)
            parts += [
                " · ",
                html.Span(f"{delta} {t('vs_previous_year', lang)}", className="nowrap"),
            ]
        body.append(html.P(parts, className="card-ytd"))
    return dcc.Link(body, href=href, className=f"card card-{figure.status or 'none'}")
