"""Deterministic entity resolution: the words the model copied from the question become the
canonical value of a dimension in the warehouse, or an honest list of close values to ask
back with. Nothing the model writes reaches the engine unresolved."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from cockpit.engine import Perimeter
from cockpit.nl.normalize import normalize

# « CH de Rochebrune » is also said « Rochebrune ».
_ESTABLISHMENT_PREFIX = re.compile(r"^(?:chu|chr|ch|hopital|centre hospitalier) (?:de |du |d )?")
MIN_PREFIX = 3
CLOSE_ENOUGH = 0.82
WORTH_ASKING = 0.6


@dataclass(frozen=True)
class Resolution:
    """`value` when the words name one value of `dimension`; else the close values."""

    dimension: str
    words: str
    value: str | None = None
    close: tuple[str, ...] = ()


def words_in_question(words: str, question: str) -> bool:
    """Every word of `words` is a word of the question (the model copied, not invented)."""
    said = set(normalize(question).split())
    return bool(normalize(words).split()) and set(normalize(words).split()) <= said


class EntityResolver:
    """Resolves words to values with the warehouse's own names, then the offline planner's
    entity linking (aliases, English names), then unique prefixes, then close spellings."""

    def __init__(self, engine, offline):
        self.engine = engine
        self.offline = offline
        self._names: dict[str, dict[str, str]] = {}

    def names(self, dimension: str) -> dict[str, str]:
        """normalized name → canonical value, for one dimension of the whole warehouse."""
        if dimension not in self._names:
            index: dict[str, str] = {}
            for value in self.engine.dimension_values(dimension):
                key = normalize(value.replace("_", " ")).strip()
                index.setdefault(key, value)
                if dimension == "establishment":
                    index.setdefault(_ESTABLISHMENT_PREFIX.sub("", key), value)
            self._names[dimension] = index
        return self._names[dimension]

    def resolve(self, words: str, dimension: str, allowed: list[str], today: date) -> Resolution:
        """`dimension` is the model's reading; another allowed dimension wins only when the
        words name exactly one of its values (« Cardiologie » said as a pole is a service)."""
        key = normalize(words).strip()
        order = [dimension, *(d for d in allowed if d != dimension)]
        for dim in order:
            if key in self.names(dim):
                return Resolution(dim, words, self.names(dim)[key])
        linked = self.offline.parse(words, today, Perimeter.everything()).filters
        for dim in order:
            if dim in linked:
                return Resolution(dim, words, linked[dim])
        prefixed = self._by_prefix(key, dimension)
        if len(prefixed) == 1:
            return Resolution(dimension, words, prefixed[0])
        close = difflib.get_close_matches(
            key, list(self.names(dimension)), n=3, cutoff=WORTH_ASKING
        )
        near = [c for c in close if difflib.SequenceMatcher(None, key, c).ratio() >= CLOSE_ENOUGH]
        if len(near) == 1:  # one close spelling (a typo); two would be a guess
            return Resolution(dimension, words, self.names(dimension)[near[0]])
        choices = prefixed or [self.names(dimension)[c] for c in close]
        return Resolution(dimension, words, None, tuple(dict.fromkeys(choices)))

    def _by_prefix(self, key: str, dimension: str) -> list[str]:
        """Values one of whose words starts with every word said (« pneumo » → Pneumologie)."""
        said = key.split()
        if not said or min(len(w) for w in said) < MIN_PREFIX:
            return []
        found = []
        for name, value in self.names(dimension).items():
            words = name.split()
            if all(any(w.startswith(s) for w in words) for s in said):
                found.append(value)
        return list(dict.fromkeys(found))
