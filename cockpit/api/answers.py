"""What the API answers: every 2xx body and the one error shape, as pydantic models.

Answers allow fields beyond those listed, so a planner or the engine may add one
(e.g. a forecast) without breaking clients; the listed ones keep their types.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cockpit.api.fields import Dimension, Month, Status
from cockpit.api.requests import Plan, PlanPeriod, PlanRank
from cockpit.catalog.model import Aggregation, Direction, FormatPreset, Localized, Unit


class Answer(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorAnswer(BaseModel):
    """Every 4xx and 5xx: a machine-readable code and a sentence saying what is wrong."""

    error: str = Field(examples=["invalid_plan"])
    message: str = Field(min_length=1, examples=["unknown pole 'Chirurgie2' (known: …)"])
    login: str | None = Field(None, description="Where to log in (401 only)")


class Health(BaseModel):
    status: Literal["ok"]


class KindFreshness(BaseModel):
    kind: str = Field(examples=["activity"])
    last_month: Month | None
    loaded_at: str | None = Field(description="ISO date-time of the last successful load")


class FreshnessWarning(BaseModel):
    kind: str
    reason: Literal["behind_others", "late", "missing"]
    last_month: Month | None


class Freshness(BaseModel):
    """How recent the figures are: the last month every monthly extract covers, and why
    one kind is behind."""

    last_month: Month | None
    loaded_at: str | None
    kinds: list[KindFreshness]
    warnings: list[FreshnessWarning]


class MetricInfo(Answer):
    id: str
    label: Localized
    description: Localized
    unit: Unit
    format: FormatPreset
    domain: str
    aggregation: Aggregation
    dimensions: list[Dimension]
    direction: Direction


class Metrics(Answer):
    metrics: list[MetricInfo]
    freshness: Freshness


class Row(Answer):
    """One line of a series or a breakdown; the group-by dimensions are extra fields."""

    period: str = Field(examples=["2026-03", "2026-Q1", "2026"])
    value: float | None
    compare_value: float | None = None
    delta: float | None = None
    delta_pct: float | None = None
    target: float | None = None
    status: Status | None = None


class QueryAnswer(Answer):
    """The same JSON as `cockpit query --json`, plus `freshness`: `value` and its
    comparison for one figure, `rows` for a series or a breakdown."""

    metric: str
    period: PlanPeriod
    grain: str | None
    filters: dict[str, str]
    group_by: list[str]
    compare: str | None
    rank: PlanRank | None = None
    unit: Unit
    value: float | None = None
    compare_value: float | None = None
    delta: float | None = None
    delta_pct: float | None = None
    target: float | None = None
    status: Status | None = None
    rows: list[Row] | None = None
    truncated: bool
    notes: list[str]
    sql: str
    freshness: Freshness


class Choice(Answer):
    metric: str
    label: str
    plan: Plan | None


class AskAnswer(Answer):
    """The same JSON as `cockpit ask --json`, plus `plan` (send it back as the next
    question's `context`) and `freshness`. `refused` and `clarify` carry no value."""

    status: Literal["answered", "clarify", "refused"]
    answer: str
    metric: str | None
    period: PlanPeriod | None
    grain: str | None
    filters: dict[str, str]
    group_by: list[str]
    compare: str | None
    rank: PlanRank | None = None
    value: float | None
    rows: list[Row] | None
    unit: Unit | None
    sql: str | None
    notes: list[str] | None = None
    candidates: list[str] | None = None
    choices: list[Choice] | None = None
    plan: Plan | None = Field(description="The plan answered (else the context sent), or null")
    freshness: Freshness
