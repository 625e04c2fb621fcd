"""What an answer looks like: its shape (one figure, a series, bars, a table), its headline
figure and its chart, read from the answer JSON of `cockpit.nl.ask` (SPEC §6).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import html
from dash.development.base_component import Component

from cockpit.catalog.model import Metric
from cockpit.formatting import capitalised, format_date_short, format_value, month_name
from cockpit.periods import parse_month
from cockpit.ui.ask.chart import Bar, bar_chart
from cockpit.ui.components.chart import monthly_chart
from cockpit.ui.components.landing_card import interval_words
from cockpit.ui.components.raw_html import RawHtml
from cockpit.ui.figures import Point
from cockpit.ui.i18n import label_of, t

MAX_BARS = 15
RUNNERS_UP = 5  # bars after a ranking's winners, to show by how much they win


@dataclass(frozen=True)
class Headline:
    value: str
    caption: str


def shape(answer: dict[str, Any]) -> str:
    """single | series | bars | table | empty."""
    rows = answer.get("rows")
    if rows is None:
        return "single"
    if not rows:
        return "empty"
    grain, group_by = answer.get("grain"), answer.get("group_by") or []
    if grain and not group_by:
        return "series"
    if len(group_by) == 1 and not grain:
        return "bars"
    return "table"


def bucket_text(period: str, grain: str | None, lang: str, short: bool = False) -> str:
    """A row's period as people say it: « janv. 26 » / « janvier 2026 », « T1 2026 », « 2026 »."""
    if grain == "quarter" and "-Q" in period:
        year, quarter = period.split("-Q")
        return t("period_quarter_label", lang, q=quarter, year=year)
    if grain == "year" or len(period) != 7:
        return period
    month = parse_month(period)
    return format_date_short(month, lang) if short else month_name(month, lang)


def formatter(metric: Metric, lang: str):
    return lambda value: format_value(value, metric.format, metric.unit, lang)


def name_of(row: dict[str, Any], group_by: list[str]) -> str:
    return " · ".join(str(row.get(d) if row.get(d) is not None else "–") for d in group_by)


def headline(answer: dict[str, Any], metric: Metric, lang: str, scope: str) -> Headline | None:
    """The big figure: the value; a series' last month; a ranking's winner."""
    fmt = formatter(metric, lang)
    kind = shape(answer)
    if kind == "single" and (forecast := answer.get("forecast")):
        interval = interval_words(forecast["low"], forecast["high"], fmt, lang)
        caption = f"{t('landing_estimated', lang)} {forecast['year']} · {interval}"
        return Headline(fmt(answer.get("value")), f"{caption} · {scope}" if scope else caption)
    if kind == "single":
        return Headline(fmt(answer.get("value")), scope)
    rows = answer.get("rows") or []
    if kind == "series":
        known = [r for r in rows if r.get("value") is not None]
        if not known:
            return None
        last = known[-1]
        grain = answer.get("grain")
        when = capitalised(bucket_text(str(last["period"]), grain, lang))
        return Headline(fmt(last["value"]), t(f"ask_latest_{grain}", lang, period=when))
    if kind == "bars" and answer.get("rank") and rows:
        winner = rows[0]
        return Headline(fmt(winner.get("value")), name_of(winner, answer["group_by"]))
    return None


def ranked_bars(answer: dict[str, Any], context_rows: list[dict] | None) -> list[Bar]:
    """A ranking's rows, winners first and highlighted, followed by the runners-up from
    `context_rows` (the same plan without its cut) when given."""
    group_by = answer["group_by"]
    winners = [name_of(r, group_by) for r in answer["rows"]]
    bars = [Bar(name_of(r, group_by), r.get("value"), True) for r in answer["rows"]]
    for row in context_rows or []:
        name = name_of(row, group_by)
        if name not in winners:
            bars.append(Bar(name, row.get("value")))
    return bars


def breakdown_bars(answer: dict[str, Any]) -> list[Bar]:
    """A breakdown's rows, largest first, rows without a value last."""
    group_by = answer["group_by"]
    rows = sorted(answer["rows"], key=lambda r: (r.get("value") is None, -(r.get("value") or 0)))
    return [Bar(name_of(r, group_by), r.get("value")) for r in rows]


def _chart_title(label: str, period_text: str, items: list[str], lang: str) -> str:
    sep = " : " if lang == "fr" else ": "
    return f"{label}, {period_text}{sep}" + " ; ".join(items)


def _monthly_points(answer: dict[str, Any]) -> list[Point]:
    """A monthly series as the detail page's chart reads it; the comparison asked for is
    last year's line, the target's or the budget's."""
    compare = answer.get("compare")
    points = []
    for row in answer["rows"]:
        reference = row.get("compare_value")
        points.append(
            Point(
                parse_month(str(row["period"])),
                row.get("value"),
                reference if compare == "previous_year" else None,
                reference if compare == "target" else None,
                reference if compare == "budget" else None,
            )
        )
    return points


def chart(
    answer: dict[str, Any],
    metric: Metric,
    lang: str,
    period_text: str,
    context_rows: list[dict] | None = None,
) -> tuple[Component, int] | None:
    """(chart, rows left out) for a series or bars; None for a single figure or a table.

    A monthly series is drawn like the detail page's chart; quarters, years, breakdowns
    and rankings as bars. Either way the chart is one image named with all its figures.
    """
    fmt = formatter(metric, lang)
    label = label_of(metric.label, lang)
    kind = shape(answer)
    if kind == "series":
        grain, rows = answer.get("grain"), answer["rows"]
        items = [
            f"{bucket_text(str(r['period']), grain, lang)} {fmt(r.get('value'))}" for r in rows
        ]
        title = _chart_title(label, period_text, items, lang)
        if grain == "month":
            drawn = monthly_chart(metric, _monthly_points(answer), lang)
            return html.Div(drawn, role="img", className="ask-chart", **{"aria-label": title}), 0
        bars = [Bar(bucket_text(str(r["period"]), grain, lang), r.get("value")) for r in rows]
        return _figure(bar_chart(bars, fmt, title)), 0
    if kind == "bars":
        if answer.get("rank"):
            bars, room = ranked_bars(answer, context_rows), len(answer["rows"]) + RUNNERS_UP
        else:
            bars, room = breakdown_bars(answer), MAX_BARS
        if len(bars) == room + 1:  # « and 1 more row » would take that row's own place
            room += 1
        shown, left_out = bars[:room], max(len(bars) - room, 0)
        items = [f"{b.name} {fmt(b.value)}" for b in shown]
        return _figure(
            bar_chart(shown, fmt, _chart_title(label, period_text, items, lang))
        ), left_out
    return None


def _figure(svg: str) -> RawHtml:
    return RawHtml(html=svg, tag="figure", attributes={"className": "ask-chart"})
