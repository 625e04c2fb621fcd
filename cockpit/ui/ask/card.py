"""The answer card: the question asked, then the figure with its unit and period, the
sentence, a small chart and how it was computed; or the question back with tappable
choices; or a plain refusal. Built from the answer JSON of `cockpit.nl.ask`.
"""

from __future__ import annotations

from typing import Any

from dash import html
from dash.development.base_component import Component

from cockpit.catalog.dimensions import DimensionRegistry
from cockpit.catalog.model import Metric
from cockpit.engine.figures import Figure
from cockpit.ui.ask.forms import asking_button
from cockpit.ui.ask.how import dimension_label, grouping_text
from cockpit.ui.ask.visual import bucket_text, chart, formatter, headline, shape
from cockpit.ui.components.status import previous_badge, target_badge
from cockpit.ui.i18n import label_of, t

MAX_TABLE_ROWS = 60


def quoted(question: str, lang: str) -> html.P:
    text = f"« {question} »" if lang == "fr" else f"“{question}”"
    return html.P(text, className="ask-said")


def _badges(answer: dict[str, Any], metric: Metric, lang: str) -> html.Div | None:
    """The comparison asked for, beside the headline figure (a series': its last month)."""
    compare, kind = answer.get("compare"), shape(answer)
    if kind == "single":
        value, reference = answer.get("value"), answer.get("compare_value")
    elif kind == "series":
        known = [r for r in answer["rows"] if r.get("value") is not None]
        value, reference = (
            (known[-1]["value"], known[-1].get("compare_value")) if known else (None, None)
        )
    else:
        return None
    if compare is None or value is None or reference is None:
        return None
    if compare == "previous_year":
        badge = previous_badge(metric, Figure(value, previous=reference), lang)
    else:
        badge = target_badge(metric, Figure(value, target=reference, reference=compare), lang)
    return html.Div(badge, className="card-deltas") if badge else None


def _table(
    answer: dict[str, Any], metric: Metric, lang: str, dimensions: DimensionRegistry
) -> html.Div:
    """Rows no small chart reads well (a series per pole…): a plain table."""
    fmt = formatter(metric, lang)
    group_by = answer.get("group_by") or []
    named = [dimension_label(dimensions, d, lang) for d in group_by]
    head = [t("col_period", lang), *named, t("col_value", lang)]
    body = [
        html.Tr(
            [
                html.Td(bucket_text(str(r.get("period")), answer.get("grain"), lang)),
                *(html.Td(str(r.get(d))) for d in group_by),
                html.Td(fmt(r.get("value")), className="num"),
            ]
        )
        for r in answer["rows"][:MAX_TABLE_ROWS]
    ]
    return html.Div(
        html.Table(
            [html.Thead(html.Tr([html.Th(h) for h in head])), html.Tbody(body)], className="table"
        ),
        className="table-wrap",
    )


def answered_card(
    answer: dict[str, Any],
    metric: Metric,
    lang: str,
    *,
    question: str,
    scope: str,
    period_text: str,
    how: html.Details,
    dimensions: DimensionRegistry,
    context_rows: list[dict] | None = None,
    landing: Component | None = None,
) -> html.Section:
    """The answer: the figure, the sentence, its chart (for a landing: `landing`, the year
    so far and the projection) and how it was computed."""
    head = headline(answer, metric, lang, scope)
    parts: list = [quoted(question, lang)]
    if head is not None:
        parts.append(
            html.Div(
                [
                    html.P(head.value, className="big-value"),
                    html.P(head.caption, className="ask-caption"),
                    _badges(answer, metric, lang),
                ],
                className="ask-headline",
            )
        )
    parts.append(html.P(answer.get("answer") or "", className="ask-sentence"))
    drawn = chart(answer, metric, lang, period_text, context_rows)
    if drawn is not None:
        figure, left_out = drawn
        parts.append(figure)
        if left_out:
            parts.append(html.P(t("ask_more_rows", lang, n=left_out), className="muted"))
    elif landing is not None:
        parts.append(landing)
    elif shape(answer) == "table":
        parts.append(_table(answer, metric, lang, dimensions))
    parts.append(how)
    return html.Section(parts, className="panel ask-card ask-answered")


def clarify_card(answer: dict[str, Any], lang: str, *, question: str) -> html.Section:
    """The question back, each choice a button that runs its plan (or asks its label)."""
    choices = []
    for choice in answer.get("choices") or []:
        if choice.get("plan") is not None:
            tap = asking_button(
                choice["label"], "ask-choice", choice=choice["plan"], asked=question
            )
        else:
            tap = asking_button(choice["label"], "ask-choice", question=choice["label"])
        choices.append(tap)
    return html.Section(
        [
            quoted(question, lang),
            html.H2(t("ask_clarify", lang)),
            html.P(answer.get("answer") or "", className="ask-sentence"),
            html.Div(
                choices,
                className="ask-choices",
                role="group",
                **{"aria-label": t("ask_clarify", lang)},
            ),
        ],
        className="panel ask-card ask-clarify",
    )


def refused_card(
    answer: dict[str, Any],
    lang: str,
    *,
    question: str,
    perimeter: str | None = None,
    outside: bool = False,
) -> html.Section:
    """A refusal; for a restricted user, their perimeter, and when the question reached past
    it, that reason in the page's language."""
    title, reason = t("ask_refused", lang), answer.get("answer") or ""
    if outside and perimeter is not None:
        title, reason = t("ask_outside", lang), t("ask_outside_reason", lang, perimeter=perimeter)
    parts = [quoted(question, lang), html.H2(title), html.P(reason, className="ask-sentence")]
    if perimeter is not None and not outside:
        parts.append(html.P(t("ask_your_perimeter", lang, perimeter=perimeter), className="muted"))
    parts.append(html.P(t("ask_refused_hint", lang), className="muted"))
    return html.Section(parts, className="panel ask-card ask-refused")


def notice_card(message: str) -> html.Section:
    return html.Section(html.P(message), className="panel ask-card ask-refused")


def context_label(
    answer: dict[str, Any],
    metric: Metric,
    lang: str,
    period_text: str,
    dimensions: DimensionRegistry,
) -> str:
    """What a follow-up builds on, in one line: « Taux d'occupation des lits · Chirurgie ·
    Mars 2026 », « Coût de l'intérim · par pôle, le plus élevé · Janv. – oct. 2026 »."""
    parts = [label_of(metric.label, lang), *(answer.get("filters") or {}).values()]
    grouping = grouping_text(answer, dimensions, lang)
    return " · ".join([*parts, *([grouping] if grouping else []), period_text])
