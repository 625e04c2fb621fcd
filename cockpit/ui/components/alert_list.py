"""The alert list (home and the alerts page): each alert a link to its metric, with its status
chip and the engine's sentence naming the side of its target, threshold or budget."""

from __future__ import annotations

from dash import dcc, html

from cockpit.engine.alerts import Alert, status_reason
from cockpit.engine.signals import trend
from cockpit.ui.components.status import status_chip
from cockpit.ui.i18n import label_of, t


def reason(item: Alert, lang: str) -> str:
    """Why a metric is on alert, in one line: the side it is on, then the change vs N-1."""
    metric, figure = item.metric, item.figure
    text = status_reason(metric, figure, lang) or ""
    change = trend(metric, figure.value, figure.previous, lang)
    if change is not None:
        text += " · " + t("reason_previous", lang, delta=change.text)
    return text


def _alert_item(item: Alert, href: str, lang: str) -> html.Li:
    return html.Li(
        dcc.Link(
            [
                status_chip(item.metric, item.figure, lang),
                html.Span(
                    [
                        html.Strong(label_of(item.metric.label, lang), className="alert-label"),
                        html.Span(reason(item, lang), className="alert-reason"),
                    ],
                    className="alert-text",
                    **{"data-metric": item.metric.id, "data-kind": item.kind},
                ),
            ],
            href=href,
            className=f"alert alert-{item.figure.status}",
        )
    )


def alert_list(found: list[Alert], href_of, lang: str) -> html.Ul:
    return html.Ul(
        [_alert_item(a, href_of(a.metric.id), lang) for a in found], className="alert-list"
    )


def alert_summary(found: list[Alert], href: str, lang: str) -> html.P | None:
    """« 3 en alerte · 5 à surveiller », a link to the list."""
    reds = sum(1 for a in found if a.figure.status == "red")
    ambers = len(found) - reds
    if not found:
        return None
    parts = []
    if reds:
        parts.append(html.Span(t("count_red", lang, n=reds), className="pill pill-red"))
    if ambers:
        parts.append(html.Span(t("count_amber", lang, n=ambers), className="pill pill-amber"))
    return html.P(dcc.Link(parts, href=href, className="pills"), className="summary")
