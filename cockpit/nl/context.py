"""Follow-up questions: « et pour la Médecine ? », « et l'an dernier ? », « et par
service ? », « et les 5 premiers ? », "and for surgery?", « même chose en février »
keep the previous plan and change only what the new question says."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cockpit.engine import QueryPlan
from cockpit.nl.lexicon import lexicon_for
from cockpit.nl.outcomes import Clarification, Parts, Reading
from cockpit.periods import PeriodError


def follow_up(planner, previous: QueryPlan, parts: Parts, today: date):
    """The previous plan with what `parts` says changed (planner.decide does the rest)."""
    places = lexicon_for(planner.engine).dimensions.places
    if not parts.metric and not parts.said_anything and not parts.unreadable_period:
        return Clarification(
            "Pouvez-vous préciser ce que vous voulez changer (période, lieu, indicateur) ?"
            if parts.lang == "fr"
            else "What would you like to change (period, place, indicator)?",
            [previous.metric],
            parts.lang,
            [previous],
        )
    merged = replace(
        parts,
        metric=parts.metric or previous.metric,
        period=_period(previous, parts),
        grain=parts.grain or previous.grain,
        filters=_filters(previous, parts, places),
        compare=parts.compare or previous.compare,
        candidates=[],
    )
    merged.readings = [Reading({**_filters(previous, parts, places), **r.filters}, r.label)
                       for r in parts.readings]  # fmt: skip
    merged.group_by = _group_by(previous, parts, merged.filters)
    if parts.ranking:
        merged.rank = planner._rank(merged, merged.metric) if merged.metric else None
    elif previous.rank and merged.group_by:
        merged.rank = previous.rank
    return planner.decide(merged, today)


def _period(previous: QueryPlan, parts: Parts):
    if parts.period is None:
        return previous.period
    if parts.relative_year:  # « et l'an dernier ? »: the same months, a year earlier
        try:
            return previous.period.shift(-12)
        except PeriodError:  # a previous period at the calendar's start
            return parts.period
    return parts.period


def _filters(previous: QueryPlan, parts: Parts, places: tuple[str, ...]) -> dict[str, str]:
    filters = dict(previous.filters)
    if parts.clear_places or any(d in places for d in parts.filters):
        for place in places:  # a new place replaces the old one
            filters.pop(place, None)
    filters.update(parts.filters)
    return filters


def _group_by(previous: QueryPlan, parts: Parts, filters: dict[str, str]) -> list[str]:
    if parts.group_by:
        return list(parts.group_by)
    if parts.ranked:
        return [parts.ranked]
    return [d for d in previous.group_by if d not in filters]
