"""The home page's landing card: for each metric its estimated year-end figure, the 80 %
interval, the budget beside it with the chip and badge of the one signals rule, and each
row a link to the metric's detail page (where the chart continues to December)."""

from __future__ import annotations

from collections.abc import Callable

from dash import dcc, html

from cockpit.forecast.notes import BudgetNote
from cockpit.formatting import capitalised, format_value, month_word
from cockpit.ui.components.status import status_chip, target_badge
from cockpit.ui.i18n import label_of, t
from cockpit.ui.landings import LandingItem


def interval_words(low: float | None, high: float | None, shown, lang: str) -> str:
    """« entre 11,0 M€ et 13,5 M€ », or that there is no interval yet."""
    if low is None or high is None:
        return t("landing_no_interval", lang)
    return t("landing_interval", lang, low=shown(low), high=shown(high))


def interval_text(item: LandingItem, lang: str) -> str:
    metric = item.metric

    def shown(value: float) -> str:
        return format_value(value, metric.format, metric.unit, lang)

    return interval_words(item.landing.low, item.landing.high, shown, lang)


def _budget_line(item: LandingItem, lang: str) -> html.P:
    metric, figure = item.metric, item.figure
    if figure.target is None:
        why = next((n.said(lang) for n in item.landing.notes if isinstance(n, BudgetNote)), None)
        text = capitalised(why) if why else t("landing_no_budget", lang)
        if not why and not item.has_budget:
            text = t("landing_budgetless", lang)
        return html.P(text, className="landing-budget muted")
    budget = format_value(figure.target, metric.format, metric.unit, lang)
    badge = target_badge(metric, figure, lang)
    return html.P([t("landing_budget", lang, budget=budget), " · ", badge] if badge else
                  t("landing_budget", lang, budget=budget), className="landing-budget")  # fmt: skip


def _row(item: LandingItem, href: str, lang: str) -> html.Li:
    metric, figure = item.metric, item.figure
    label = label_of(metric.label, lang)
    # The chip and its colour only against a budget: a landing has no target nor threshold.
    judged = figure.reference == "budget"
    top = html.Div(
        [html.H3(label, className="card-label"), status_chip(metric, figure, lang) if judged
         else None],
        className="card-top",
        **{"data-metric": metric.id, **({"data-direction": metric.direction} if judged else {})},
    )  # fmt: skip
    if item.landing is None:
        body = [top, html.P(t("landing_refused", lang, reason=item.refusal_text(lang)),
                            className="landing-refused muted")]  # fmt: skip
    else:
        body = [
            top,
            html.Div(
                format_value(figure.value, metric.format, metric.unit, lang),
                className="landing-value",
            ),  # fmt: skip
            html.P(interval_text(item, lang), className="landing-range"),
            _budget_line(item, lang),
        ]
    return html.Li(
        dcc.Link(body, href=href, className=f"landing-row card-{figure.status or 'none'}")
    )


def landing_card(items: list[LandingItem], href_of: Callable[[str], str], lang: str):
    """The section, or None when no metric could be landed nor refused (empty warehouse)."""
    landed = [i.landing for i in items if i.landing is not None]
    if not items:
        return None
    head = [html.H2(t("landing_title", lang, year=landed[0].year) if landed
                    else t("landing_estimated", lang), id="atterrissage")]  # fmt: skip
    if landed:
        month = month_word(landed[0].as_of, lang)
        head.append(html.P(t("landing_sub", lang, month=month), className="muted"))
    return html.Section(
        [
            *head,
            html.Ul([_row(i, href_of(i.metric.id), lang) for i in items], className="landing-list"),
        ],  # fmt: skip
        className="landing",
        **{"aria-labelledby": "atterrissage"},
    )
