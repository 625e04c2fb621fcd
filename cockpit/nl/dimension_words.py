"""Dimension words, read from the registry (`queries/dimensions.yaml`, `questions:`): which
dimensions a question may filter on, the nouns that name a dimension (« pôle », "ward"), and
other names for some values (English names, abbreviations of the trade) that neither
spelling nor prefixes can reach.

Metric words never live here: they come from the metric files.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.catalog.dimensions import DimensionRegistry
from cockpit.nl.normalize import tokens


@dataclass(frozen=True)
class Alias:
    dimension: str
    words: str  # normalized: « réa » → "rea"
    value: str  # as the warehouse spells it


@dataclass(frozen=True)
class DimensionWords:
    places: tuple[str, ...]  # organisation, coarse to fine
    staff: tuple[str, ...]
    filterable: tuple[str, ...]  # every dimension a question can filter on
    ranked_by_default: tuple[str, ...]  # offered when a ranking names nothing to rank
    nouns: dict[str, str]  # a normalized noun → the dimension it names
    labels: dict[str, tuple[str, str]]  # (French, English), as named to a person
    aliases: tuple[Alias, ...]

    def label(self, dimension: str, lang: str) -> str:
        fr, en = self.labels.get(dimension, (dimension, dimension))
        return fr if lang == "fr" else en

    def vocabulary(self) -> set[str]:
        found = set(self.nouns)
        for alias in self.aliases:
            found.update(alias.words.split())
        return found


def _normalized(text: str) -> str:
    return " ".join(tokens(text))


def dimension_words(registry: DimensionRegistry) -> DimensionWords:
    """What questions can say of the registry's dimensions."""
    asked = [d for d in registry if d.questions is not None]
    offered = [d for d in asked if d.questions.rank_choice]
    ranked = sorted(offered, key=lambda d: d.questions.rank_choice)
    return DimensionWords(
        places=registry.asked("place"),
        staff=registry.asked("staff"),
        filterable=registry.asked(),
        ranked_by_default=tuple(d.name for d in ranked),
        nouns={
            _normalized(word): d.name
            for d in asked
            for word in [*d.questions.words.fr, *d.questions.words.en]
        },
        labels={d.name: (d.label.fr, d.label.en) for d in registry},
        aliases=tuple(
            Alias(d.name, _normalized(alias), value)
            for d in asked
            for alias, value in d.questions.aliases.items()
        ),
    )
