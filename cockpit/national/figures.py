"""What a national comparison says, as plain values: per indicator and year, the hospital's
value, its peers' distribution, its rank among them and the best-20 % threshold.

Direction-aware: for a « higher is better » indicator the best 20 % are at or above the
peers' 80th percentile, for « lower is better » at or below their 20th; a neutral
indicator (beds, staff) has a rank but no best or worst.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cockpit.national.dictionary import Indicator
from cockpit.national.own import OwnFigure
from cockpit.national.peers import PeerGroup
from cockpit.national.sql import QUANTILES

MIN_PEERS = 5  # fewer peers give no quartiles, no rank


@dataclass(frozen=True)
class PeerStats:
    count: int
    p10: float
    p20: float
    q1: float
    median: float
    q3: float
    p80: float
    p90: float
    lowest: float
    highest: float

    def as_json(self) -> dict[str, Any]:
        return {
            "count": self.count, "median": self.median, "q1": self.q1, "q3": self.q3,
            "p10": self.p10, "p90": self.p90, "min": self.lowest, "max": self.highest,
        }  # fmt: skip


@dataclass(frozen=True)
class YearFigure:
    year: int
    source: str
    value: float | None
    status: str | None  # withheld | not_applicable | None
    category: str | None
    size_class: str | None
    peer_count: int
    peers: PeerStats | None  # None below MIN_PEERS
    percentile: float | None  # share of peers below the value (ties count half), 0–1
    better_than: float | None  # share of peers the value is better than (None if neutral)
    best20_threshold: float | None
    in_best20: bool | None
    in_worst20: bool | None

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "source": self.source,
            "value": self.value,
            "status": self.status,
            "peers": self.peers.as_json() if self.peers else {"count": self.peer_count},
            "percentile": _pct(self.percentile),
            "better_than": _pct(self.better_than),
            "best20_threshold": self.best20_threshold,
            "in_best20": self.in_best20,
        }


def _pct(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def year_figure(indicator: Indicator, row: tuple) -> YearFigure:
    """One row of `comparison_sql` as a YearFigure."""
    (_, year, source, category, size_class, value, status,
     count, quantiles, lowest, highest, below, equal) = row  # fmt: skip
    enough = count >= MIN_PEERS
    stats = None
    if enough:
        q = dict(zip(QUANTILES, quantiles, strict=True))
        stats = PeerStats(count, q[0.1], q[0.2], q[0.25], q[0.5], q[0.75], q[0.8], q[0.9],
                          lowest, highest)  # fmt: skip
    ranked = enough and value is not None and not (indicator.volume and value == 0)
    percentile = (below + equal / 2) / count if ranked else None
    direction = indicator.direction
    better = threshold = best = worst = None
    if stats is not None and direction != "neutral":
        threshold = stats.p80 if direction == "higher_is_better" else stats.p20
        if percentile is not None:
            better = percentile if direction == "higher_is_better" else 1 - percentile
            if direction == "higher_is_better":
                best, worst = value >= stats.p80, value <= stats.p20
            else:
                best, worst = value <= stats.p20, value >= stats.p80
    return YearFigure(
        year, source, value, status, category, size_class, count, stats, percentile,
        better, threshold, best, worst,
    )  # fmt: skip


@dataclass(frozen=True)
class IndicatorComparison:
    indicator: Indicator
    years: tuple[YearFigure, ...]  # every year published, oldest first
    selected: YearFigure | None  # the year asked, else the latest with a value
    own: OwnFigure | None = None

    def as_json(self, lang: str = "fr") -> dict[str, Any]:
        ind = self.indicator
        return {
            "id": ind.id,
            "label": ind.label.model_dump(),
            "theme": ind.theme,
            "unit": ind.unit,
            "format": ind.format,
            "direction": ind.direction,
            **(self.selected.as_json() if self.selected else {"year": None, "value": None}),
            "trend": [
                {
                    "year": y.year,
                    "value": y.value,
                    "status": y.status,
                    "median": y.peers.median if y.peers else None,
                    "q1": y.peers.q1 if y.peers else None,
                    "q3": y.peers.q3 if y.peers else None,
                    "percentile": _pct(y.percentile),
                    "source": y.source,
                }
                for y in self.years
            ],  # fmt: skip
            "own": self.own.as_json() if self.own else None,
        }


def pick_year(years: tuple[YearFigure, ...], asked: int | None) -> YearFigure | None:
    """The year asked (even without a value: it says so), else the latest with a value."""
    if asked is not None:
        return next((y for y in years if y.year == asked), None)
    valued = [y for y in years if y.value is not None]
    return valued[-1] if valued else (years[-1] if years else None)


@dataclass(frozen=True)
class Comparison:
    """A hospital (legal entity or site) against its peers, indicator by indicator."""

    finess: str
    level: str  # legal_entity | site
    legal_entity: str
    name: str | None
    group: PeerGroup
    year: int | None  # the year asked (None: each indicator's latest)
    indicators: tuple[IndicatorComparison, ...]
    establishment_id: str | None = None  # the monthly data's establishment, when known
    own_hidden: bool = False  # own figures exist but the perimeter does not show them

    @property
    def category(self) -> str | None:
        return self._latest("category")

    @property
    def size_class(self) -> str | None:
        return self._latest("size_class")

    def _latest(self, name: str) -> str | None:
        found = [(y.year, getattr(y, name)) for c in self.indicators for y in c.years]
        found = [f for f in found if f[1] is not None]
        return max(found)[1] if found else None

    def get(self, indicator_id: str) -> IndicatorComparison:
        return next(c for c in self.indicators if c.indicator.id == indicator_id)

    def as_json(self) -> dict[str, Any]:
        return {
            "finess": self.finess,
            "level": self.level,
            "legal_entity": self.legal_entity,
            "name": self.name,
            "establishment": self.establishment_id,
            "category": self.category,
            "size_class": self.size_class,
            "peer_group": self.group.as_json(),
            "year": self.year,
            "own_figures": "hidden_by_perimeter" if self.own_hidden else None,
            "indicators": [c.as_json() for c in self.indicators],
        }
