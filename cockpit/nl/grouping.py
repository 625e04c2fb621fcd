"""Breakdowns and series: « par pôle », "by service", « pour chaque établissement » set
`group_by`; « évolution », "monthly", « par trimestre » set the grain."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cockpit.nl.normalize import blank

_BY = (
    r"(?:ventile |detaille |reparti |decompose |split |broken down |breakdown |detail )?"
    r"(?:par|by|per|selon|pour chaque|for each|across|each|chaque)"
)
_GRAINS = {
    "month": r"evolution|evolue|tendance|trend|mensuel|mensuelle|par mois|by month|monthly"
    r"|month by month|mois par mois|courbe|per month|chaque mois|each month|serie|historique"
    r"|history|over time|au fil des mois"
    # a question about a direction is answered by the curve of recent months
    r"|getting worse|getting better|worsening|improving|rising|increasing|decreasing|falling"
    r"|going up|going down|augmente|augmentent|diminue|diminuent|progresse|progressent|baisse"
    r"|baissent|se degrade|se degradent|s ameliore|s ameliorent|en hausse|en baisse",
    "quarter": r"par trimestre|by quarter|quarterly|trimestriel|trimestrielle|per quarter",
    "year": r"par an|par annee|by year|yearly|annuel|annuelle|per year|year by year"
    r"|annee par annee",
}
_GRAIN_RES = {
    grain: re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z0-9])") for grain, words in _GRAINS.items()
}


@dataclass
class Grouping:
    group_by: list[str] = field(default_factory=list)
    grain: str | None = None
    rest: str = ""


@cache
def _group_re(nouns: tuple[str, ...]) -> re.Pattern:
    noun = "(?P<noun>" + "|".join(sorted(nouns, key=len, reverse=True)) + ")"
    return re.compile(rf"(?<![a-z0-9]){_BY} (?:le |la |l |the )?{noun}(?![a-z0-9])")


def read_grouping(text: str, nouns: dict[str, str]) -> Grouping:
    """`text` is normalized; `nouns` name dimensions (« pole » → pole); the words read are
    blanked out of `rest`."""
    out = Grouping(rest=text)
    for grain in ("quarter", "year", "month"):
        match = _GRAIN_RES[grain].search(out.rest)
        if match:
            out.grain = out.grain or grain
            out.rest = blank(out.rest, match.start(), match.end())
    by_noun = _group_re(tuple(sorted(nouns)))
    while nouns and (match := by_noun.search(out.rest)):
        dimension = nouns[match.group("noun")]
        if dimension not in out.group_by:
            out.group_by.append(dimension)
        out.rest = blank(out.rest, match.start(), match.end())
    return out


def vocabulary() -> set[str]:
    words = set(re.findall(r"[a-z]{2,}", _BY))
    for pattern in _GRAINS.values():
        words.update(re.findall(r"[a-z]{2,}", pattern))
    return words
