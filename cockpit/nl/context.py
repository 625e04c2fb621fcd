"""Follow-up questions: « et pour la Médecine ? », "and last year?" reuse the
previous plan and change only what the new question says."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cockpit.engine import QueryPlan


def follow_up(previous: QueryPlan, parts, today: date):
    from cockpit.nl.planner import Clarification, Planned

    said = parts.period or parts.filters or parts.group_by or parts.grain or parts.compare
    if not said:
        return Clarification(
            "Pouvez-vous préciser l'indicateur ?"
            if parts.lang == "fr"
            else "Which indicator do you mean?",
            [previous.metric],
            parts.lang,
        )
    filters = dict(previous.filters)
    for dim in parts.filters:
        if dim in ("pole", "service", "establishment"):
            # a new place replaces the old one
            for other in ("pole", "service"):
                filters.pop(other, None)
    filters.update(parts.filters)
    plan = QueryPlan.build(
        previous.metric,
        parts.period or previous.period,
        grain=parts.grain or previous.grain,
        filters=filters,
        group_by=parts.group_by or list(previous.group_by),
        compare=parts.compare or previous.compare,
    )
    return Planned(replace(plan), parts.lang, True)
