"""One sentence answering the question, in its language, figures formatted by
cockpit.formatting: a figure (with its comparison), a ranking (winner first), a
breakdown, or a series (first and last value, highest and lowest)."""

from __future__ import annotations

from cockpit.engine.alerts import status_reason
from cockpit.engine.figures import Figure
from cockpit.engine.plan import QueryResult
from cockpit.engine.signals import gap, trend
from cockpit.formatting import format_value
from cockpit.nl.answer_words import (
    bucket_words,
    missing_months,
    period_words,
    place_words,
    row_label,
)

_INLINE_ROWS = 12


def sentence(metric, result: QueryResult, lang: str) -> str:
    plan = result.plan
    head = f"{getattr(metric.label, lang)}{place_words(plan.filter_map, lang)} " + period_words(
        plan.period, lang
    )
    if not result.rows or all(r.get("value") is None for r in result.rows):
        text = f"Aucune donnée pour {head}." if lang == "fr" else f"No data for {head}."
    elif result.is_single:
        text = _figure(metric, result.rows[0], head, plan.compare, lang)
    elif plan.rank and plan.group_by and not plan.grain:
        text = _ranking(metric, result, head, lang)
    elif plan.group_by and not plan.grain and len(result.rows) <= _INLINE_ROWS:
        items = ", ".join(_item(metric, r, plan.group_by, lang) for r in result.rows)
        text = f"{head}{_colon(lang)}{items}."
    elif plan.grain and not plan.group_by:
        text = _series(metric, result.rows, head, lang)
    else:
        n = len(result.rows)
        text = f"{head}{_colon(lang)}" + (
            f"{n} lignes ci-dessous." if lang == "fr" else f"{n} rows below."
        )
    missing = missing_months(result.notes, lang)
    return f"{text} {missing}" if missing else text


def _colon(lang: str) -> str:
    return " : " if lang == "fr" else ": "


def _shown(metric, value, lang: str) -> str:
    return format_value(value, metric.format, metric.unit, lang)


def _figure(metric, row: dict, head: str, compare: str | None, lang: str) -> str:
    value, other = row["value"], row.get("compare_value")
    shown = _shown(metric, value, lang)
    if compare in ("budget", "target") and other is not None:
        # The side of the target or budget, and the gap, in the words every screen uses.
        figure = Figure(value, target=other, reference=compare, status=row.get("status"))
        change = gap(metric, value, other, row.get("status"), lang)
        shown = f"{status_reason(metric, figure, lang)} ({change.text})"
    text = f"{head}{_colon(lang)}{shown}"
    if compare == "previous_year" and other is not None:
        change = trend(metric, value, other, lang).text
        before = _shown(metric, other, lang)
        text += (
            f" contre {before} (N-1, {change})"
            if lang == "fr"
            else f" against {before} (last year, {change})"
        )
    return text + "."


def _item(metric, row: dict, dimensions, lang: str) -> str:
    return f"{row_label(row, dimensions, lang)} {_shown(metric, row.get('value'), lang)}"


def _ranking(metric, result: QueryResult, head: str, lang: str) -> str:
    """« … — valeur la plus élevée : Gériatrie (92,9 %) », winner first."""
    plan, rows = result.plan, result.rows
    high = plan.rank.order == "desc"
    n = len(rows)
    if lang == "fr":
        what = (
            ("valeur la plus élevée" if high else "valeur la plus basse")
            if plan.rank.limit == 1
            else f"les {n} valeurs les plus " + ("élevées" if high else "basses")
        )
    else:
        what = (("highest" if high else "lowest") if plan.rank.limit == 1
                else (f"top {n}" if high else f"bottom {n}"))  # fmt: skip
    # rows with no value or no place (charges not assigned to a pole) never win
    named = [r for r in rows if r.get("value") is not None and
             all(r.get(d) is not None for d in plan.group_by)] or rows  # fmt: skip
    shown = named[:5]
    items = ", ".join(
        f"{row_label(r, plan.group_by, lang)} ({_shown(metric, r.get('value'), lang)})"
        for r in shown
    )
    more = ""
    if n > 5:
        more = f", … ({n} lignes ci-dessous)" if lang == "fr" else f", … ({n} rows below)"
    return f"{head} — {what}{_colon(lang)}{items}{more}."


def _series(metric, rows: list[dict], head: str, lang: str) -> str:
    """« … par mois : de 84,1 % (janvier 2026) à 83,2 % (octobre 2026) ; plus haut … »."""
    known = [r for r in rows if r.get("value") is not None]
    first, last = known[0], known[-1]
    top = max(known, key=lambda r: r["value"])
    low = min(known, key=lambda r: r["value"])

    def at(row: dict) -> str:
        return f"{_shown(metric, row['value'], lang)} ({bucket_words(row['period'], lang)})"

    if len(known) == 1:
        return f"{head}{_colon(lang)}{at(first)}."

    if lang == "fr":
        text = f"{head}{_colon(lang)}de {at(first)} à {at(last)}"
        if len(known) > 2:
            text += f" ; plus haut {at(top)}, plus bas {at(low)}"
    else:
        text = f"{head}{_colon(lang)}from {at(first)} to {at(last)}"
        if len(known) > 2:
            text += f"; highest {at(top)}, lowest {at(low)}"
    return text + "."
