"""`GET /api/v1/forecast` and `GET /api/v1/alerts`: what a client may ask and what it gets
back — the same objects as `cockpit forecast --json` and `cockpit alerts --json`, plus
`freshness`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cockpit.api.answers import Answer, Freshness
from cockpit.api.fields import DimensionValue, FilterText, MetricId, Month
from cockpit.api.requests import MAX_FILTERS, SHORTCUT_FILTERS
from cockpit.catalog.model import Unit
from cockpit.engine.filters import parse_filters

Lang = Literal["fr", "en"]
Kind = Literal["threshold", "budget", "seasonal"]


class ForecastParams(BaseModel):
    """`cockpit forecast METRIC [--year Y] [--as-of YYYY-MM] [--filter DIM=VALUE…]`."""

    model_config = ConfigDict(extra="forbid")

    metric: MetricId
    year: int | None = Field(None, ge=1900, le=2999, description="Year to land (default: latest)")
    as_of: Month | None = Field(None, description="Last month known (default: the latest)")
    filter: list[FilterText] = Field(
        default_factory=list, max_length=MAX_FILTERS, description="DIM:VALUE, repeatable"
    )
    pole: DimensionValue | None = Field(None, description="Shortcut for filter=pole:VALUE")
    service: DimensionValue | None = Field(None, description="Shortcut for filter=service:VALUE")
    establishment: DimensionValue | None = Field(
        None, description="Shortcut for filter=establishment:VALUE (name or FINESS)"
    )
    lang: Lang = Field("fr", description="Language of the notes")

    def filters(self) -> dict[str, str]:
        return parse_filters(self.filter, {d: getattr(self, d) for d in SHORTCUT_FILTERS})


class ProjectedMonth(BaseModel):
    period: Month
    value: float | None
    low: float | None
    high: float | None


class Reference(BaseModel):
    method: Literal["prorata_last_year"]
    value: float | None


class ForecastAnswer(Answer):
    """The year-end landing: `value` inside the 80 % interval `low`–`high`, the months known
    (`actual_to_date`), the budget when the whole year's is known, the controllers' pro
    rata as `reference`, and each month left projected (`months`)."""

    metric: str
    year: int
    as_of: Month
    value: float | None
    low: float | None
    high: float | None
    interval: float
    method: Literal["seasonal_model", "actual"]
    actual_to_date: float | None
    budget: float | None
    reference: Reference
    unit: Unit
    months_known: int
    filters: dict[str, str]
    parts: dict[str, dict[str, float | None]]
    months: list[ProjectedMonth]
    notes: list[str]
    freshness: Freshness


class AlertsParams(BaseModel):
    """`cockpit alerts [--as-of YYYY-MM]`."""

    model_config = ConfigDict(extra="forbid")

    as_of: Month | None = Field(None, description="The month (default: the latest with data)")
    lang: Lang = Field("fr", description="Language of the sentences")


class AlertReason(Answer):
    metric: str
    scope: dict[str, str] = Field(examples=[{"establishment": "CH de Vallombre"}])
    period: Month
    observed: float | None
    expected: float | None
    kind: Kind
    severity: Literal["red", "amber", "info"]
    sentence: str


class ListedAlert(AlertReason):
    """One metric × scope × month: the worst reason's fields, every kind that flagged it,
    and each reason."""

    kinds: list[Kind]
    reasons: list[AlertReason]


class AlertsAnswer(Answer):
    """Threshold, budget and seasonal alerts in one list, worst first, without duplicates."""

    as_of: Month | None
    alerts: list[ListedAlert]
    freshness: Freshness
