"""Run the `checks` of metric definitions: each expected value against the engine's answer
on the check fixture (`cockpit.demo.fixture`), so an analyst tests a definition without
writing Python."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from cockpit.catalog.model import Check
from cockpit.engine.engine import Engine
from cockpit.engine.plan import QueryError, QueryPlan
from cockpit.perimeter import Perimeter


@dataclass(frozen=True)
class CheckOutcome:
    metric: str
    number: int  # 1-based position in the file's `checks`
    check: Check
    got: float | None
    error: str | None = None

    @property
    def passed(self) -> bool:
        if self.error:
            return False
        expected, got = self.check.expect, self.got
        if expected is None or got is None:
            return expected is None and got is None
        return math.isclose(got, expected, rel_tol=self.check.tolerance, abs_tol=1e-9)


def run_checks(engine: Engine, metric_ids: Iterable[str] | None = None) -> list[CheckOutcome]:
    """Every check of the given metrics (default: all), in catalog order."""
    wanted = list(metric_ids) if metric_ids else sorted(engine.catalog.metrics)
    outcomes = []
    for metric_id in wanted:
        metric = engine.metric(metric_id)
        for number, check in enumerate(metric.checks, start=1):
            plan = QueryPlan.build(metric_id, check.span, filters=check.filters)
            try:
                got = engine.run(plan, Perimeter.everything()).value
            except QueryError as exc:
                outcomes.append(CheckOutcome(metric_id, number, check, None, str(exc)))
                continue
            outcomes.append(CheckOutcome(metric_id, number, check, got))
    return outcomes
