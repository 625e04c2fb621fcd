"""Text normalisation: accents, case, French elisions, punctuation, light plural folding.

Every later step reads the question as normalized words joined by single spaces,
padded with spaces (" taux d occupation "), so phrases are found as whole words.
A step that has used some words blanks them out with " | ".
"""

from __future__ import annotations

import re
import unicodedata

_ELISION = re.compile(r"\b(l|d|qu|j|n|s|c|m|t|jusqu|lorsqu|puisqu)['’`]")
_NON_WORD = re.compile(r"[^a-z0-9\-]+")


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list (for vocabularies written as prose)."""
    return frozenset(text.split())


# Words whose final s or x is not a plural mark.
_INVARIABLE = word_set(
    "mois plus moins depuis temps fois sous tres apres pres dans sans vers alors puis "
    "toujours jamais lors mars parmi ailleurs voix prix choix this is was has does less "
    "its as us yes versus status analysis chaos deux trois taux printemps"
)
GAP = "|"


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(token: str) -> str:
    """Crude plural folding so 'passages'/'passage', 'infirmiers'/'infirmier' meet."""
    if token in _INVARIABLE:
        return token
    if len(token) > 3 and token.endswith(("s", "x")) and not token.endswith("ss"):
        return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """Lower-case, accent-free, elision-free word tokens (hyphens split, plurals folded)."""
    text = strip_accents(text.lower())
    text = _ELISION.sub(r"\1 ", text)
    text = text.replace("-", " ")
    return [fold(t) for t in _NON_WORD.split(text) if t]


def normalize(text: str) -> str:
    """Tokens joined by single spaces, padded with spaces for whole-word `in` tests."""
    return " " + " ".join(tokens(text)) + " "


def words(text: str) -> list[str]:
    """The words of a normalized text, with GAP where a step blanked words out."""
    return text.split()


def contains(haystack: str, phrase: str) -> bool:
    """Whole-word containment of a normalized phrase in a normalized text."""
    phrase = phrase.strip()
    return bool(phrase) and f" {phrase} " in haystack


def remove(haystack: str, phrase: str) -> str:
    """Blank out a matched phrase so later steps do not match it again."""
    phrase = phrase.strip()
    return haystack.replace(f" {phrase} ", f" {GAP} ") if phrase else haystack


def blank(text: str, start: int, end: int) -> str:
    """Blank out text[start:end] (a regex match on a normalized text)."""
    return f"{text[:start].rstrip()} {GAP} {text[end:].lstrip()}"


def blank_words(text: str, indices: set[int]) -> str:
    """Blank out the words at `indices` of `words(text)`."""
    kept = [GAP if i in indices else w for i, w in enumerate(words(text))]
    return " " + " ".join(kept) + " "
