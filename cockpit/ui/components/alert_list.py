"""The alert list (home and the alerts page): one entry per metric × scope, each a link to its
metric with the chip of its worst reason and one line per reason — the side of its target,
threshold or budget, or how far it is from what the season predicts."""

from __future__ import annotations

from dash import dcc, html

from cockpit.engine.alerts import Alert, status_reason
from cockpit.engine.signals import trend
from cockpit.forecast import ListedAlert, SeasonalAlert
from cockpit.forecast.alert_text import season_reason
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


def _reason_line(item: Alert | SeasonalAlert, lang: str, whole: bool) -> html.Span:
    """One reason; a seasonal one says where (the establishment too when the list covers
    several)."""
    if isinstance(item, SeasonalAlert):
        where = " · ".join(value for dimension, value in item.scope
                           if whole or dimension != "establishment")  # fmt: skip
        text = season_reason(item, lang) + (f" · {where}" if where else "")
    else:
        text = reason(item, lang)
    return html.Span(text, className="alert-reason")


def _chip(item: ListedAlert, lang: str) -> html.Span:
    first = item.first
    if isinstance(first, Alert):
        return status_chip(first.metric, first.figure, lang)
    colour = {"info": "none"}.get(item.severity, item.severity)
    return html.Span(t(f"status_{item.severity}", lang), className=f"chip chip-{colour}",
                     **{"data-status": item.severity, "data-reference": "seasonal"})  # fmt: skip


def _alert_item(item: ListedAlert, href: str, lang: str, whole: bool) -> html.Li:
    return html.Li(
        dcc.Link(
            [
                _chip(item, lang),
                html.Span(
                    [
                        html.Strong(label_of(item.metric.label, lang), className="alert-label"),
                        *(_reason_line(r, lang, whole) for r in item.reasons),
                    ],
                    className="alert-text",
                    **{
                        "data-metric": item.metric.id,
                        "data-kind": " ".join(item.kinds),
                        "data-severity": item.severity,
                    },
                ),
            ],
            href=href,
            className=f"alert alert-{item.severity}",
        )
    )


def alert_list(found: list[ListedAlert], href_of, lang: str, whole: bool = False) -> html.Ul:
    """The list; `whole` when it covers several establishments (each line then names its)."""
    return html.Ul(
        [_alert_item(a, href_of(a.metric.id), lang, whole) for a in found], className="alert-list"
    )


def alert_summary(found: list[ListedAlert], href: str, lang: str) -> html.P | None:
    """« 3 en alerte · 5 à surveiller · 2 à noter », a link to the list."""
    if not found:
        return None
    counts = {s: sum(1 for a in found if a.severity == s) for s in ("red", "amber", "info")}
    pills = [
        html.Span(t(f"count_{severity}", lang, n=n), className=f"pill pill-{severity}")
        for severity, n in counts.items()
        if n
    ]
    return html.P(dcc.Link(pills, href=href, className="pills"), className="summary")
