"""What a planner returns — a plan, a question back, or a refusal — and what the offline
planner read from a question before deciding (`Parts`, reused by follow-ups and by
the LLM planner)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from cockpit.engine import Perimeter, QueryPlan, Rank
from cockpit.periods import Period


@dataclass
class Planned:
    plan: QueryPlan
    lang: str
    period_said: bool = True
    notes: list[str] = field(default_factory=list)
    landing: bool = False  # the year-end landing of the plan's metric, not its value


@dataclass
class Clarification:
    """A question back. `candidates` are the metric ids of the choices; `plans` (same
    order, when the rest of the question was understood) are the plans each choice would
    run, so a tap answers; `labels` (same order, optional) name each choice when two
    choices share a metric (« service Urgences » / « pôle Urgences-Réanimation »)."""

    question: str
    candidates: list[str] = field(default_factory=list)
    lang: str = "fr"
    plans: list[QueryPlan] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


@dataclass
class Refusal:
    reason: str
    lang: str = "fr"


@dataclass
class Reading:
    """One way of reading the places in a question: filters and a label for it."""

    filters: dict[str, str]
    label: str
    group_by: list[str] | None = None  # « côte à côte »: a breakdown instead of one value


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
    compare_year: int | None = None  # « comparé à 2024 »
    rank: Rank | None = None
    candidates: list[str] = field(default_factory=list)
    partly: list[str] = field(default_factory=list)  # metrics said in part (« le coût ? »)
    unknown: list[str] = field(default_factory=list)
    refusal: str | None = None
    domains: tuple[str, ...] = ()
    generic: bool = False
    # how the rank was said, when it still needs the metric (« le meilleur ») or a count
    ranking: object | None = None
    ranked: str | None = None  # the dimension named by the ranking (« quel *pôle* »)
    readings: list[Reading] = field(default_factory=list)  # close readings of the places
    notes: list[str] = field(default_factory=list)
    unreadable_period: str | None = None
    relative_year: bool = False  # « l'an dernier »: a follow-up shifts by a year
    continues: bool = False  # « et … », "and …", « même chose … »
    clear_places: bool = False  # « pour tout l'hôpital »
    unread: tuple[str, ...] = ()  # words no step of the parser used (normalized)
    landing: bool = False  # « où va-t-on atterrir ? »: the year-end landing

    @property
    def said_anything(self) -> bool:
        return bool(
            self.period or self.filters or self.group_by or self.grain or self.compare
            or self.ranking or self.clear_places
        )  # fmt: skip


class Planner(Protocol):
    def plan(
        self, question: str, today: date, perimeter: Perimeter, previous: QueryPlan | None = None
    ) -> Planned | Clarification | Refusal: ...
