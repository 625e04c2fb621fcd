"""A question about the year-end landing: its plan (the metric and places said, January to
the last month known) and its answer — the value, a sentence with the 80 % interval, and a
`forecast` object holding the fields of `cockpit forecast --json`."""

from __future__ import annotations

from datetime import date
from typing import Any

from cockpit.engine import Perimeter, PerimeterDenied, QueryError, QueryPlan
from cockpit.forecast import landing_of
from cockpit.forecast.errors import said
from cockpit.forecast.landing_text import landing_sentence
from cockpit.nl.outcomes import Parts, Planned
from cockpit.periods import Period, last_complete_month


def landing_plan(parts: Parts, metric_id: str, today: date) -> Planned:
    """The landing of the year said (default: the year of the last complete month); one
    landing per question, for the places said together (a breakdown or a ranking is not
    landed: the answer says so)."""
    end = parts.period.end if parts.period else last_complete_month(today)
    notes = list(parts.notes)
    if parts.group_by or parts.rank:
        notes.append(
            "L'atterrissage se calcule pour un périmètre à la fois : voici celui de l'ensemble."
            if parts.lang == "fr"
            else "A landing is computed for one scope at a time: here is the whole's."
        )
    plan = QueryPlan.build(metric_id, Period(date(end.year, 1, 1), end), filters=parts.filters)
    return Planned(plan, parts.lang, parts.period is not None, notes, landing=True)


def answer_landing(
    plan: QueryPlan, engine, perimeter: Perimeter, lang: str, notes: list[str]
) -> dict[str, Any]:
    """`answered` with the landing, or `refused` saying why it cannot be computed (a stock
    such as headcount, a year without data, too short a history)."""
    metric = engine.metric(plan.metric)
    label = getattr(metric.label, lang)
    try:
        landing = landing_of(engine, metric.id, perimeter, plan.period.end.year, None,
                             plan.filters)  # fmt: skip
    except PerimeterDenied as exc:
        reason = (f"Cette question sort de votre périmètre ({exc})." if lang == "fr"
                  else f"This question is outside your perimeter ({exc}).")  # fmt: skip
        return _refused(plan, reason)
    except QueryError as exc:
        reason = (
            f"Je ne peux pas estimer l'atterrissage de « {label} » : {said(exc, lang)}."
            if lang == "fr"
            else f"I cannot estimate the landing of '{label}': {said(exc, lang)}."
        )
        return _refused(plan, reason)
    forecast = landing.as_json(lang)
    return {
        "status": "answered",
        **plan.as_json(),
        "value": landing.value,
        "rows": None,
        "unit": metric.unit,
        "answer": " ".join([landing_sentence(landing, metric, lang), *notes]),
        "sql": None,
        "notes": forecast["notes"],
        "forecast": forecast,
    }


def _refused(plan: QueryPlan, reason: str) -> dict[str, Any]:
    return {"status": "refused", **plan.as_json(), "value": None, "rows": None, "unit": None,
            "answer": reason, "sql": None}  # fmt: skip
