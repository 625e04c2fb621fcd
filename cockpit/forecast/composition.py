"""How a metric's year figure is made of flows: a flow is itself; a ratio is its numerator
over its denominator, each summed over the months; a formula combines the year figures of
its inputs. Stocks and rolling figures do not add up over months and are refused."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from cockpit.catalog.expressions import ExpressionError
from cockpit.catalog.loader import Catalog
from cockpit.catalog.model import Metric
from cockpit.forecast.errors import NotLandable
from cockpit.forecast.formula import check_evaluable, evaluate


@dataclass(frozen=True)
class Flow:
    """One monthly series that adds up over months: a flow metric, or a ratio's part."""

    metric: str
    part: str | None = None  # "numerator" | "denominator" of a ratio metric

    @property
    def name(self) -> str:
        return f"{self.metric}.{self.part}" if self.part else self.metric


@dataclass(frozen=True)
class Composition:
    """A metric's year figure as a function of the year totals of its flows."""

    metric: Metric
    flows: tuple[Flow, ...]
    inputs: tuple[tuple[str, Composition], ...] = ()

    @property
    def is_single_flow(self) -> bool:
        return self.flows == (Flow(self.metric.id),) and not self.inputs

    def combine(self, totals: Mapping[Flow, np.ndarray]) -> np.ndarray:
        """The metric's figure from its flows' totals (arrays of draws, or single values)."""
        metric = self.metric
        if metric.aggregation == "flow":
            return np.asarray(totals[Flow(metric.id)], dtype=float)
        if metric.aggregation == "ratio":
            values = {"n": totals[Flow(metric.id, "numerator")],
                      "d": totals[Flow(metric.id, "denominator")]}  # fmt: skip
            return evaluate("n / d", values)
        values = {name: inner.combine(totals) for name, inner in self.inputs}
        result = evaluate(metric.formula, values)
        if metric.undefined_when:
            result = np.where(evaluate(metric.undefined_when, values) != 0, np.nan, result)
        return result


def compose(catalog: Catalog, metric_id: str) -> Composition:
    """The flows behind a metric's year figure, or NotLandable saying which part is not a flow."""
    metric = catalog.get(metric_id)
    if metric.aggregation == "flow":
        return Composition(metric, (Flow(metric.id),))
    if metric.aggregation == "ratio":
        return Composition(metric, (Flow(metric.id, "numerator"), Flow(metric.id, "denominator")))
    if metric.aggregation == "formula":
        inputs = []
        for name, spec in sorted((metric.inputs or {}).items()):
            if spec.trailing_months:
                raise NotLandable(
                    f"{metric.id} uses {spec.metric} over the trailing {spec.trailing_months} "
                    "months, which a year-end landing cannot project"
                )
            try:
                inputs.append((name, compose(catalog, spec.metric)))
            except NotLandable as exc:
                raise NotLandable(
                    f"{metric.id} is computed from {spec.metric}: {exc}",
                    f"calculé à partir de {spec.metric} : {exc.said('fr')}",
                ) from None
        try:
            check_evaluable(metric.formula)
            if metric.undefined_when:
                check_evaluable(metric.undefined_when)
        except ExpressionError as exc:
            raise NotLandable(f"{metric.id}: {exc}") from None
        flows = tuple(dict.fromkeys(f for _, inner in inputs for f in inner.flows))
        return Composition(metric, flows, tuple(inputs))
    kind, kind_fr = {
        "stock_avg": ("a stock (the average of its monthly totals)",
                      "un stock (la moyenne de ses totaux mensuels)"),
        "stock_last": ("a stock (its value at the end of the period)",
                       "un stock (sa valeur en fin de période)"),
    }[metric.aggregation]  # fmt: skip
    raise NotLandable(
        f"{metric.id} is {kind}: a year-end landing projects flows, which add up over the "
        "months, and ratios or formulas of flows",
        f"c'est {kind_fr} : un atterrissage projette des flux, qui s'additionnent au fil des "
        "mois, et des ratios ou formules de flux",
    )
