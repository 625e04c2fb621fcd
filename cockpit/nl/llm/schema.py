"""The plan draft the chat model fills, built from the catalog: every choice is an enum of
what exists (metric ids, dimensions, grains, comparisons, rank orders), so the model can only
pick; the one free-text field is the words naming a dimension value, resolved afterwards."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from cockpit.catalog.model import Metric
from cockpit.engine.plan import COMPARES, MAX_RANK, RANK_ORDERS
from cockpit.periods import GRAINS

MAX_FILTERS = 4
MAX_WORDS = 60
# No regex `pattern` on the months: llama.cpp's grammar compiler rejects `\d`; checks.py
# parses them instead.
_MONTH = "YYYY-MM"


class FilterDraft(BaseModel):
    """One filter as the question says it; `words` are resolved to a canonical value later."""

    model_config = ConfigDict(extra="forbid")
    dimension: str
    words: str = Field(max_length=MAX_WORDS)


class RankDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")
    order: Literal[RANK_ORDERS]  # type: ignore[valid-type]
    limit: int = Field(ge=1, le=MAX_RANK)


class PeriodDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: str = Field(max_length=7, description=_MONTH)
    end: str = Field(max_length=7, description=_MONTH)


def askable(metrics: list[Metric]) -> list[Metric]:
    """The metrics a person may ask for (helper metrics of formulas are not offered)."""
    return [m for m in metrics if not m.hidden]


def draft_schema(metrics: list[Metric], dimension_names: tuple[str, ...]) -> type[BaseModel]:
    """The pydantic model of a plan draft for this catalog (its name is the tool's name);
    `dimension_names` are the registry's, in its order."""
    offered = askable(metrics)
    metric_ids = tuple(m.id for m in offered)
    dimensions = tuple(d for d in dimension_names if any(d in m.dimensions for m in offered))
    dimension = Literal[dimensions]  # type: ignore[valid-type]
    filter_draft = create_model(
        "Filter",
        __base__=FilterDraft,
        dimension=(dimension, Field(description="what the words name")),
        words=(
            str,
            Field(max_length=MAX_WORDS, description="the words of the question, as written"),
        ),
    )
    return create_model(
        "plan_question",
        __doc__="The indicator a question asks for and how to slice it.",
        __config__=ConfigDict(extra="forbid"),
        metric=(
            Literal[metric_ids] | None,  # type: ignore[valid-type]
            Field(description="indicator id; null when no indicator answers"),
        ),
        filters=(
            list[filter_draft],
            Field(default_factory=list, max_length=MAX_FILTERS, description="places, staff"),
        ),
        group_by=(
            list[dimension],
            Field(default_factory=list, max_length=2, description="« par pôle », « quel service »"),
        ),
        rank=(RankDraft | None, Field(default=None, description="« le plus », « les 3 … »")),
        compare=(Literal[COMPARES] | None, Field(default=None)),  # type: ignore[valid-type]
        grain=(
            Literal[GRAINS] | None,  # type: ignore[valid-type]
            Field(default=None, description="month for an evolution or trend"),
        ),
        period=(
            PeriodDraft | None,
            Field(default=None, description="only if the question says one"),
        ),
    )
