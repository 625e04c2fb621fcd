"""Entity linking: the poles, services, establishments, sites and staff categories a
question names, matched against the warehouse's own values (see lexicon.py).

A name may be said whole or in part, with a stem or an abbreviation (« pneumo »,
« chir », « réa », « soins de suite »). When one place is said, the reading that covers
most of the question's words wins, then the one the metric can be filtered by, then
the closest; two readings as close are both returned so the planner can ask back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cockpit.nl.dimension_words import DimensionWords
from cockpit.nl.function_words import GLUE
from cockpit.nl.fuzzy import FUZZY, STEM
from cockpit.nl.lexicon import Lexicon
from cockpit.nl.normalize import GAP
from cockpit.nl.phrases import Similar, find_parts

# Words that never name a place on their own (« personnel » in « personnel médical »), nor
# do the nouns of dimensions.
_GENERIC = {"ch", "soin", "centre", "hospitalier", "personnel", "staff", "non", "unite"}
_MIN_SCORE = 0.25
_CLOSE = 0.1  # an exact name beats a stem (« Médecine » is not « médecin »)


@dataclass(frozen=True)
class EntityMatch:
    dimension: str
    value: str
    score: float  # 1.0: the whole name, said exactly
    indices: frozenset[int]


@dataclass
class Entities:
    chosen: list[EntityMatch] = field(default_factory=list)
    # readings as close as the chosen one, for the same words: the planner asks back
    rivals: list[EntityMatch] = field(default_factory=list)
    used: set[int] = field(default_factory=set)

    @property
    def filters(self) -> dict[str, str]:
        return {m.dimension: m.value for m in self.chosen}


def candidates(ws: list[str], similar: Similar, lexicon: Lexicon) -> list[EntityMatch]:
    said = {w for found in similar for w in found}
    generic = _GENERIC | set(lexicon.dimensions.nouns)
    out = []
    for entity in lexicon.entities_with(said):
        for found in find_parts(ws, similar, entity.words):
            if found.coverage < _MIN_SCORE or all(ws[i] in generic for i in found.indices):
                continue
            if len(found.indices) < len(entity.words) and found.weakest in (STEM, FUZZY):
                continue  # part of a name, one letter off: « soignés » is not « aide-soignant »
            out.append(EntityMatch(entity.dimension, entity.value, found.coverage, found.indices))
    return out


def choose(
    ws: list[str],
    found: list[EntityMatch],
    allowed: tuple[str, ...] | None,
    dimensions: DimensionWords,
) -> Entities:
    """Non-overlapping readings, best first (see the module docstring)."""
    nouns = {i: dimensions.nouns[w] for i, w in enumerate(ws) if w in dimensions.nouns}
    places = dimensions.places

    def key(m: EntityMatch):
        named = nouns.get(_before(ws, min(m.indices))) == m.dimension
        fits = allowed is None or m.dimension in allowed
        coarse = -places.index(m.dimension) if m.dimension in places else 0
        return (len(m.indices), named, fits, round(m.score, 3), coarse)

    out = Entities()
    taken: set[tuple[str, str]] = set()
    for match in sorted(found, key=key, reverse=True):
        if match.indices & out.used or (match.dimension, match.value) in taken:
            continue
        out.chosen.append(match)
        taken.add((match.dimension, match.value))
        out.used |= match.indices
        out.rivals.extend(
            r for r in _rivals(match, found, key, places) if (r.dimension, r.value) not in taken
        )
        noun = _before(ws, min(match.indices))
        if noun in nouns and _same_kind(nouns[noun], match.dimension, places):
            out.used.add(noun)  # « pôle Médecine »: the noun belongs to the name
    out.chosen.sort(key=lambda m: min(m.indices))  # as said in the question
    return out


def _same_kind(noun_dimension: str, dimension: str, places: tuple[str, ...]) -> bool:
    """« service de chirurgie » names a place even if chirurgie is a pole; « service … les
    infirmiers » does not name the nurses."""
    return noun_dimension == dimension or {noun_dimension, dimension} <= set(places)


def _rivals(
    match: EntityMatch, found: list[EntityMatch], key, places: tuple[str, ...]
) -> list[EntityMatch]:
    """Other readings of the same words, as close; a finer place of the same name is not
    one (the site « Rochebrune » of the establishment « CH de Rochebrune »)."""
    return [
        other
        for other in found
        if other.indices == match.indices
        and other.value != match.value
        and key(other)[:3] == key(match)[:3]
        and other.score > match.score - _CLOSE
        and not (
            other.dimension != match.dimension and {match.dimension, other.dimension} <= set(places)
        )
    ]


def _before(ws: list[str], i: int) -> int:
    """The index of the content word before i (-1 if none)."""
    for k in range(i - 1, -1, -1):
        if ws[k] == GAP:
            return -1
        if ws[k] not in GLUE:
            return k
    return -1


def unknown_places(ws: list[str], used: set[int], known, nouns: dict[str, str]) -> list[str]:
    """« pôle Astrophysique »: a dimension noun followed by a word nobody knows."""
    out = []
    for i, word in enumerate(ws):
        if word not in nouns or i in used:
            continue
        for k in range(i + 1, len(ws)):
            if ws[k] == GAP or k in used:
                break
            if ws[k] in GLUE:
                continue
            if ws[k].isalpha() and not known(ws[k]):
                out.append(f"{word} {ws[k]}")
            break
    return out
