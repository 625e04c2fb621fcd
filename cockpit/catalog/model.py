"""The Metric model: what one `queries/*.yaml` file must contain, validated by pydantic."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cockpit.catalog.localized import Localized, LocalizedList
from cockpit.formatting import PRESETS
from cockpit.periods import Period, PeriodError

Unit = Literal["count", "eur", "pct", "days", "ratio", "fte", "hours", "years"]
Aggregation = Literal["flow", "stock_avg", "stock_last", "ratio", "formula"]
Direction = Literal["higher_is_better", "lower_is_better", "target_band"]
# The display presets are those of the one table in cockpit.formatting.
FormatPreset = Literal[tuple(PRESETS)]  # type: ignore[valid-type]

# The fact extracts (SPEC §3) a definition reads.
TABLES: tuple[str, ...] = ("activity", "hr", "finance", "treasury")

METRIC_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class Input(BaseModel):
    """Another metric used by a formula, optionally over the trailing N months."""

    model_config = ConfigDict(extra="forbid")
    metric: str
    trailing_months: int | None = Field(default=None, ge=2, le=36)


class Thresholds(BaseModel):
    """Default status thresholds, used where the targets extract has none.

    higher_is_better: green ≥ amber, amber ≥ red, else red.
    lower_is_better:  green ≤ amber, amber ≤ red, else red.
    target_band:      |value − target| ≤ amber is green, ≤ red amber, else red.
    For flows the values are per month and scale with the number of months.
    """

    model_config = ConfigDict(extra="forbid")
    target: float | None = None
    amber: float | None = None
    red: float | None = None


class Check(BaseModel):
    """An expected value on the check fixture (`cockpit queries test`), e.g.
    `{period: 2024-01..2024-03, filters: {establishment: "990000020"}, expect: 1234.5}`.
    `expect: null` says the metric has no value there (e.g. not enough history)."""

    model_config = ConfigDict(extra="forbid")
    period: str
    filters: dict[str, str] = Field(default_factory=dict)
    expect: float | None
    tolerance: float = Field(default=1e-9, ge=0, le=0.1)  # relative

    @field_validator("period")
    @classmethod
    def _period_reads(cls, value: str) -> str:
        start, _, end = str(value).partition("..")
        try:
            Period.parse(start, end or None)
        except PeriodError as exc:
            raise ValueError(f"{exc} (write YYYY-MM or YYYY-MM..YYYY-MM)") from None
        return value

    @property
    def span(self) -> Period:
        start, _, end = self.period.partition("..")
        return Period.parse(start, end or None)


class BudgetBands(BaseModel):
    """How far from its budget a figure may go, as fractions of the budget, before its status
    turns amber then red. The side that counts follows `direction`: over budget is bad for
    an expense (lower_is_better), under budget for revenue (higher_is_better), either way
    for a target_band."""

    model_config = ConfigDict(extra="forbid")
    amber: float = Field(default=0.01, ge=0)
    red: float = Field(default=0.03, ge=0)

    @model_validator(mode="after")
    def _red_beyond_amber(self) -> BudgetBands:
        if self.red < self.amber:
            raise ValueError("red must be at least amber")
        return self


class Placement(BaseModel):
    """Where the metric's card stands on the dashboard: its rank among the cards of
    « Aujourd'hui » (none: not on the home page), on its domain's page (none: after the
    placed cards, by id) and in home's year-end landing card (none: not in it; a flow, or a
    ratio or formula of flows). Leave gaps (10, 20, 30…) so a card can go in between."""

    model_config = ConfigDict(extra="forbid")
    home: int | None = Field(default=None, ge=1)
    page: int | None = Field(default=None, ge=1)
    landing: int | None = Field(default=None, ge=1)


class Metric(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    id: str
    label: Localized
    description: Localized
    domain: Literal["activity", "hr", "finance", "cross"]
    unit: Unit
    format: FormatPreset
    aggregation: Aggregation
    table: Literal[TABLES] | None = None  # type: ignore[valid-type]
    filter: str | None = None
    expr: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    inputs: dict[str, Input] | None = None
    formula: str | None = None
    undefined_when: str | None = None
    undefined_reason: Localized | None = None
    dimensions: list[str]
    direction: Direction
    thresholds: Thresholds = Field(default_factory=Thresholds)
    # The same measure over the budget columns (compare: budget).
    budget_expr: str | None = None
    # Status from the gap to budget where no target or threshold applies.
    budget_bands: BudgetBands = Field(default_factory=BudgetBands)
    synonyms: LocalizedList = Field(default_factory=LocalizedList)
    ai_instructions: str | None = None
    owner: str
    # A formula whose value adds up over months (e.g. operating_result).
    additive: bool = False
    # Helper metrics (parts of formulas) are not offered to users.
    hidden: bool = False
    # Where its card stands on the home page and on its domain's page.
    placement: Placement = Field(default_factory=Placement)
    # Expected values on the check fixture, run by `cockpit queries test`.
    checks: list[Check] = Field(default_factory=list)
    # Meaningless below the establishment (a result whose revenue is not allocated to poles):
    # refused within a pole perimeter, so never shown to a pole manager; no pole dimension.
    establishment_only: bool = False

    @field_validator("id")
    @classmethod
    def _id_is_snake_case(cls, value: str) -> str:
        if not METRIC_ID_PATTERN.match(value):
            raise ValueError("must be snake_case (a-z, 0-9, _), starting with a letter")
        return value

    @model_validator(mode="after")
    def _helpers_have_no_card(self) -> Metric:
        if self.hidden and (self.placement.home or self.placement.page):
            raise ValueError("a hidden helper metric has no card: remove 'placement'")
        return self

    @model_validator(mode="after")
    def _establishment_only_has_no_pole(self) -> Metric:
        if self.establishment_only and {"pole", "service"} & set(self.dimensions):
            raise ValueError("an establishment_only metric cannot list 'pole' or 'service'")
        return self

    @model_validator(mode="after")
    def _shape_matches_aggregation(self) -> Metric:
        if self.aggregation == "formula":
            if not (self.inputs and self.formula):
                raise ValueError("aggregation 'formula' needs 'inputs' and 'formula'")
            if self.table or self.expr or self.numerator:
                raise ValueError("a formula metric takes no 'table', 'expr' or 'numerator'")
            return self
        if not self.table:
            raise ValueError(f"aggregation '{self.aggregation}' needs 'table'")
        if self.aggregation == "ratio":
            if not (self.numerator and self.denominator):
                raise ValueError("aggregation 'ratio' needs 'numerator' and 'denominator'")
        elif not self.expr:
            raise ValueError(f"aggregation '{self.aggregation}' needs 'expr'")
        if self.inputs or self.formula:
            raise ValueError("'inputs' and 'formula' belong to aggregation 'formula' only")
        if self.budget_expr and self.aggregation == "ratio":
            raise ValueError("'budget_expr' applies to flows and stocks, not to ratios")
        return self

    @property
    def page(self) -> str:
        """The dashboard page that lists it: its domain's (cross-domain metrics: Activité)."""
        return "activity" if self.domain == "cross" else self.domain

    @property
    def is_flow(self) -> bool:
        """Flows add up over months (targets scale with the number of months)."""
        return self.aggregation == "flow" or bool(self.additive)
