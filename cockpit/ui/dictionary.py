"""The indicator dictionary's content: for each metric its definition file, its last figure in
the user's perimeter with the month behind it, the SQL a sample plan compiles to and the
loads its extracts come from — all through the Engine. Searchable by a plain text query.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from cockpit.catalog.dimensions import DimensionRegistry
from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter, QueryError, QueryPlan
from cockpit.engine.lineage import Load
from cockpit.periods import Period
from cockpit.ui.figures import POOL


@dataclass(frozen=True)
class Entry:
    metric: Metric
    month: date  # the month of the sample plan: the last one its extracts all cover
    value: float | None
    sql: str | None  # None: the metric cannot be computed within this perimeter
    refusal: str | None
    loads: tuple[Load, ...]


def folded(text: str) -> str:
    """Lower case without accents, so « etp medicaux » finds « ETP médicaux »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def searched_text(metric: Metric, registry: DimensionRegistry) -> str:
    """Everything a search looks in: id, labels, definitions, words, owner, dimensions."""
    said = [metric.id, metric.label.fr, metric.label.en, metric.description.fr]
    said += [metric.description.en, metric.owner, *metric.synonyms.fr, *metric.synonyms.en]
    said += [registry.label(d, lang) for d in metric.dimensions for lang in ("fr", "en")]
    return folded(" ".join(said))


def matching(metrics: list[Metric], registry: DimensionRegistry, query: str) -> list[Metric]:
    """The metrics whose text holds every word of the query (all of them for no query)."""
    words = folded(query).split()
    return [m for m in metrics if all(w in searched_text(m, registry) for w in words)]


def _month_of(engine: Engine, loads: tuple[Load, ...], latest: date) -> date:
    """The last month every extract of the metric covers, at most `latest`."""
    covered = {k.kind: k.last_month for k in engine.freshness().kinds}
    months = [covered.get(load.kind) for load in loads]
    return min([latest, *(m for m in months if m)])


def entry(engine: Engine, perimeter: Perimeter, metric: Metric, latest: date) -> Entry:
    loads = engine.lineage(metric.id)
    month = _month_of(engine, loads, latest)
    plan = QueryPlan.build(metric.id, Period.month(month))
    try:
        result = engine.run(plan, perimeter)
    except QueryError as exc:
        return Entry(metric, month, None, None, str(exc), loads)
    return Entry(metric, month, result.value, result.sql, None, loads)


def entries(
    engine: Engine, perimeter: Perimeter, metrics: list[Metric], latest: date
) -> list[Entry]:
    """One entry per metric, computed side by side on a cold cache."""
    return list(POOL.map(lambda m: entry(engine, perimeter, m, latest), metrics))
