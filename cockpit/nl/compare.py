"""Comparisons said in a question: against last year (N-1), the budget or the target.

« par rapport à l'an dernier », « vs N-1 », "compared with budget", « au regard de
l'objectif »: a comparing word, then what is compared against.
"""

from __future__ import annotations

import re

from cockpit.nl.normalize import blank

_AGAINST = {
    "previous_year": r"(?:l |la meme periode de l )?(?:an|annee) (?:dernier|derniere|precedente|"
    r"passe|passee)|n 1|last year|the previous year|the prior year|previous year|prior year"
    r"|the same period last year|same period last year",
    "budget": r"(?:du |le |la |the )?budget|(?:le |the )?prevu|(?:la |the )?prevision budgetaire",
    "target": r"(?:l |la |le |the )?(?:objectif|cible|target|goal)",
}
_COMPARING = (
    r"(?:par rapport|compare|comparee|comparer|vs|versu|versus|contre|face|au regard|"
    r"rapporte|relative|relatively|compared|against|than|en comparaison|que|qu)"
)
_GLUE = r"(?: (?:a|au|aux|de|du|d|l|la|le|to|with|the|avec|en))*"
_RULES = [
    (kind, re.compile(rf"(?<![a-z0-9]){_COMPARING}{_GLUE} (?:{against})(?![a-z0-9])"))
    for kind, against in _AGAINST.items()
]
_ALONE = [
    ("previous_year", re.compile(r"(?<![a-z0-9])(?:year on year|year over year|yoy|sur un an "
                                 r"d ecart|en glissement annuel)(?![a-z0-9])")),
]  # fmt: skip


# « compare les entrées à l'an dernier », "compare admissions to last year"
_VERB = re.compile(r"(?<![a-z0-9])(?:compare|comparer|comparez|comparaison|compared)(?![a-z0-9])")
_LATER = [
    (
        kind,
        re.compile(rf"(?<![a-z0-9])(?:to|with|a|au|avec|et|and){_GLUE} (?:{against})(?![a-z0-9])"),
    )
    for kind, against in _AGAINST.items()
]


# « comparé à 2024 », « comparées au T1 2025 », "vs March 2025": a part of the year may
# stand between (the period read later is the question's own)
_PART_OF_YEAR = (
    r"(?: (?:t|q|s|h)[1-4]| (?:premier|second|deuxieme|troisieme|quatrieme|1er|first|second|"
    r"third|fourth) (?:trimestre|semestre|quarter|half)| (?:janvier|fevrier|mars|avril|mai|juin|"
    r"juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|"
    r"july|august|september|october|november|december))?"
)
_AGAINST_YEAR = re.compile(
    rf"(?<![a-z0-9])(?:{_COMPARING}|compare|comparer|comparez|comparaison){_GLUE}{_PART_OF_YEAR}"
    r" (?P<y>20\d\d)(?![a-z0-9])"
)


def read_compare_year(text: str) -> tuple[int | None, str]:
    """« comparé à 2024 », "vs 2024": the year compared with (the planner checks that it
    is the year before the period's: only N-1 can be compared)."""
    if match := _AGAINST_YEAR.search(text):
        return int(match.group("y")), blank(text, match.start(), match.end())
    return None, text


def read_compare(text: str) -> tuple[str | None, str]:
    """(previous_year | budget | target | None, the text without the comparison)."""
    for kind, pattern in [*_RULES, *_ALONE]:
        match = pattern.search(text)
        if match:
            return kind, blank(text, match.start(), match.end())
    if verb := _VERB.search(text):
        text = blank(text, verb.start(), verb.end())
        for kind, pattern in _LATER:
            if match := pattern.search(text):
                return kind, blank(text, match.start(), match.end())
    return None, text


def vocabulary() -> set[str]:
    words = set()
    for source in (*_AGAINST.values(), _COMPARING, _GLUE):
        words.update(re.findall(r"[a-z]{2,}", source))
    return words
