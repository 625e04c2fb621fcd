"""Metric and entity linking together: which metric the question asks about, and which
places and staff it names, without letting one word serve both.

A word that names a place is read as the place when another metric is said
(« DMS aux urgences »), as the metric when nothing else is (« les urgences en mars »).
A staff category said alone in a count (« combien de médecins ») stands for the
staff count: the word people say for it (« effectifs », "staffing") is looked up in
the catalog like any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cockpit.nl import entities
from cockpit.nl.entities import Entities, EntityMatch
from cockpit.nl.lexicon import Lexicon
from cockpit.nl.metrics import MetricMatch, link_metrics, partly_said, top_metrics
from cockpit.nl.normalize import blank_words, word_set, words

_PLACE_READING = 0.5  # an entity covering a metric's words this well explains them
_COUNTING = ("combien", "nombre", "how many", "number of", "count")
_PEOPLE = word_set("agent personnel staff employee salarie effectif people personne person worker")
_STAFF_COUNT = {"fr": "effectif", "en": "staffing"}


@dataclass
class Links:
    metrics: list[MetricMatch] = field(default_factory=list)  # tied at the top
    entities: Entities = field(default_factory=Entities)
    rest: str = ""
    partly: list[str] = field(default_factory=list)  # metrics said in part, when none in full

    @property
    def metric(self) -> str | None:
        return self.metrics[0].metric if len(self.metrics) == 1 else None


def link(
    text: str, lexicon: Lexicon, lang: str, dimensions_of, *, follow_up: bool = False
) -> Links:
    """`dimensions_of(metric_id)` gives the dimensions a metric may be filtered by. In a
    follow-up the metric is already known, so a word naming a place is the place
    ("and for surgery?")."""
    ws = words(text)
    places = entities.candidates(ws, lexicon.similar_entity_words(ws), lexicon)
    similar = lexicon.similar_catalog_words(ws, lang)
    found = [m for m in link_metrics(ws, similar, lexicon) if not _only_people(m, ws)]
    not_places = [m for m in found if not _only_a_place(m, places)]
    top = top_metrics(not_places or ([] if follow_up else found))
    if not not_places and _counts_staff(text, ws, places, lexicon.dimensions.staff):
        extra = [w for w in ws if w not in _PEOPLE] + [_STAFF_COUNT[lang]]
        staff = link_metrics(extra, lexicon.similar_catalog_words(extra, lang), lexicon)
        top = [
            MetricMatch(m.metric, m.score, frozenset(), m.words, m.lang) for m in top_metrics(staff)
        ]
    used = set().union(*(m.indices for m in top)) if top else set()
    allowed = tuple(dimensions_of(top[0].metric)) if len(top) == 1 else None
    free = [p for p in places if not p.indices & used]
    chosen = entities.choose(ws, free, allowed, lexicon.dimensions)
    rest = blank_words(text, used | chosen.used)
    unused = {i for i in range(len(ws)) if i not in chosen.used}
    partly = [] if top else partly_said(ws, similar, lexicon, unused)
    return Links(top, chosen, rest, partly)


def _only_a_place(match: MetricMatch, places: list[EntityMatch]) -> bool:
    """The metric's words all name a place (« urgences »: ER visits, or the service?)."""
    return any(match.indices <= p.indices and p.score >= _PLACE_READING for p in places)


def _only_people(match: MetricMatch, ws: list[str]) -> bool:
    """ "staff" said alone names who, not what: it is not "staffing" (only the same word is)."""
    return all(ws[i] in _PEOPLE and ws[i] not in match.words for i in match.indices)


def _counts_staff(
    text: str, ws: list[str], places: list[EntityMatch], staff_dimensions: tuple[str, ...]
) -> bool:
    counting = any(f" {w} " in text for w in _COUNTING)
    staff = any(p.dimension in staff_dimensions for p in places) or bool(_PEOPLE & set(ws))
    return counting and staff
