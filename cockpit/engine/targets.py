"""Find the target and thresholds that apply to one result row.

Lookup order: the `targets` extract for the row's establishment and pole, a
month-specific row before a year row; for a whole group of establishments,
flow targets add up. Otherwise the definition's default thresholds.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from cockpit.catalog.dimensions import DimensionRegistry
from cockpit.catalog.model import Metric
from cockpit.contracts import CONTRACTS
from cockpit.engine.plan import QueryPlan
from cockpit.engine.status import Threshold
from cockpit.perimeter import Perimeter

if TYPE_CHECKING:
    from cockpit.engine.engine import Engine


def target_dimensions(registry: DimensionRegistry) -> set[str]:
    """The dimensions targets are set by: those whose column the targets extract has
    (establishment, pole); a figure filtered or broken down any finer has no target row."""
    columns = CONTRACTS["targets"].names
    return {d.name for d in registry if d.kind == "column" and d.column in columns}


class _Entries(NamedTuple):
    months: dict[date, Threshold]
    years: dict[int, Threshold]


def all_targets(engine: Engine) -> dict[str, dict[tuple[str, str | None], _Entries]]:
    """Every target of the warehouse, by metric then (establishment, pole): one query per
    warehouse version, since a dashboard page asks for the targets of dozens of metrics."""
    sql = (
        "SELECT metric, establishment_id, pole, period, year, target, amber_threshold, "
        "red_threshold FROM targets"
    )

    def index() -> dict[str, dict[tuple[str, str | None], _Entries]]:
        entries: dict[str, dict[tuple[str, str | None], _Entries]] = {}
        for metric, est, pole, period, year, target, amber, red in engine.execute_trusted(sql):
            by_place = entries.setdefault(metric, {})
            slot = by_place.setdefault((est, pole), _Entries({}, {}))
            if period is not None:
                slot.months[period] = Threshold(target, amber, red)
            else:
                slot.years[year] = Threshold(target, amber, red)
        return entries

    return engine.cached(("targets",), index)


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
        self.extract_applies = finer <= target_dimensions(engine.catalog.dimensions)
        self._rows = self._load() if self.extract_applies else {}
        defaults = metric.thresholds
        self.default = (
            Threshold(defaults.target, defaults.amber, defaults.red)
            if any(v is not None for v in (defaults.target, defaults.amber, defaults.red))
            else None
        )

    def _load(self) -> dict[tuple[str, str | None], _Entries]:
        return all_targets(self.engine).get(self.metric.id, {})

    def _one(self, establishment_id: str, pole: str | None, bucket_end: date) -> Threshold | None:
        slot = self._rows.get((establishment_id, pole))
        if slot is None:
            return None
        return slot.months.get(bucket_end) or slot.years.get(bucket_end.year)

    def _group_sum(self, pole: str | None, bucket_end: date) -> Threshold | None:
        """A flow's target for the whole group: the sum over establishments, if all have one."""

        def total() -> Threshold | None:
            found = None
            for establishment_id in self.engine.establishments():
                part = self._one(establishment_id, pole, bucket_end)
                if part is None:
                    return None
                found = part if found is None else found.plus(part)
            return found

        return self.engine.cached(("target_sum", self.metric.id, pole, bucket_end), total)

    def threshold(
        self, establishment_id: str | None, pole: str | None, bucket: date, months: int
    ) -> Threshold | None:
        pole = pole or self.filters.get("pole") or self.perimeter.pole
        bucket_end = self.plan.period.end if self.plan.grain is None else bucket
        found: Threshold | None = None
        if self._rows and establishment_id:
            found = self._one(establishment_id, pole, bucket_end)
        elif self._rows and self.metric.is_flow:
            found = self._group_sum(pole, bucket_end)
        if found is None and not self.metric.is_flow:
            found = self.default
        if found is not None and self.metric.is_flow:
            found = found.scaled(months)
        return found
