"""How fresh the data is: the last month of each monthly extract and when it was loaded.

Read from the fact tables (last month present) and `ingest_log` (last successful load
of that kind). A kind whose last month is behind the others', or behind what today's
date leads to expect, carries a warning the front ends show beside the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from cockpit.periods import add_months, last_complete_month, month_label

if TYPE_CHECKING:
    from cockpit.engine.engine import Engine

MONTHLY_KINDS = ("activity", "hr", "finance", "treasury")
# Monthly extracts usually arrive in the first weeks of the next month: one month of lag
# beyond the last complete month is normal, two is late.
EXPECTED_LAG_MONTHS = 1


@dataclass(frozen=True)
class KindFreshness:
    kind: str
    last_month: date | None
    loaded_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "last_month": month_label(self.last_month) if self.last_month else None,
            "loaded_at": self.loaded_at.isoformat(timespec="seconds") if self.loaded_at else None,
        }


@dataclass(frozen=True)
class FreshnessWarning:
    kind: str
    reason: str  # "behind_others" | "late" | "missing"
    last_month: date | None

    def as_json(self) -> dict[str, Any]:
        month = month_label(self.last_month) if self.last_month else None
        return {"kind": self.kind, "reason": self.reason, "last_month": month}


@dataclass(frozen=True)
class Freshness:
    kinds: tuple[KindFreshness, ...]
    warnings: tuple[FreshnessWarning, ...] = field(default=())

    @property
    def last_month(self) -> date | None:
        """The last month every monthly extract covers (what « données à fin … » means)."""
        months = [k.last_month for k in self.kinds]
        return None if not months or None in months else min(months)

    @property
    def loaded_at(self) -> datetime | None:
        times = [k.loaded_at for k in self.kinds if k.loaded_at]
        return max(times) if times else None

    def as_json(self) -> dict[str, Any]:
        last = self.last_month
        return {
            "last_month": month_label(last) if last else None,
            "loaded_at": self.loaded_at.isoformat(timespec="seconds") if self.loaded_at else None,
            "kinds": [k.as_json() for k in self.kinds],
            "warnings": [w.as_json() for w in self.warnings],
        }


def read_freshness(engine: Engine, today: date | None = None) -> Freshness:
    """Freshness of the warehouse the engine reads (cached per warehouse version)."""
    rows = engine.cached(("freshness",), lambda: engine.execute_trusted(_SQL))
    found = {kind: (last, loaded) for kind, last, loaded in rows}
    kinds = tuple(KindFreshness(k, *found.get(k, (None, None))) for k in MONTHLY_KINDS)
    return Freshness(kinds, tuple(_warnings(kinds, today or date.today())))


def _warnings(kinds: tuple[KindFreshness, ...], today: date) -> list[FreshnessWarning]:
    months = [k.last_month for k in kinds if k.last_month]
    newest = max(months) if months else None
    expected = add_months(last_complete_month(today), -EXPECTED_LAG_MONTHS)
    warnings = []
    for k in kinds:
        if k.last_month is None:
            warnings.append(FreshnessWarning(k.kind, "missing", None))
        elif newest and k.last_month < newest:
            warnings.append(FreshnessWarning(k.kind, "behind_others", k.last_month))
        elif k.last_month < expected:
            warnings.append(FreshnessWarning(k.kind, "late", k.last_month))
    return warnings


_SQL = " UNION ALL ".join(
    f"SELECT '{kind}' AS kind, (SELECT max(period) FROM {kind}) AS last_month, "  # nosec B608 # table names are the MONTHLY_KINDS constants
    f"(SELECT max(finished_at) FROM ingest_log WHERE kind = '{kind}' AND outcome = 'ok')"
    for kind in MONTHLY_KINDS
)
