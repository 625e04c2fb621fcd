"""The Engine: the one road to the data for the dashboard, the CLI, the API and questions.

It validates a plan against the catalog, the known dimension values and the
user's perimeter, compiles it, runs it read-only with a time and row limit,
attaches comparisons and statuses, and caches results per warehouse version.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from cockpit.catalog.live import LiveCatalog
from cockpit.catalog.loader import Catalog
from cockpit.catalog.model import Metric, Thresholds
from cockpit.engine.cache import ResultCache, SharedCache
from cockpit.engine.compiler import Compiler, months_in_bucket, values_sql
from cockpit.engine.freshness import Freshness, read_freshness
from cockpit.engine.lineage import Load, lineage
from cockpit.engine.plan import (
    COMPARES,
    MAX_RANK,
    RANK_ORDERS,
    PerimeterDenied,
    QueryError,
    QueryPlan,
    QueryResult,
    QueryTimeout,
    UnknownMetric,
)
from cockpit.engine.signals import budget_status
from cockpit.engine.sql_guard import guard_select
from cockpit.engine.status import Threshold, status_of
from cockpit.engine.targets import TargetBook
from cockpit.perimeter import Perimeter
from cockpit.periods import GRAINS, Period, bucket_label
from cockpit.warehouse.backends import Warehouse, WarehouseTimeout, as_warehouse

RATIO_PARTS = ("numerator", "denominator")


class Engine:
    def __init__(
        self,
        warehouse: str | Path | Warehouse,
        queries_dir: str | Path,
        *,
        timeout_s: float = 5.0,
        row_limit: int = 10_000,
        cache_size: int = 1024,
        cache_results: bool = True,
        shared_cache: SharedCache | None = None,
    ):
        """`warehouse`: a DuckDB file path, a warehouse URL (duckdb:///…, postgresql://…,
        spark+local:///…) or an open backend."""
        self.warehouse = as_warehouse(warehouse)
        self.queries_dir = Path(queries_dir)
        self.timeout_s = timeout_s
        self.row_limit = row_limit
        self.live_catalog = LiveCatalog(self.queries_dir)
        self._compiled_for: tuple[int, Compiler] | None = None
        self._cache = ResultCache(cache_size, shared_cache)
        self.cache_results = cache_results

    # -- catalog ------------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        """The catalog as its files are now (edits are picked up without a restart)."""
        return self.live_catalog.current().catalog

    @property
    def compiler(self) -> Compiler:
        version = self.live_catalog.current()
        compiled = self._compiled_for
        if compiled is None or compiled[0] != version.number:
            compiled = (version.number, Compiler(version.catalog))
            self._compiled_for = compiled
        return compiled[1]

    def metrics(self) -> list[Metric]:
        return self.catalog.visible()

    def metric(self, metric_id: str) -> Metric:
        try:
            return self.catalog.get(metric_id)
        except KeyError:
            raise UnknownMetric(f"unknown metric {metric_id!r}") from None

    # -- raw execution ------------------------------------------------------
    def execute_trusted(self, sql: str, timeout_s: float | None = None) -> list[tuple]:
        """Run SQL the engine or the catalog wrote (never a user's): read-only, time-limited,
        on whichever warehouse is configured (translated from DuckDB's dialect there)."""
        limit = timeout_s or self.timeout_s
        try:
            return self.warehouse.execute(sql, limit)
        except WarehouseTimeout as exc:
            raise QueryTimeout(f"the query ran longer than {limit:g} s and was stopped") from exc

    def has_table(self, name: str) -> bool:
        """Whether the warehouse holds that table (the national tables: DuckDB only)."""
        return self.cached(("has_table", name), lambda: self.warehouse.has_table(name))

    def cached(self, key: tuple, compute):
        """`compute()` once per key, warehouse version and catalog (an ingest starts afresh)."""
        version = (self.warehouse.generation, self.live_catalog.current().fingerprint)
        return self._cache.get_or_compute((*version, *key), compute)

    def run_sql(
        self, sql: str, perimeter: Perimeter, timeout_s: float | None = None
    ) -> list[tuple]:
        """Run analyst or generated SQL: one checked SELECT, row-limited, time-limited.

        Only users without a restricted perimeter may run free SQL, since a
        hand-written query cannot be trusted to apply a perimeter.
        """
        if not perimeter.is_everything:
            raise PerimeterDenied("free SQL is not available within a restricted perimeter")
        return self.execute_trusted(guard_select(sql, self.row_limit), timeout_s)

    # -- dimensions ---------------------------------------------------------
    def establishments(self) -> dict[str, str]:
        """FINESS id → establishment name, for every establishment in the warehouse."""
        rows = self.cached(
            ("establishments",),
            lambda: self.execute_trusted(
                "SELECT DISTINCT establishment_id, establishment FROM structure ORDER BY 2"
            ),
        )
        return dict(rows)

    def lineage(self, metric_id: str) -> tuple[Load, ...]:
        """The extracts a metric reads and the last load of each (file, sha256, loaded at)."""
        self.metric(metric_id)
        return lineage(self, metric_id)

    def freshness(self, today: date | None = None) -> Freshness:
        """The last month of each monthly extract, when it was loaded, and warnings."""
        return read_freshness(self, today)

    def organisation(self) -> list[tuple[str, str, str]]:
        """(FINESS, establishment name, pole) of every pole in the warehouse's structure."""
        rows = self.cached(
            ("organisation",),
            lambda: self.execute_trusted(
                "SELECT DISTINCT establishment_id, establishment, pole FROM structure ORDER BY 1, 3"
            ),
        )
        return [tuple(r) for r in rows]

    def dimension_values(self, dimension: str, perimeter: Perimeter = Perimeter()) -> list[str]:
        """The canonical values of a dimension the user may see, sorted (as the registry
        `queries/dimensions.yaml` says where they are listed)."""
        registry = self.catalog.dimensions
        if dimension not in registry:
            raise QueryError(f"unknown dimension {dimension!r}")
        declared = registry[dimension]
        if declared.kind == "derived":
            present = set(self.dimension_values(declared.from_, perimeter))
            return sorted(g for g, members in declared.values.items() if present & set(members))
        sql = values_sql(declared, perimeter)
        rows = self.cached(("dimension", sql), lambda: self.execute_trusted(sql))
        return [str(r[0]) for r in rows]

    def months_available(self) -> tuple[date, date] | None:
        """First and last month with activity data."""
        rows = self.cached(
            ("months",),
            lambda: self.execute_trusted("SELECT min(period), max(period) FROM activity"),
        )
        first, last = rows[0]
        return (first, last) if first else None

    # -- plans --------------------------------------------------------------
    def validate(
        self, plan: QueryPlan, perimeter: Perimeter, check_values: bool = True
    ) -> dict[str, str]:
        """Check a plan before anything runs; returns the filters with establishments
        resolved to FINESS ids. Raises QueryError saying what is wrong.

        `check_values=False` skips what needs the warehouse (filter values), for
        explaining a definition before any data is loaded."""
        metric = self.metric(plan.metric)
        if plan.grain is not None and plan.grain not in GRAINS:
            raise QueryError(
                f"grain must be one of {', '.join(GRAINS)} or none, not {plan.grain!r}"
            )
        if plan.compare is not None and plan.compare not in COMPARES:
            raise QueryError(f"compare must be one of {', '.join(COMPARES)}, not {plan.compare!r}")
        if plan.compare == "budget" and not metric.budget_expr:
            raise QueryError(f"{metric.id} has no budget to compare with")
        if not isinstance(plan.period, Period):
            raise QueryError("period must be a Period")
        for dim in [*plan.group_by, *plan.filter_map]:
            if dim not in metric.dimensions:
                raise QueryError(
                    f"{metric.id} cannot be broken down or filtered by {dim!r} "
                    f"(allowed: {', '.join(metric.dimensions) or 'none'})"
                )
        if metric.establishment_only and perimeter.pole:
            raise PerimeterDenied(
                f"{metric.id} is only meaningful for a whole establishment (its revenue is not "
                f"allocated to poles), not within a pole perimeter ({perimeter.pole})"
            )
        if len(set(plan.group_by)) != len(plan.group_by):
            raise QueryError("group_by repeats a dimension")
        if plan.rank is not None:
            _check_rank(plan)
        if not check_values:
            return plan.filter_map
        resolved: dict[str, str] = {}
        for dim, value in plan.filter_map.items():
            resolved[dim] = self._canonical(dim, value, perimeter)
        establishment = resolved.get("establishment")
        if perimeter.establishment_id and establishment not in (None, perimeter.establishment_id):
            raise PerimeterDenied("that establishment is outside your perimeter")
        if perimeter.pole and resolved.get("pole") not in (None, perimeter.pole):
            raise PerimeterDenied(f"pole {resolved['pole']!r} is outside your perimeter")
        return resolved

    def _canonical(self, dimension: str, value: str, perimeter: Perimeter) -> str:
        """The canonical spelling of a filter value; an unknown one is refused with the
        values the user may choose from (only those inside their perimeter)."""
        wanted = str(value).casefold()
        if dimension == "establishment":
            names = self.establishments()
            if value in names:
                return value
            for finess, name in names.items():
                if name.casefold() == wanted:
                    return finess
            visible = self.dimension_values("establishment", perimeter)
            raise QueryError(f"unknown establishment {value!r} (known: {', '.join(visible)})")
        # A pole outside the perimeter is refused as such (PerimeterDenied, in validate); any
        # other value is looked up among those the user may see, so a service of another
        # pole answers like an unknown one and names outside the perimeter cannot be probed.
        searched = self.dimension_values(
            dimension, Perimeter() if dimension == "pole" else perimeter
        )
        for candidate in searched:
            if candidate.casefold() == wanted:
                return candidate
        visible = self.dimension_values(dimension, perimeter)
        shown = ", ".join(visible[:20]) + (" …" if len(visible) > 20 else "")
        raise QueryError(f"unknown {dimension} {value!r} (known: {shown})")

    def sql_for(self, plan: QueryPlan, perimeter: Perimeter, check_values: bool = True) -> str:
        """The SQL `run` would execute for this plan (validated first)."""
        filters = self.validate(plan, perimeter, check_values)
        return self.compiler.compile(
            plan, perimeter, filters, self.row_limit, self._budget_metric(plan)
        )

    def _budget_metric(self, plan: QueryPlan) -> Metric | None:
        metric = self.metric(plan.metric)
        if plan.compare != "budget" or not metric.budget_expr:
            return None
        return metric.model_copy(update={"id": f"{metric.id}_budget", "expr": metric.budget_expr})

    def run(self, plan: QueryPlan, perimeter: Perimeter) -> QueryResult:
        """Validate, compile and run a plan inside the perimeter."""
        if not self.cache_results:
            return self._run(plan, perimeter)
        return self.cached(("run", plan, perimeter), lambda: self._run(plan, perimeter))

    def run_part(self, plan: QueryPlan, part: str, perimeter: Perimeter) -> QueryResult:
        """A ratio metric's numerator or denominator, summed like a flow: a year-end landing
        projects each part and only then divides (a ratio of sums, never of monthly ratios)."""
        metric = self.metric(plan.metric)
        if metric.aggregation != "ratio" or part not in RATIO_PARTS:
            raise QueryError(f"{metric.id} has no {part!r} part (only ratios have {RATIO_PARTS})")
        if plan.compare is not None or plan.rank is not None:
            raise QueryError("a ratio's part is read without comparison or ranking")
        flow = metric.model_copy(
            update={
                "id": f"{metric.id}_{part}",
                "aggregation": "flow",
                "expr": getattr(metric, part),
                "numerator": None,
                "denominator": None,
                "thresholds": Thresholds(),
            }
        )
        if not self.cache_results:
            return self._run(plan, perimeter, flow)
        return self.cached(
            ("run_part", plan, part, perimeter), lambda: self._run(plan, perimeter, flow)
        )

    def _run(
        self, plan: QueryPlan, perimeter: Perimeter, metric: Metric | None = None
    ) -> QueryResult:
        metric = metric or self.metric(plan.metric)
        filters = self.validate(plan, perimeter)
        sql = self.compiler.compile(
            plan, perimeter, filters, self.row_limit, self._budget_metric(plan), metric
        )
        raw = self.execute_trusted(sql)
        truncated = len(raw) > self.row_limit
        raw = raw[: self.row_limit]
        names = self.establishments()
        book = TargetBook(self, metric, plan, filters, perimeter)
        has_compare = plan.compare in ("previous_year", "budget")
        rows = []
        for record in raw:
            bucket, *dim_values, value = record[: 2 + len(plan.group_by)]
            label = bucket_label(bucket, plan.grain) if plan.grain else str(plan.period)
            row: dict[str, Any] = {"period": label}
            establishment_id = filters.get("establishment") or perimeter.establishment_id
            for dim, dim_value in zip(plan.group_by, dim_values, strict=True):
                if dim == "establishment":
                    establishment_id = dim_value
                    dim_value = names.get(dim_value, dim_value)
                row[dim] = dim_value
            row["value"] = _number(value)
            months = months_in_bucket(plan.grain, plan.period, bucket)
            threshold = book.threshold(establishment_id, row.get("pole"), bucket, months)
            compare_value = _number(record[-1]) if has_compare else None
            if plan.compare == "target":
                compare_value = threshold.target if threshold else None
            if plan.compare:
                row["compare_value"] = compare_value
                row.update(_deltas(row["value"], compare_value))
            row.update(_status(metric, plan, row["value"], threshold, compare_value))
            rows.append(row)
        notes = self._notes(metric, plan, rows)
        columns = list(rows[0]) if rows else ["period", *plan.group_by, "value"]
        return QueryResult(
            plan, metric.unit, rows, self.warehouse.translate(sql), columns, truncated, notes
        )

    def _notes(self, metric: Metric, plan: QueryPlan, rows: list[dict]) -> list[str]:
        notes = []
        span = self.months_available()
        if span and plan.period.end > span[1]:
            notes.append(
                f"no data after {span[1]:%Y-%m}: the period asked ends {plan.period.end:%Y-%m}"
            )
        if span and plan.period.start < span[0]:
            notes.append(f"no data before {span[0]:%Y-%m}")
        if metric.undefined_reason and any(r["value"] is None for r in rows):
            notes.append(metric.undefined_reason.en)
        return notes


def _check_rank(plan: QueryPlan) -> None:
    rank = plan.rank
    if not plan.group_by:
        raise QueryError("a ranking needs a breakdown (group_by), e.g. by pole or service")
    if rank.order not in RANK_ORDERS:
        raise QueryError(f"rank.order must be one of {', '.join(RANK_ORDERS)}, not {rank.order!r}")
    if not 1 <= rank.limit <= MAX_RANK:
        raise QueryError(f"rank.limit must be between 1 and {MAX_RANK}, not {rank.limit}")


def _status(
    metric: Metric,
    plan: QueryPlan,
    value: float | None,
    threshold: Threshold | None,
    compare_value: float | None,
) -> dict[str, Any]:
    """target, thresholds, status and what the status was judged against (`reference`:
    target | threshold | budget): a target or thresholds first, else the gap to budget."""
    status = status_of(value, metric.direction, threshold)
    reference = None
    if status is not None:
        reference = "target" if threshold.target is not None else "threshold"
    elif plan.compare == "budget":
        status = budget_status(value, compare_value, metric.direction, metric.budget_bands)
        reference = "budget" if status else None
    return {
        "target": threshold.target if threshold else None,
        "amber_threshold": threshold.amber if threshold else None,
        "red_threshold": threshold.red if threshold else None,
        "status": status,
        "reference": reference,
    }


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if number == number else None  # NaN → None


def _deltas(value: float | None, compare: float | None) -> dict[str, float | None]:
    if value is None or compare is None:
        return {"delta": None, "delta_pct": None}
    delta = value - compare
    return {"delta": delta, "delta_pct": (delta / abs(compare)) if compare else None}
