"""Find the target and thresholds that apply to one result row.

Lookup order: the `targets` extract for the row's establishment and pole, a
month-specific row before a year row; for a whole group of establishments,
flow targets add up. Otherwise the definition's default thresholds.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cockpit.catalog.model import Metric
from cockpit.engine.plan import Perimeter, QueryPlan
from cockpit.engine.status import Status, Threshold, status_of

if TYPE_CHECKING:
    from cockpit.engine.engine import Engine

# Targets are set per establishment and pole; a finer filter has none.
_TARGET_DIMENSIONS = {"establishment", "pole"}


class TargetBook:
    def __init__(
        self,
        engine: Engine,
        metric: Metric,
        plan: QueryPlan,
        filters: dict[str, str],
        perimeter: Perimeter,
    ):
        self.metric = metric
        self.plan = plan
        self.filters = filters
        self.perimeter = perimeter
        self.engine = engine
        finer = set(filters) | set(plan.group_by)
        self.extract_applies = finer <= _TARGET_DIMENSIONS
        self._rows = self._load() if self.extract_applies else []
        defaults = metric.thresholds
        self.default = (
            Threshold(defaults.target, defaults.amber, defaults.red)
            if any(v is not None for v in (defaults.target, defaults.amber, defaults.red))
            else None
        )

    def _load(self) -> list[tuple]:
        sql = (
            "SELECT establishment_id, pole, period, year, target, amber_threshold, red_threshold "
            f"FROM targets WHERE metric = '{self.metric.id}'"
        )
        return self.engine._cached(("targets", sql), lambda: self.engine._execute(sql))

    def _one(self, establishment_id: str, pole: str | None, bucket_end: date) -> Threshold | None:
        best = None
        for est, row_pole, period, year, target, amber, red in self._rows:
            if est != establishment_id or row_pole != pole:
                continue
            if period is not None and period == bucket_end:
                return Threshold(target, amber, red)
            if period is None and year == bucket_end.year:
                best = Threshold(target, amber, red)
        return best

    def threshold(
        self, establishment_id: str | None, pole: str | None, bucket: date, months: int
    ) -> Threshold | None:
        pole = pole or self.filters.get("pole") or self.perimeter.pole
        bucket_end = self.plan.period.end if self.plan.grain is None else bucket
        found: Threshold | None = None
        if self._rows:
            ids = [establishment_id] if establishment_id else list(self.engine.establishments())
            parts = [self._one(i, pole, bucket_end) for i in ids]
            if all(parts) and (len(parts) == 1 or self.metric.is_flow):
                found = parts[0]
                for part in parts[1:]:
                    found = found.plus(part)
        if found is None and not self.metric.is_flow:
            found = self.default
        if found is not None and self.metric.is_flow:
            found = found.scaled(months)
        return found

    def status(self, value: float | None, threshold: Threshold | None) -> Status | None:
        return status_of(value, self.metric.direction, threshold)
