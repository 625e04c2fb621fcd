"""`GET /api/v1/national`: what a client may ask (a FINESS, a year, a peer group) and what it
gets back — the same object as `cockpit national show --json`, plus `freshness`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from cockpit.api.answers import Answer, Freshness
from cockpit.catalog.model import FormatPreset, Localized, Unit
from cockpit.contracts import FINESS_PATTERN

Finess = Annotated[
    str,
    StringConstraints(pattern=f"^{FINESS_PATTERN}$"),
    Field(examples=["840006597"], description="9-character FINESS"),
]
GroupId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$"),
    Field(examples=["sud_est"], description="A named peer group of queries/national/peers.yaml"),
]


class NationalParams(BaseModel):
    """Whom to compare, for which year, with which peers."""

    model_config = ConfigDict(extra="forbid")

    finess: Finess | None = Field(
        None,
        description="A legal entity's or a site's FINESS, or an establishment of the monthly "
        "data (default: the caller's establishment, else the first one compared as a public "
        "FINESS)",
    )
    year: int | None = Field(None, ge=1900, le=2999, description="Data year (default: latest)")
    peers: GroupId | None = Field(None, description="Default: same category and size class")


class PeerGroupInfo(BaseModel):
    id: str
    kind: Literal["category_size", "named"]
    label: Localized | None
    finess: list[str] | None


class PeerStatsInfo(Answer):
    """The peers' distribution (only `count` when fewer than 5 peers published a value)."""

    count: int
    median: float | None = None
    q1: float | None = None
    q3: float | None = None
    p10: float | None = None
    p90: float | None = None
    min: float | None = None
    max: float | None = None


class TrendPoint(Answer):
    year: int
    value: float | None
    status: str | None
    median: float | None
    q1: float | None
    q3: float | None
    percentile: float | None
    source: Literal["hospidiag", "sae"]


class OwnFigureInfo(BaseModel):
    metric: str
    year: int
    value: float | None
    unit: Unit


class NationalIndicator(Answer):
    id: str
    label: Localized
    theme: str
    unit: Unit
    format: FormatPreset
    direction: Literal["higher_is_better", "lower_is_better", "neutral"]
    year: int | None
    source: Literal["hospidiag", "sae"] | None = None
    value: float | None
    status: Literal["withheld", "not_applicable"] | None = None
    peers: PeerStatsInfo | None = None
    percentile: float | None = Field(None, description="Share of peers below, in %")
    better_than: float | None = Field(None, description="Share of peers it does better than")
    best20_threshold: float | None = None
    in_best20: bool | None = None
    trend: list[TrendPoint]
    own: OwnFigureInfo | None = Field(description="The hospital's own monthly figure, if seen")


class NationalAnswer(Answer):
    """A hospital against its peers, indicator by indicator."""

    finess: str
    level: Literal["legal_entity", "site"]
    legal_entity: str
    name: str | None
    establishment: str | None
    category: str | None
    size_class: str | None
    peer_group: PeerGroupInfo
    year: int | None
    own_figures: Literal["hidden_by_perimeter"] | None
    indicators: list[NationalIndicator]
    freshness: Freshness
