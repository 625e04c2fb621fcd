"""Metric matching from the catalog's labels and synonyms (fr + en), scored.

A phrase scores by how many characters of the question it covers (whole words,
after normalisation). The best metric wins; two metrics tied at the top score
mean the question is ambiguous (the caller asks back).
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.catalog.model import Metric
from cockpit.nl.normalize import contains, loose_find, normalize


@dataclass(frozen=True)
class MetricMatch:
    metric: Metric
    phrase: str  # normalized phrase that matched
    score: int


def phrases(metric: Metric) -> set[str]:
    """Every normalized way the catalog says this metric."""
    raw = [metric.label.fr, metric.label.en, *metric.synonyms.fr, *metric.synonyms.en]
    raw.append(metric.id.replace("_", " "))
    return {normalize(p).strip() for p in raw if normalize(p).strip()}


def match_metrics(text: str, metrics: list[Metric]) -> list[MetricMatch]:
    """Best match per metric, best first."""
    found: list[MetricMatch] = []
    for metric in metrics:
        best = None
        for phrase in phrases(metric):
            if loose_find(text, phrase) and (best is None or len(phrase) > len(best)):
                best = phrase
        if best:
            found.append(MetricMatch(metric, best, len(best)))
    # a phrase contained in a longer matched phrase of another metric does not count
    kept = [
        m
        for m in found
        if not any(
            o is not m and o.score > m.score and contains(f" {o.phrase} ", m.phrase) for o in found
        )
    ]
    return sorted(kept, key=lambda m: -m.score)


def pick(matches: list[MetricMatch]) -> tuple[MetricMatch | None, list[MetricMatch]]:
    """(winner, tied candidates). A tie at the top returns no winner and the candidates."""
    if not matches:
        return None, []
    top = [m for m in matches if m.score == matches[0].score]
    if len(top) > 1:
        return None, top
    return matches[0], []
