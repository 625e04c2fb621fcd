"""What can be asked of the engine: a QueryPlan, run inside a user's Perimeter.

Pure data plus the errors the engine raises. The NL planner produces plans,
the dashboard builds them from its pickers, the CLI from its flags.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from cockpit.periods import Period, PeriodError, month_label

Compare = Literal["previous_year", "budget", "target"]
COMPARES: tuple[str, ...] = ("previous_year", "budget", "target")
RANK_ORDERS: tuple[str, ...] = ("desc", "asc")
MAX_RANK = 100


class QueryError(ValueError):
    """A plan the engine will not run; the message says what and why."""

    code = "invalid_plan"


class UnknownMetric(QueryError):
    code = "unknown_metric"


class PerimeterDenied(QueryError):
    """The plan reaches outside the user's perimeter."""

    code = "outside_perimeter"


class QueryTimeout(QueryError):
    code = "timeout"


@dataclass(frozen=True)
class Rank:
    """Keep the `limit` largest (desc) or smallest (asc) values of a breakdown.

    « le plus / le moins » speak of the value, whatever the metric's direction.
    """

    order: str
    limit: int

    def as_json(self) -> dict[str, Any]:
        return {"order": self.order, "limit": self.limit}


@dataclass(frozen=True)
class QueryPlan:
    """(metric, period, grain, filters, group-by, comparison, rank): one question to the
    warehouse.

    grain None means one figure for the whole period; filters map a dimension
    to one canonical value (establishment by name or FINESS); rank keeps the top
    or bottom N rows of a group-by (within each period bucket when there is a grain).
    """

    metric: str
    period: Period
    grain: str | None = None
    filters: tuple[tuple[str, str], ...] = ()
    group_by: tuple[str, ...] = ()
    compare: str | None = None
    rank: Rank | None = None

    @classmethod
    def build(
        cls,
        metric: str,
        period: Period,
        grain: str | None = None,
        filters: Mapping[str, str] | None = None,
        group_by: list[str] | tuple[str, ...] = (),
        compare: str | None = None,
        rank: Rank | Mapping[str, Any] | None = None,
    ) -> QueryPlan:
        if isinstance(rank, Mapping):
            rank = Rank(str(rank.get("order", "desc")), int(rank.get("limit", 1)))
        return cls(
            metric=metric,
            period=period,
            grain=grain or None,
            filters=tuple(sorted((filters or {}).items())),
            group_by=tuple(group_by),
            compare=compare or None,
            rank=rank,
        )

    @classmethod
    def from_json(cls, data: Any) -> QueryPlan:
        """A plan from the JSON of `as_json` (a previous answer's plan, an API context).

        Checks the shape only; `Engine.validate` checks the content against the catalog.
        """
        if not isinstance(data, Mapping):
            raise QueryError("a plan must be a JSON object")
        metric = data.get("metric")
        if not isinstance(metric, str) or not metric:
            raise QueryError("plan.metric must be a metric id")
        period = data.get("period")
        if not isinstance(period, Mapping) or not isinstance(period.get("start"), str):
            raise QueryError('plan.period must be {"start": "YYYY-MM", "end": "YYYY-MM"}')
        try:
            span = Period.parse(period["start"], period.get("end") or None)
        except (PeriodError, TypeError, AttributeError) as exc:
            raise QueryError(f"plan.period: {exc}") from None
        filters = data.get("filters") or {}
        if not isinstance(filters, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in filters.items()
        ):
            raise QueryError("plan.filters must map dimension names to values")
        group_by = data.get("group_by") or []
        if not isinstance(group_by, list | tuple) or not all(isinstance(d, str) for d in group_by):
            raise QueryError("plan.group_by must be a list of dimension names")
        for key in ("grain", "compare"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise QueryError(f"plan.{key} must be a string or null")
        rank = data.get("rank")
        if rank is not None:
            if not isinstance(rank, Mapping):
                raise QueryError('plan.rank must be null or {"order": "desc|asc", "limit": N}')
            limit = rank.get("limit", 1)
            if not isinstance(limit, int) or isinstance(limit, bool):
                raise QueryError("plan.rank.limit must be a whole number")
            rank = Rank(str(rank.get("order", "desc")), limit)
        return cls.build(
            metric,
            span,
            grain=data.get("grain"),
            filters=dict(filters),
            group_by=list(group_by),
            compare=data.get("compare"),
            rank=rank,
        )

    @property
    def filter_map(self) -> dict[str, str]:
        return dict(self.filters)

    def as_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "period": self.period.as_json(),
            "grain": self.grain,
            "filters": self.filter_map,
            "group_by": list(self.group_by),
            "compare": self.compare,
            "rank": self.rank.as_json() if self.rank else None,
        }


@dataclass
class QueryResult:
    """A tidy result: one dict per row with `period`, the group-by dimensions, `value`,
    and when asked `compare_value`, `delta`, `delta_pct`; every row has `status`
    (green | amber | red | None), what it was judged against (`reference`: target |
    threshold | budget | None) and the `target`, `amber_threshold`, `red_threshold` that
    apply (None when none does)."""

    plan: QueryPlan
    unit: str
    rows: list[dict[str, Any]]
    sql: str
    columns: list[str]
    truncated: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def is_single(self) -> bool:
        return self.plan.grain is None and not self.plan.group_by

    @property
    def value(self) -> float | None:
        """The figure, for a plan without grain or group-by (None when no data)."""
        if not self.is_single or not self.rows:
            return None
        return self.rows[0]["value"]

    @property
    def single_row(self) -> dict[str, Any] | None:
        return self.rows[0] if self.is_single and self.rows else None

    def as_json(self) -> dict[str, Any]:
        payload: dict[str, Any] = {**self.plan.as_json(), "unit": self.unit}
        if self.is_single:
            row = self.single_row or {}
            payload["value"] = row.get("value")
            for key in (
                "compare_value",
                "delta",
                "delta_pct",
                "target",
                "amber_threshold",
                "red_threshold",
                "status",
                "reference",
            ):
                payload[key] = row.get(key)
        else:
            payload["rows"] = self.rows
        payload["truncated"] = self.truncated
        payload["notes"] = self.notes
        payload["sql"] = self.sql
        return payload

    def frame(self):
        """The rows as a pandas DataFrame (for exports; keep pandas off hot paths)."""
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns)


def period_text(period: Period) -> str:
    if period.start == period.end:
        return month_label(period.start)
    return f"{month_label(period.start)} → {month_label(period.end)}"
