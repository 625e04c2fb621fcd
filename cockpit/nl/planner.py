"""The OfflinePlanner: question → Plan, Clarification or Refusal, in named steps.

A `Planner` protocol lets an LLM planner replace it later; it must return the
same three outcomes. The planner never builds SQL and reads the warehouse only
through the Engine (catalog, dimension values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from cockpit.engine import Perimeter, QueryPlan
from cockpit.nl.dimensions import match_dimensions
from cockpit.nl.intent import classify
from cockpit.nl.language import language
from cockpit.nl.metrics import match_metrics, pick
from cockpit.nl.normalize import contains, loose_remove, normalize, remove
from cockpit.nl.periods import parse_period
from cockpit.periods import Period, last_complete_month


@dataclass
class Planned:
    plan: QueryPlan
    lang: str
    period_said: bool = True
    notes: list[str] = field(default_factory=list)


@dataclass
class Clarification:
    """A question back. `candidates` are metric ids; `plans` (same order, when the rest of
    the question was understood) are the plans each choice would run, so a tap answers."""

    question: str
    candidates: list[str] = field(default_factory=list)
    lang: str = "fr"
    plans: list[QueryPlan] = field(default_factory=list)


@dataclass
class Refusal:
    reason: str
    lang: str = "fr"


@dataclass
class Parts:
    """What the question says, before it becomes a plan (used for follow-ups too)."""

    lang: str
    metric: str | None = None
    period: Period | None = None
    grain: str | None = None
    filters: dict[str, str] = field(default_factory=dict)
    group_by: list[str] = field(default_factory=list)
    compare: str | None = None
    candidates: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    refusal: str | None = None
    domains: tuple[str, ...] = ()
    generic: bool = False


class Planner(Protocol):
    def plan(
        self, question: str, today: date, perimeter: Perimeter, previous: QueryPlan | None = None
    ) -> Planned | Clarification | Refusal: ...


_COMPARE = [
    (
        "previous_year",
        [
            "par rapport a l an dernier",
            "par rapport a l annee derniere",
            "par rapport a l annee precedente",
            "vs l an dernier",
            "vs n 1",
            "versu n 1",
            "par rapport a n 1",
            "compare a l an dernier",
            "vs last year",
            "versu last year",
            "compared to last year",
            "compared with last year",
            "against last year",
            "year on year",
            "year over year",
            "yoy",
            "than last year",
        ],
    ),
    (
        "budget",
        [
            "par rapport au budget",
            "vs budget",
            "versu budget",
            "compare au budget",
            "compared to budget",
            "compared with budget",
            "against budget",
            "vs the budget",
            "against the budget",
            "compared to the budget",
        ],
    ),
    (
        "target",
        [
            "par rapport a l objectif",
            "par rapport a la cible",
            "vs objectif",
            "vs cible",
            "vs target",
            "against target",
            "compared to target",
            "against the target",
            "compared to the target",
        ],
    ),
]


def step_compare(text: str) -> tuple[str | None, str]:
    for kind, phrases in _COMPARE:
        for phrase in phrases:
            if contains(text, phrase):
                return kind, remove(text, phrase)
    return None, text


class OfflinePlanner:
    """Rule- and catalogue-driven planner; no network, no weights."""

    def __init__(self, engine):
        self.engine = engine

    def parse(self, question: str, today: date, perimeter: Perimeter) -> Parts:
        lang = language(question)
        text = normalize(question)
        parts = Parts(lang=lang)
        parts.compare, text = step_compare(text)
        matches = match_metrics(text, self.engine.metrics())
        winner, tied = pick(matches)
        if winner:
            parts.metric = winner.metric.id
            text = loose_remove(text, winner.phrase)
        parts.candidates = [m.metric.id for m in tied]
        intent = classify(text, lang, bool(winner))
        parts.refusal = intent.reason if intent.kind == "refused" else None
        parts.domains = intent.domains
        parts.generic = any(
            contains(text, normalize(w).strip()) for w in ("taux", "rate", "ratio", "indicateur")
        )
        parts.period, text = parse_period(text, today)
        # values from the whole warehouse: the engine then refuses what the perimeter hides
        dims = match_dimensions(text, self.engine, Perimeter.everything())
        parts.filters, parts.group_by, parts.grain = dims.filters, dims.group_by, dims.grain
        parts.unknown = dims.unknown
        return parts

    def plan(
        self, question: str, today: date, perimeter: Perimeter, previous: QueryPlan | None = None
    ) -> Planned | Clarification | Refusal:
        parts = self.parse(question, today, perimeter)
        if previous is not None and parts.metric is None and not parts.refusal:
            from cockpit.nl.context import follow_up

            return follow_up(previous, parts, today)
        return self.decide(parts, today)

    def decide(self, parts: Parts, today: date) -> Planned | Clarification | Refusal:
        lang = parts.lang
        if parts.refusal:
            return Refusal(parts.refusal, lang)
        if parts.metric is None:
            if parts.candidates:
                return self.clarify(parts.candidates, lang, parts, today)
            if parts.domains:
                domain = [m.id for m in self.engine.metrics() if m.domain in parts.domains]
                return self.clarify(domain[:6], lang, parts, today)
            if parts.generic:
                rates = [m.id for m in self.engine.metrics() if m.unit == "pct"]
                return self.clarify(rates[:6], lang, parts, today)
            return Refusal(
                "Je ne trouve aucun indicateur du catalogue qui réponde à cette question."
                if lang == "fr"
                else "No indicator in the catalogue answers this question.",
                lang,
            )
        if parts.unknown:
            return Refusal(
                (
                    f"Je ne connais pas « {parts.unknown[0]} » dans l'entrepôt."
                    if lang == "fr"
                    else f"'{parts.unknown[0]}' is not in the warehouse."
                ),
                lang,
            )
        metric = self.engine.metric(parts.metric)
        compare = parts.compare
        notes: list[str] = []
        if compare == "budget" and not metric.budget_expr:
            compare = None  # never silently: the answer says so
            if "budget" not in metric.id:  # a gap to budget is itself the comparison
                notes.append(
                    "Pas de budget pour cet indicateur : comparaison non faite."
                    if lang == "fr"
                    else "This indicator has no budget: no comparison made."
                )
        period = parts.period or Period.month(last_complete_month(today))
        plan = QueryPlan.build(
            metric.id,
            period,
            grain=parts.grain,
            filters=parts.filters,
            group_by=parts.group_by,
            compare=compare,
        )
        return Planned(plan, lang, parts.period is not None, notes)

    def clarify(
        self,
        candidates: list[str],
        lang: str,
        parts: Parts | None = None,
        today: date | None = None,
    ) -> Clarification:
        labels = [getattr(self.engine.metric(c).label, lang) for c in candidates]
        text = (
            f"Voulez-vous dire : {' ou '.join(labels)} ?"
            if lang == "fr"
            else f"Do you mean: {' or '.join(labels)}?"
        )
        plans = []
        if parts is not None and today is not None and not parts.unknown:
            period = parts.period or Period.month(last_complete_month(today))
            for metric in candidates:
                plans.append(
                    QueryPlan.build(
                        metric,
                        period,
                        grain=parts.grain,
                        filters=parts.filters,
                        group_by=parts.group_by,
                        compare=parts.compare,
                    )
                )
        return Clarification(text, candidates, lang, plans)
