"""The year-end landings the home card shows (the metrics whose files place them there:
result, expenses, payroll, activity in the shipped catalog), computed side by side through
the forecast's cache, and each as a Figure against its budget so the
chip and the badge follow the one signals rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter, QueryError
from cockpit.engine.figures import Figure
from cockpit.engine.signals import budget_status
from cockpit.forecast import Landing, landing_of
from cockpit.forecast.errors import ForecastError, said
from cockpit.ui.figures import POOL, allowed_filters, landing_metric_ids


@dataclass(frozen=True)
class LandingItem:
    metric: Metric
    landing: Landing | None
    refusal: QueryError | None = None

    @property
    def figure(self) -> Figure:
        """The landing against the year's budget: the status a card colours itself by."""
        if self.landing is None:
            return Figure(None)
        value, budget = self.landing.value, self.landing.budget
        status = budget_status(value, budget, self.metric.direction, self.metric.budget_bands)
        return Figure(value, target=budget, reference="budget" if budget is not None else None,
                      status=status)  # fmt: skip

    @property
    def has_budget(self) -> bool:
        """Whether the catalog gives the metric a budget (a formula: each of its flows)."""
        return bool(self.landing and self.landing.budget is not None) or bool(
            self.metric.budget_expr
        )

    def refusal_text(self, lang: str) -> str | None:
        return said(self.refusal, lang) if self.refusal is not None else None


def landing_item(
    engine: Engine,
    perimeter: Perimeter,
    metric_id: str,
    filters: dict[str, str],
    as_of: date | None = None,
) -> LandingItem:
    """The landing of `as_of`'s year from the months up to it (default: the latest)."""
    metric = engine.metric(metric_id)
    year = as_of.year if as_of else None
    try:
        landing = landing_of(engine, metric.id, perimeter, year, as_of,
                             allowed_filters(metric, filters))  # fmt: skip
    except QueryError as exc:
        return LandingItem(metric, None, exc)
    return LandingItem(metric, landing)


def home_landings(
    engine: Engine, perimeter: Perimeter, filters: dict[str, str]
) -> list[LandingItem]:
    """The card's landings, in the card's order: a refusal of the forecast is kept (the card
    says why), a metric the perimeter cannot show (a pole has no result) is left out, as
    home's other cards leave it out."""
    found = POOL.map(
        lambda m: landing_item(engine, perimeter, m, filters), landing_metric_ids(engine)
    )
    return [i for i in found if i.refusal is None or isinstance(i.refusal, ForecastError)]
