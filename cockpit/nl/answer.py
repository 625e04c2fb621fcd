"""One-sentence answer in the question's language, numbers formatted by cockpit.formatting."""

from __future__ import annotations

from cockpit.engine.alerts import status_reason
from cockpit.engine.figures import Figure
from cockpit.engine.plan import QueryResult
from cockpit.engine.signals import gap, trend
from cockpit.formatting import format_value, month_name


def _period_words(period, lang: str) -> str:
    if period.start == period.end:
        return (
            f"en {month_name(period.start, lang)}"
            if lang == "fr"
            else f"in {month_name(period.start, lang)}"
        )
    a = month_name(period.start, lang)
    b = month_name(period.end, lang)
    return f"de {a} à {b}" if lang == "fr" else f"from {a} to {b}"


def _where(filters: dict[str, str], lang: str) -> str:
    if not filters:
        return ""
    return " (" + ", ".join(filters.values()) + ")"


def sentence(metric, result: QueryResult, lang: str) -> str:
    plan = result.plan
    label = getattr(metric.label, lang)
    when = _period_words(plan.period, lang)
    where = _where(plan.filter_map, lang)
    no_data = [n for n in result.notes if n.startswith("no data")]
    if result.is_single:
        row = result.single_row or {}
        value = row.get("value")
        if value is None:
            text = (
                f"Aucune donnée pour {label}{where} {when}."
                if lang == "fr"
                else f"No data for {label}{where} {when}."
            )
            return text + (f" ({'; '.join(no_data)})" if no_data else "")
        shown = format_value(value, metric.format, metric.unit, lang)
        other = row.get("compare_value")
        if plan.compare in ("budget", "target") and other is not None:
            # The side of the target or budget, and the gap, in the words every screen uses.
            figure = Figure(value, target=other, reference=plan.compare, status=row.get("status"))
            change = gap(metric, value, other, row.get("status"), lang)
            shown = f"{status_reason(metric, figure, lang)} ({change.text})"
        text = (
            f"{label}{where} {when} : {shown}"
            if lang == "fr"
            else f"{label}{where} {when}: {shown}"
        )
        if plan.compare == "previous_year" and other is not None:
            change = trend(metric, value, other, lang).text
            other = format_value(other, metric.format, metric.unit, lang)
            text += (
                f" contre {other} (N-1, {change})"
                if lang == "fr"
                else f" against {other} (last year, {change})"
            )
        text += "."
    else:
        n = len(result.rows)
        if plan.group_by and plan.grain is None and 0 < n <= 12:
            items = ", ".join(
                " / ".join(str(r.get(d)) for d in plan.group_by)
                + " "
                + format_value(r.get("value"), metric.format, metric.unit, lang)
                for r in result.rows
            )
            sep = " : " if lang == "fr" else ": "
            return f"{label}{where} {when}{sep}{items}." + (
                " Attention : pas encore de données pour une partie des mois demandés."
                if no_data and lang == "fr"
                else (" Note: some of the months asked have no data yet." if no_data else "")
            )
        text = (
            f"{label}{where} {when} : {n} lignes ci-dessous."
            if lang == "fr"
            else f"{label}{where} {when}: {n} rows below."
        )
        if n == 0:
            text = (
                f"Aucune donnée pour {label}{where} {when}."
                if lang == "fr"
                else f"No data for {label}{where} {when}."
            )
    if no_data:
        text += (
            " Attention : pas encore de données pour une partie des mois demandés."
            if lang == "fr"
            else " Note: some of the months asked have no data yet."
        )
    return text
