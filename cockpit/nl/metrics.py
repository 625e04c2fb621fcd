"""Metric linking: which catalog metrics the question names, scored.

Each metric is said by its labels, synonyms and the phrases quoted in its
`ai_instructions` (see lexicon.py); a phrase scores the characters of the question
it covers, weighted by how closely each word was said (same word, same stem).
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.nl.function_words import COMMON
from cockpit.nl.fuzzy import PREFIX
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


def partly_said(
    ws: list[str], similar: Similar, lexicon: Lexicon, free: set[int], limit: int = 6
) -> list[str]:
    """Metrics a phrase of which is partly said (« le coût ? »: the cost of interim, of the
    payroll…), most said first: the choices to offer when no metric is said in full."""
    said: dict[str, float] = {}
    for i in free:
        if ws[i] in COMMON:
            continue  # « taux », « nombre » say nothing of which metric
        for word, score in similar[i].items():
            if score >= PREFIX:
                said[word] = max(said.get(word, 0.0), score)
    best: dict[str, float] = {}
    for term in lexicon.terms_with(set(said)):
        score = sum(len(w) * said[w] for w in set(term.words) if w in said)
        best[term.metric] = max(best.get(term.metric, 0.0), score)
    return sorted(best, key=lambda m: (-best[m], m))[:limit]


def top_metrics(matches: list[MetricMatch], tolerance: float = 0.01) -> list[MetricMatch]:
    """The matches tied at the top score (several: the question is ambiguous)."""
    if not matches:
        return []
    return [m for m in matches if m.score >= matches[0].score - tolerance]
