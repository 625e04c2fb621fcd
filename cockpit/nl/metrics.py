"""Metric linking: which catalog metrics the question names, scored.

Each metric is said by its labels, synonyms and the phrases quoted in its
`ai_instructions` (see lexicon.py); a phrase scores the characters of the question
it covers, weighted by how closely each word was said (same word, same stem).
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.nl.lexicon import Lexicon
from cockpit.nl.phrases import Similar, find_all_words


@dataclass(frozen=True)
class MetricMatch:
    metric: str
    score: float
    indices: frozenset[int]
    words: tuple[str, ...]
    lang: str = "fr"  # the language of the catalog phrase that matched


def link_metrics(ws: list[str], similar: Similar, lexicon: Lexicon) -> list[MetricMatch]:
    """The best match of each metric said in the question, best first."""
    said = {w for found in similar for w in found}
    best: dict[str, MetricMatch] = {}
    for term in lexicon.terms_with(said):
        found = find_all_words(ws, similar, term.words)
        if found is None:
            continue
        current = best.get(term.metric)
        if current is None or found.score > current.score:
            best[term.metric] = MetricMatch(
                term.metric, found.score, found.indices, term.words, term.lang
            )
    return sorted(best.values(), key=lambda m: (-m.score, m.metric))


def top_metrics(matches: list[MetricMatch], tolerance: float = 0.01) -> list[MetricMatch]:
    """The matches tied at the top score (several: the question is ambiguous)."""
    if not matches:
        return []
    return [m for m in matches if m.score >= matches[0].score - tolerance]
