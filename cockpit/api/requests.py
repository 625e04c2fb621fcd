"""What a client may send: the query string of /query, the body of /ask, and a plan
(the `context` of a follow-up question, as an earlier answer gave it).

Each model turns into the engine's own objects (`QueryPlan`), whose checks against
the catalog come after these checks of shape.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cockpit.api.fields import (
    Compare,
    Dimension,
    DimensionValue,
    FilterText,
    Grain,
    MetricId,
    Month,
    PlannerChoice,
    Question,
    Today,
)
from cockpit.engine import QueryPlan
from cockpit.engine.filters import parse_filters
from cockpit.engine.plan import MAX_RANK
from cockpit.periods import Period, last_complete_month, parse_month

MAX_GROUP_BY = 4
MAX_FILTERS = 8
SHORTCUT_FILTERS = ("pole", "service", "establishment")


class PlanPeriod(BaseModel):
    start: Month
    end: Month


class PlanRank(BaseModel):
    order: Literal["desc", "asc"]
    limit: int = Field(ge=1, le=MAX_RANK)


class Plan(BaseModel):
    """A query plan, as every answer gives it and as a follow-up sends it back."""

    # An answer may carry plan fields added after this model: they are kept, not refused.
    model_config = ConfigDict(extra="allow")

    metric: MetricId
    period: PlanPeriod
    grain: Grain | None = None
    filters: dict[Dimension, DimensionValue] = Field(default_factory=dict, max_length=MAX_FILTERS)
    group_by: list[Dimension] = Field(default_factory=list, max_length=MAX_GROUP_BY)
    compare: Compare | None = None
    rank: PlanRank | None = None

    def to_query_plan(self) -> QueryPlan:
        """The engine's plan; QueryError names the field when the shape is still wrong."""
        return QueryPlan.from_json(self.model_dump(mode="json"))


class QueryParams(BaseModel):
    """`GET /api/v1/query`: one plan in the query string, as `cockpit query` takes it."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    metric: MetricId
    from_: Month | None = Field(None, alias="from", description="First month (default: `to`)")
    to: Month | None = Field(None, description="Last month (default: the last complete one)")
    grain: Grain | None = Field(None, description="A series by month, quarter or year")
    filter: list[FilterText] = Field(
        default_factory=list, max_length=MAX_FILTERS, description="DIM:VALUE, repeatable"
    )
    by: list[Dimension] = Field(
        default_factory=list, max_length=MAX_GROUP_BY, description="Group-by dimension, repeatable"
    )
    compare: Compare | None = None
    pole: DimensionValue | None = Field(None, description="Shortcut for filter=pole:VALUE")
    service: DimensionValue | None = Field(None, description="Shortcut for filter=service:VALUE")
    establishment: DimensionValue | None = Field(
        None, description="Shortcut for filter=establishment:VALUE (name or FINESS)"
    )
    today: Today | None = Field(None, description="Pretend today is this date (YYYY-MM-DD)")

    def period(self) -> Period:
        """`from`..`to`; one bound alone is a single month; none is the last complete month."""
        last = last_complete_month(self.today or date.today())
        first = parse_month(self.from_ or self.to) if (self.from_ or self.to) else last
        end = parse_month(self.to) if self.to else (last if self.from_ else first)
        return Period(first, end)

    def filters(self) -> dict[str, str]:
        """The `filter` pairs and the shortcuts, read as `cockpit query` reads its flags."""
        return parse_filters(self.filter, {d: getattr(self, d) for d in SHORTCUT_FILTERS})

    def to_query_plan(self) -> QueryPlan:
        return QueryPlan.build(
            self.metric,
            self.period(),
            grain=self.grain,
            filters=self.filters(),
            group_by=self.by,
            compare=self.compare,
        )


class AskRequest(BaseModel):
    """`POST /api/v1/ask`: a question, and the plan of the previous answer for a follow-up."""

    model_config = ConfigDict(extra="forbid", strict=True)

    question: Question
    today: Today | None = Field(None, description="Resolve periods as if today were this date")
    context: Plan | None = Field(
        None, description="The `plan` of the previous answer: « et pour la Médecine ? »"
    )
    planner: PlannerChoice | None = Field(
        None, description="offline, llm or auto (default: $COCKPIT_PLANNER, else auto)"
    )
