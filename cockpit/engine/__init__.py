"""The query engine: (metric, period, grain, filters, group-by, compare, perimeter) → result."""

from cockpit.engine.engine import Engine
from cockpit.engine.plan import (
    COMPARES,
    PerimeterDenied,
    QueryError,
    QueryPlan,
    QueryResult,
    QueryTimeout,
    Rank,
    UnknownMetric,
)
from cockpit.perimeter import Perimeter
from cockpit.warehouse.connection import WarehouseMissing

__all__ = [
    "COMPARES",
    "Engine",
    "Perimeter",
    "PerimeterDenied",
    "QueryError",
    "QueryPlan",
    "QueryResult",
    "QueryTimeout",
    "Rank",
    "UnknownMetric",
    "WarehouseMissing",
]
