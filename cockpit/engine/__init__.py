"""The query engine: (metric, period, grain, filters, group-by, compare, perimeter) → result."""

from cockpit.engine.engine import Engine
from cockpit.engine.plan import (
    COMPARES,
    Perimeter,
    PerimeterDenied,
    QueryError,
    QueryPlan,
    QueryResult,
    QueryTimeout,
    UnknownMetric,
)

__all__ = [
    "COMPARES",
    "Engine",
    "Perimeter",
    "PerimeterDenied",
    "QueryError",
    "QueryPlan",
    "QueryResult",
    "QueryTimeout",
    "UnknownMetric",
]
