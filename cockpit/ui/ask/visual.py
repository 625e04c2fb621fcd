"""What an answer looks like: its shape (one figure, a series, bars, a table), its headline
figure and its chart, read from the answer JSON of `cockpit.nl.ask` (SPEC §6).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cockpit.catalog.model import Metric
from cockpit.formatting import capitalised, format_date_short, format_value, month_name
from cockpit.periods import parse_month
from cockpit.ui.ask.chart import Bar, Point, bar_chart, line_chart
from cockpit.ui.ask.how import COMPARE_KEYS
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
    if kind == "single":
        return Headline(fmt(answer.get("value")), scope)
    rows = answer.get("rows") or []
    if kind == "series":
        known = [r for r in rows if r.get("value") is not None]
        if not known:
            return None
        last = known[-1]
        when = capitalised(bucket_text(str(last["period"]), answer.get("grain"), lang))
        return Headline(fmt(last["value"]), t("ask_latest", lang, period=when))
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


def chart(
    answer: dict[str, Any],
    metric: Metric,
    lang: str,
    period_text: str,
    context_rows: list[dict] | None = None,
) -> tuple[str, int] | None:
    """(SVG, rows left out) for a series or bars; None for a single figure or a table."""
    fmt = formatter(metric, lang)
    label = label_of(metric.label, lang)
    kind = shape(answer)
    if kind == "series":
        grain = answer.get("grain")
        points = [
            Point(
                bucket_text(str(r["period"]), grain, lang, short=True),
                bucket_text(str(r["period"]), grain, lang),
                r.get("value"),
                r.get("compare_value"),
            )
            for r in answer["rows"]
        ]
        has_reference = any(p.reference is not None for p in points)
        legend = None
        if has_reference:
            legend = (t("chart_current", lang), t(COMPARE_KEYS[answer["compare"]], lang))
        items = [f"{p.spoken} {fmt(p.value)}" for p in points]
        return line_chart(points, fmt, _chart_title(label, period_text, items, lang), legend), 0
    if kind == "bars":
        if answer.get("rank"):
            bars, room = ranked_bars(answer, context_rows), len(answer["rows"]) + RUNNERS_UP
        else:
            bars, room = breakdown_bars(answer), MAX_BARS
        shown, left_out = bars[:room], max(len(bars) - room, 0)
        items = [f"{b.name} {fmt(b.value)}" for b in shown]
        return bar_chart(shown, fmt, _chart_title(label, period_text, items, lang)), left_out
    return None
