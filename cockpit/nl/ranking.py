"""Rankings and superlatives: « quel pôle a le plus… », « les 3 services avec la DMS la
plus longue », "which service has the lowest occupancy", "top 5 services by overtime".

« le plus / le moins » speak of the value whatever the metric's direction (SPEC §6);
« meilleur / pire », "best / worst" speak of performance, so their order comes from
the metric's direction later. « classement » ranks every value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cockpit.engine import Rank
from cockpit.engine.plan import MAX_RANK
from cockpit.nl.normalize import GAP, blank, strip_accents, word_set

_HIGH = "eleve|elevee|haut|haute|fort|forte|grand|grande|gro|grosse|important|importante|long|longue|nombreu|nombreuse|cher|chere"  # noqa: E501
_LOW = "bas|basse|faible|petit|petite|court|courte|reduit|reduite"
_NOT_RANKING = "recent|recente|tard|tot|souvent|vite"
_SUPERLATIVE = re.compile(
    r"(?<![a-z0-9])(?:le|la|les|l|au|du|des) (?P<dir>plus|moins)(?: (?P<adj>"
    + _HIGH + "|" + _LOW + "|" + _NOT_RANKING + r"))?(?![a-z0-9])"
)  # fmt: skip
_ENGLISH = {
    "desc": "highest|most|largest|biggest|greatest|longest|top|maximum|max|heaviest|costliest",
    "asc": "lowest|least|fewest|smallest|shortest|bottom|minimum|min|cheapest",
}
# "which of the two has the higher …": a comparative among places is a superlative
_COMPARATIVE = {
    "desc": "higher|larger|bigger|greater|longer|more",
    "asc": "lower|smaller|shorter|fewer|less",
}
_FRENCH = {"desc": "maximum|en tete", "asc": "minimum"}
# « les 5 premiers », « les 3 derniers » (never « juin dernier »: a number is needed)
_COUNTED_ORDER = re.compile(
    r"(?<![a-z0-9])(?P<n>\d{1,2}) (?P<o>premier|premiere|dernier|derniere)(?![a-z0-9])"
)
_JUDGEMENT = {
    "best": "meilleur|meilleure|best|le mieux|performant|performante",
    "worst": "pire|worst|moins bon|moins bonne|le plus mauvais|la plus mauvaise",
}
_ALL = "classement|classe|classer|ranking|rank|ranked|palmares|hierarchie"


def _word_re(words: str) -> re.Pattern:
    return re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z0-9])")


_ORDER_RES = [
    (order, _word_re(f"{_ENGLISH[order]}|{_FRENCH[order]}|{_COMPARATIVE[order]}"))
    for order in _ENGLISH
]
_JUDGEMENT_RES = [(kind, _word_re(words)) for kind, words in _JUDGEMENT.items()]
_ALL_RE = _word_re(_ALL)


@cache
def _number_re(nouns: tuple[str, ...]) -> re.Pattern:
    """A count of places: « les 3 », "top 5", « 3 services », « 5 premiers » (not « titre 2 »)."""
    said = "|".join([*nouns, "premier", "premiere", "dernier", "derniere", "first", "last"])
    return re.compile(
        rf"(?:(?<= )(?:les|the|top|bottom|des|aux|first|last|\{GAP}) (?P<n>\d{{1,2}})(?![a-z0-9])"
        rf"|(?<= )(?P<m>\d{{1,2}}) (?=(?:{said}) ))"
    )


DEFAULT_PLURAL_LIMIT = 5


@dataclass(frozen=True)
class Ranking:
    """order: desc | asc | None (decided by `judgement` and the metric's direction);
    limit None with `every` means all values; `plural` when the question named several."""

    order: str | None
    limit: int | None
    judgement: str | None = None
    every: bool = False
    plural: bool = False


def read_ranking(text: str, question: str, nouns: dict[str, str]) -> tuple[Ranking | None, str]:
    """(the ranking asked, the text without its words). `question` is the raw question,
    read for plurals (« quels services », "top services"); `nouns` name dimensions."""
    order, judgement, every, rest = None, None, False, text
    if match := _SUPERLATIVE.search(rest):
        adjective = match.group("adj") or ""
        if re.fullmatch(_NOT_RANKING, adjective):
            return None, text
        low = bool(re.fullmatch(_LOW, adjective))
        order = "desc" if (match.group("dir") == "plus") != low else "asc"
        rest = blank(rest, match.start(), match.end())
    for kind, pattern in _JUDGEMENT_RES:
        match = pattern.search(rest) if order is None else None
        if match and not _compares(rest, match.end()):  # « meilleur que l'an dernier »
            judgement = kind
            rest = blank(rest, match.start(), match.end())
    if order is None and judgement is None and (match := _COUNTED_ORDER.search(rest)):
        order = "desc" if match.group("o").startswith("premi") else "asc"
        rest = blank(rest, match.start("o"), match.end("o"))
    for kind, pattern in _ORDER_RES:
        if order is None and judgement is None and (match := pattern.search(rest)):
            order = kind
            rest = blank(rest, match.start(), match.end())
    if match := _ALL_RE.search(rest):
        every = True
        order = order or ("desc" if judgement is None else None)
        rest = blank(rest, match.start(), match.end())
    if order is None and judgement is None:
        return None, text
    limit = None
    if number := _number_re(tuple(sorted(nouns))).search(rest):
        limit = int(number.group("n") or number.group("m"))
        start = number.start("n") if number.group("n") else number.start("m")
        rest = blank(rest, start, start + len(str(limit)))
    plural = _names_several(question, nouns)
    if limit is None and not every:
        limit = DEFAULT_PLURAL_LIMIT if plural else 1
    return Ranking(order, limit, judgement, every and limit is None, plural), rest


def _compares(text: str, end: int) -> bool:
    """The word ending at `end` compares with something (« meilleur que », a comparison
    already read and blanked out): it is no ranking."""
    following = text[end:].split()[:1]
    return bool(following) and following[0] in (GAP, "que", "qu", "than")


def to_rank(ranking: Ranking, direction: str, count: int) -> Rank | None:
    """The engine's Rank for a metric of this direction; `count` values when all are
    ranked. None when « le meilleur » cannot be told (a metric aimed at a target)."""
    order = ranking.order
    if order is None:
        if direction == "target_band":
            return None
        high_is_good = direction == "higher_is_better"
        order = "desc" if (ranking.judgement == "best") == high_is_good else "asc"
    limit = ranking.limit if ranking.limit is not None else count
    return Rank(order, max(1, min(limit, MAX_RANK)))


def ranked_dimension(text: str, nouns: dict[str, str]) -> tuple[str | None, str]:
    """The first dimension noun left in the text: what is ranked (« quel *pôle* »)."""
    for word in text.split():
        if word != GAP and word in nouns:
            return nouns[word], text.replace(f" {word} ", f" {GAP} ", 1)
    return None, text


_ASKING = word_set("quel quelle quels quelles lequel laquelle lesquels lesquelles which what")


def asked_dimension(text: str, nouns: dict[str, str]) -> str | None:
    """The dimension named right after « quel », "which" (« quel *service* de Rochebrune… »,
    "which 3 wards"): what is ranked, even when linking later reads the noun with a place."""
    words = text.split()
    for i, word in enumerate(words):
        if word not in _ASKING:
            continue
        following = [w for w in words[i + 1 : i + 5] if w != GAP]
        if following and following[0].isdigit():
            following = following[1:]
        for size in (2, 1):
            noun = " ".join(following[:size])
            if len(following) >= size and noun in nouns:
                return nouns[noun]
    return None


def _names_several(question: str, nouns: dict[str, str]) -> bool:
    words = re.findall(r"[a-z]+", strip_accents(question.lower()))
    plural_nouns = {f"{noun}s" for noun in nouns} | {"hopitaux", "hospitals"}
    return any(w in plural_nouns for w in words)


def vocabulary() -> set[str]:
    sources = [_HIGH, _LOW, _NOT_RANKING, _ALL, *_ENGLISH.values(), *_FRENCH.values()]
    sources += [*_COMPARATIVE.values(), _COUNTED_ORDER.pattern]
    sources += list(_JUDGEMENT.values())
    return {w for source in sources for w in re.findall(r"[a-z]{2,}", source)} | {"plus", "moins"}
