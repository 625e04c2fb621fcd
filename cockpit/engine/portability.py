"""Whether the catalog runs on a warehouse engine: every metric's SQL, for every plan shape,
translated from DuckDB's dialect and planned by the engine itself (without running it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cockpit.engine.engine import Engine
from cockpit.engine.plan import QueryError
from cockpit.engine.shapes import plan_shapes
from cockpit.perimeter import Perimeter
from cockpit.periods import Period
from cockpit.warehouse.backends.transpile import TranspileError
from cockpit.warehouse.connection import WarehouseMissing

# Any period will do: the SQL's form does not depend on it.
CHECK_PERIOD = Period.parse("2024-01", "2024-06")
SAMPLE_POLE = Perimeter(establishment_id="000000000", pole="(pole)")
SAMPLE_ESTABLISHMENT = Perimeter(establishment_id="000000000")


@dataclass(frozen=True)
class Problem:
    file: Path | None
    metric: str
    shape: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        return f"{where}{self.metric} ({self.shape}): {self.message}"


@dataclass
class Portability:
    problems: list[Problem]
    planned: bool  # False: the warehouse could not plan the queries; only translation checked
    unplanned_reason: str | None = None


def check_portability(engine: Engine, plan_on_warehouse: bool = True) -> Portability:
    """What cannot run on `engine.warehouse`. Without a reachable, loaded warehouse (or with
    `plan_on_warehouse=False`) only the translation is checked."""
    problems = []
    reason = None if plan_on_warehouse else "not asked"
    catalog = engine.catalog
    for metric in sorted(catalog.metrics.values(), key=lambda m: m.id):
        file = catalog.sources.get(metric.id)
        for shape, (plan, perimeter) in plan_shapes(
            metric, CHECK_PERIOD, SAMPLE_POLE, SAMPLE_ESTABLISHMENT
        ).items():
            try:
                sql = engine.sql_for(plan, perimeter, check_values=False)
                engine.warehouse.translate(sql)
                if plan_on_warehouse:
                    engine.warehouse.explain(sql)
            except QueryError:
                continue  # a shape the metric refuses (e.g. a pole perimeter): not a dialect matter
            except WarehouseMissing as exc:
                plan_on_warehouse, reason = False, str(exc)
            except (TranspileError, Exception) as exc:  # noqa: B014 # the engine's own error, whatever it is
                message = " ".join(str(exc).split())[:400]
                problems.append(Problem(file, metric.id, shape, message))
    return Portability(problems, plan_on_warehouse, reason)
