"""Everything the planner can recognise, gathered once per catalog and warehouse version:
each metric's phrases (labels, synonyms and phrases quoted in `ai_instructions`), each
dimension value's name (from the warehouse, plus aliases), and all known words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cockpit.engine import Perimeter, QueryError
from cockpit.nl import (
    compare,
    dictation,
    function_words,
    grouping,
    intent,
    landing_words,
    period_words,
    ranking,
)
from cockpit.nl.dimension_words import DimensionWords, dimension_words
from cockpit.nl.function_words import GLUE, STOPWORDS
from cockpit.nl.fuzzy import Speller, WordIndex
from cockpit.nl.normalize import tokens

# « … », "…" or “…” in ai_instructions: more ways people say the metric.
_QUOTED = re.compile(r"«\s*([^»]+?)\s*»|\"([^\"]+)\"|“([^”]+)”")
_ESTABLISHMENT_KIND = re.compile(
    r"^(?:chu|chr|ch|hopital|centre hospitalier|clinique) (?:de |du |d )?"
)


def content_words(text: str, lang: str = "fr") -> tuple[str, ...]:
    """The normalized words of a phrase without its language's glue or single letters."""
    return tuple(
        w for w in tokens(text) if w not in STOPWORDS[lang] and (len(w) > 1 or w.isdigit())
    )


@dataclass(frozen=True)
class MetricTerm:
    metric: str
    words: tuple[str, ...]
    lang: str


@dataclass(frozen=True)
class Entity:
    dimension: str
    value: str
    words: tuple[str, ...]


@dataclass
class Lexicon:
    terms: list[MetricTerm]
    entities: list[Entity]
    speller: Speller
    grammar: frozenset[str]
    dimensions: DimensionWords

    def __post_init__(self) -> None:
        self.catalog_index = WordIndex(w for t in self.terms for w in t.words)
        self.entity_index = WordIndex(w for e in self.entities for w in e.words)
        self._terms_by_word: dict[str, list[MetricTerm]] = {}
        for term in self.terms:
            for word in set(term.words):
                self._terms_by_word.setdefault(word, []).append(term)
        self._entities_by_word: dict[str, list[Entity]] = {}
        for entity in self.entities:
            for word in set(entity.words):
                self._entities_by_word.setdefault(word, []).append(entity)

    def known(self, word: str) -> bool:
        return word in self.speller.known

    def names(self, word: str) -> bool:
        """A word of a metric's phrases or of a place's name."""
        return word in self.catalog_index.words or word in self.entity_index.words

    def terms_with(self, words: set[str]) -> list[MetricTerm]:
        return list({id(t): t for w in words for t in self._terms_by_word.get(w, ())}.values())

    def entities_with(self, words: set[str]) -> list[Entity]:
        return list({id(e): e for w in words for e in self._entities_by_word.get(w, ())}.values())

    def similar_catalog_words(self, ws: list[str], lang: str) -> list[dict[str, float]]:
        """Glue words of the question's language are skipped (« TO » is not "to")."""
        glue = STOPWORDS[lang]
        return [self.catalog_index.similar(w) if w not in glue else {} for w in ws]

    def similar_entity_words(self, ws: list[str]) -> list[dict[str, float]]:
        """Abbreviations count here (« réa », « uro »), except for grammar words (« pas »)."""
        return [
            self.entity_index.similar(w, abbreviations=w not in self.grammar)
            if w not in GLUE
            else {}
            for w in ws
        ]


def metric_phrases(metric) -> list[tuple[str, str]]:
    """Every way the catalog says this metric, with its language."""
    said = [(metric.label.fr, "fr"), (metric.label.en, "en"), (metric.id.replace("_", " "), "en")]
    said += [(s, "fr") for s in metric.synonyms.fr] + [(s, "en") for s in metric.synonyms.en]
    for match in _QUOTED.finditer(metric.ai_instructions or ""):
        phrase = next(g for g in match.groups() if g)
        said.append((phrase, "fr" if match.group(1) else "en"))
    return said


def _entities(engine, words: DimensionWords) -> list[Entity]:
    found: list[Entity] = []
    for dimension in words.filterable:
        try:
            values = engine.dimension_values(dimension, Perimeter.everything())
        except QueryError:
            continue
        for value in values:
            name = value.replace("_", " ")
            found.append(Entity(dimension, value, content_words(name)))
            if dimension == "establishment":
                short = _ESTABLISHMENT_KIND.sub("", " ".join(tokens(name)))
                found.append(Entity(dimension, value, content_words(short)))
    for finess, name in engine.establishments().items():
        found.append(Entity("establishment", name, (finess,)))
    present = {(e.dimension, e.value) for e in found}
    for alias in words.aliases:
        if (alias.dimension, alias.value) in present:  # the value exists in this warehouse
            found.append(Entity(alias.dimension, alias.value, content_words(alias.words)))
    return [e for e in found if e.words]


def build_lexicon(engine) -> Lexicon:
    dimensions = dimension_words(engine.catalog.dimensions)
    terms = [
        MetricTerm(metric.id, words, lang)
        for metric in engine.metrics()
        for phrase, lang in metric_phrases(metric)
        if (words := content_words(phrase, lang))
    ]
    entities = _entities(engine, dimensions)
    catalog_words = frozenset(w for t in terms for w in t.words)
    entity_words = frozenset(w for e in entities for w in e.words)
    grammar = (
        function_words.vocabulary()
        | period_words.vocabulary()
        | dimensions.vocabulary()
        | dictation.grammar_words()
        | grammar_words()
    )
    names = catalog_words | entity_words
    starts = frozenset(w[:n] for w in names for n in range(3, len(w)))
    speller = Speller(names | grammar, starts.__contains__)
    return Lexicon(terms, entities, speller, frozenset(grammar - names), dimensions)


def grammar_words() -> set[str]:
    """Words of the grammar steps (ranking, grouping, compare, intent, landing)."""
    return (
        compare.vocabulary()
        | grouping.vocabulary()
        | intent.vocabulary()
        | ranking.vocabulary()
        | landing_words.vocabulary()
    )


def lexicon_for(engine) -> Lexicon:
    """The lexicon of this engine's catalog and warehouse (rebuilt after an ingest)."""
    return engine.cached(("nl", "lexicon"), lambda: build_lexicon(engine))
