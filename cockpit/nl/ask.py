"""The question pipeline: plan → engine.validate → engine.run → answer dict (SPEC §6 JSON)."""

from __future__ import annotations

from datetime import date
from typing import Any

from cockpit.engine import Perimeter, PerimeterDenied, QueryError, QueryPlan
from cockpit.nl.answer import sentence
from cockpit.nl.landing_answer import answer_landing
from cockpit.nl.language import language
from cockpit.nl.national import national_answer
from cockpit.nl.outcomes import Clarification, Planned, Planner, Refusal
from cockpit.nl.planner import OfflinePlanner
from cockpit.periods import MAX_YEAR, MIN_YEAR

# Dates a question may be asked on: periods around them stay on the calendar.
EARLIEST_TODAY, LATEST_TODAY = date(MIN_YEAR + 1, 1, 1), date(MAX_YEAR, 12, 31)


def _today_out_of_range(today: date, lang: str) -> str:
    if lang == "fr":
        return (
            f"Je ne sais pas situer les périodes autour du {today:%Y-%m-%d} : la date de "
            f"référence doit être entre {MIN_YEAR + 1} et {MAX_YEAR}."
        )
    return (
        f"I cannot place periods around {today:%Y-%m-%d}: the reference date must be between "
        f"{MIN_YEAR + 1} and {MAX_YEAR}."
    )


def _empty(status: str, answer: str, **extra) -> dict[str, Any]:
    return {
        "status": status,
        "metric": None,
        "period": None,
        "grain": None,
        "filters": {},
        "group_by": [],
        "compare": None,
        "rank": None,
        "value": None,
        "rows": None,
        "unit": None,
        "answer": answer,
        "sql": None,
        **extra,
    }


def ask(
    question: str,
    engine,
    *,
    today: date | None = None,
    perimeter: Perimeter | None = None,
    planner: Planner | None = None,
    previous: QueryPlan | None = None,
) -> dict[str, Any]:
    """Answer one question; never invents a number (refused/clarify carry no value)."""
    today = today or date.today()
    if not EARLIEST_TODAY <= today <= LATEST_TODAY:
        return _empty("refused", _today_out_of_range(today, language(question)))
    perimeter = perimeter or Perimeter.everything()
    national = national_answer(question, engine, perimeter=perimeter)
    if national is not None:  # « … par rapport aux CH comparables ? »: the public data
        return national
    planner = planner or OfflinePlanner(engine)
    if previous is not None:
        try:
            engine.validate(previous, perimeter)
        except QueryError as exc:
            reason = (
                f"Le plan de la question précédente n'est pas valide : {exc}."
                if language(question) == "fr"
                else f"The previous question's plan is not valid: {exc}."
            )
            return _empty("refused", reason)
    outcome = planner.plan(question, today, perimeter, previous)
    if isinstance(outcome, Refusal):
        return _empty("refused", outcome.reason)
    if isinstance(outcome, Clarification):
        return _empty(
            "clarify",
            outcome.question,
            candidates=outcome.candidates,
            choices=_choices(engine, outcome),
        )
    assert isinstance(outcome, Planned)
    if outcome.landing:
        return answer_landing(outcome.plan, engine, perimeter, outcome.lang, outcome.notes)
    return answer_plan(outcome.plan, engine, perimeter=perimeter, lang=outcome.lang,
                       notes=outcome.notes)  # fmt: skip


def answer_plan(
    plan: QueryPlan,
    engine,
    *,
    perimeter: Perimeter,
    lang: str = "fr",
    notes: list[str] | tuple[str, ...] = (),
) -> dict[str, Any]:
    """Run an already-made plan (a tapped clarification, a follow-up) → the answer JSON."""
    try:
        engine.validate(plan, perimeter)
        result = engine.run(plan, perimeter)
    except PerimeterDenied as exc:
        reason = (
            f"Cette question sort de votre périmètre ({exc}) : je réponds sur ce que vous "
            "pouvez voir dans le tableau de bord."
            if lang == "fr"
            else f"This question is outside your perimeter ({exc}): I answer about what you "
            "can see in the dashboard."
        )
        return {**_empty("refused", reason), **plan.as_json(), "value": None}
    except QueryError as exc:
        reason = f"Je ne peux pas répondre : {exc}." if lang == "fr" else f"I cannot answer: {exc}."
        return {**_empty("refused", reason), **plan.as_json(), "value": None}
    metric = engine.metric(plan.metric)
    payload = result.as_json()
    return {
        "status": "answered",
        **plan.as_json(),
        "value": payload.get("value") if result.is_single else None,
        "rows": None if result.is_single else result.rows,
        "unit": result.unit,
        "answer": " ".join([sentence(metric, result, lang), *notes]),
        "sql": result.sql,
        "notes": result.notes,
        **{k: payload[k] for k in ("compare_value", "delta", "delta_pct") if k in payload},
    }


def _choices(engine, outcome: Clarification) -> list[dict[str, Any]]:
    """Each choice as {metric, label, plan}: a tap on it runs `plan` (None if unknown)."""
    choices = []
    for i, metric in enumerate(outcome.candidates):
        label = outcome.labels[i] if i < len(outcome.labels) else None
        plan = outcome.plans[i] if i < len(outcome.plans) else None
        choices.append(
            {
                "metric": metric,
                "label": label or getattr(engine.metric(metric).label, outcome.lang),
                "plan": plan.as_json() if plan else None,
            }
        )
    return choices
