"""Questions back, each choice carrying the plan it would run: which metric, which place,
which breakdown, which direction, which period."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from cockpit.engine import QueryPlan, Rank
from cockpit.nl.dimension_words import DimensionWords
from cockpit.nl.outcomes import Clarification, Parts
from cockpit.periods import Period, last_complete_month


def _or(items: list[str], lang: str) -> str:
    return (" ou " if lang == "fr" else " or ").join(items)


def _plan(parts: Parts, metric: str, today: date, *, period=None, **changes) -> QueryPlan:
    fields = {
        "grain": parts.grain,
        "filters": parts.filters,
        "group_by": parts.group_by,
        "compare": parts.compare,
        "rank": parts.rank,
        **changes,
    }
    period = period or parts.period or Period.month(last_complete_month(today))
    return QueryPlan.build(metric, period, **fields)


def metrics(
    parts: Parts,
    candidates: list[str],
    label: Callable[[str], str],
    today: date,
    rank_for: Callable[[str], Rank | None] = lambda _metric: None,
) -> Clarification:
    """« Voulez-vous dire : Taux d'absentéisme ou Taux d'occupation des lits ? »"""
    labels = [label(c) for c in candidates]
    text = (
        f"Voulez-vous dire : {_or(labels, 'fr')} ?"
        if parts.lang == "fr"
        else f"Do you mean: {_or(labels, 'en')}?"
    )
    plans = [] if parts.unknown else [_plan(parts, c, today, rank=rank_for(c)) for c in candidates]
    return Clarification(text, candidates, parts.lang, plans, labels)


def places(parts: Parts, metric: str, label: str, today: date) -> Clarification:
    """Two close readings of a place (« urgences »: the service or the pole?)."""
    names = [r.label for r in parts.readings]
    text = (
        f"{label} : voulez-vous dire {_or(names, 'fr')} ?"
        if parts.lang == "fr"
        else f"{label}: do you mean {_or(names, 'en')}?"
    )
    plans = [
        _plan(parts, metric, today, filters=r.filters, group_by=r.group_by or parts.group_by)
        for r in parts.readings
    ]
    return Clarification(text, [metric] * len(plans), parts.lang, plans, names)


def breakdown(
    parts: Parts,
    metric: str,
    dimensions: list[str],
    rank: Rank,
    today: date,
    words: DimensionWords,
):
    """A ranking that names nothing to rank: « par pôle ou par service ? »"""
    lang = parts.lang
    names = [words.label(d, lang) for d in dimensions]
    word = "par " if lang == "fr" else "by "
    text = (
        f"Classer par quoi : {_or([word + n for n in names], lang)} ?"
        if lang == "fr"
        else f"Rank by what: {_or([word + n for n in names], lang)}?"
    )
    plans = [_plan(parts, metric, today, group_by=[d], rank=rank) for d in dimensions]
    return Clarification(text, [metric] * len(plans), lang, plans, [word + n for n in names])


def direction(parts: Parts, metric: str, label: str, limit: int, today: date) -> Clarification:
    """« le meilleur » for a metric aimed at a target: the highest or the lowest?"""
    lang = parts.lang
    names = ["les plus élevés", "les plus bas"] if lang == "fr" else ["highest", "lowest"]
    text = (
        f"{label} vise une cible : voulez-vous {_or(names, lang)} ?"
        if lang == "fr"
        else f"{label} aims at a target: do you want the {_or(names, lang)}?"
    )
    plans = [_plan(parts, metric, today, rank=Rank(order, limit)) for order in ("desc", "asc")]
    return Clarification(text, [metric, metric], lang, plans, names)


def period(parts: Parts, metric: str | None, today: date) -> Clarification:
    """« cette semaine »: the warehouse holds whole months."""
    lang = parts.lang
    last = last_complete_month(today)
    options = [Period.month(last), Period(date(last.year, 1, 1), last)]
    names = (
        ["le dernier mois complet", "depuis janvier"]
        if lang == "fr"
        else ["the last complete month", "year to date"]
    )
    text = (
        f"Les données sont mensuelles (« {parts.unreadable_period} » n'en est pas un) : "
        f"voulez-vous {_or(names, lang)} ?"
        if lang == "fr"
        else f"The data are monthly ('{parts.unreadable_period}' is not a month): "
        f"do you want {_or(names, lang)}?"
    )
    if metric is None:
        return Clarification(text, [], lang, [], [])
    plans = [_plan(parts, metric, today, period=p) for p in options]
    return Clarification(text, [metric, metric], lang, plans, names)
