"""Text normalisation: accents, case, French elisions, punctuation, light plural folding."""

from __future__ import annotations

import re
import unicodedata

_ELISION = re.compile(r"\b(l|d|qu|j|n|s|c|m|t|jusqu)['’`]")
_NON_WORD = re.compile(r"[^a-z0-9\-]+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold(token: str) -> str:
    """Crude plural folding so 'passages'/'passage', 'infirmiers'/'infirmier' meet."""
    if len(token) > 3 and token.endswith(("s", "x")) and not token.endswith("ss"):
        return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """Lower-case, accent-free, elision-free word tokens (hyphens split, plurals folded)."""
    text = strip_accents(text.lower())
    text = _ELISION.sub(r"\1 ", text)
    text = text.replace("-", " ")
    return [_fold(t) for t in _NON_WORD.split(text) if t]


def normalize(text: str) -> str:
    """Tokens joined by single spaces, padded with spaces for whole-word `in` tests."""
    return " " + " ".join(tokens(text)) + " "


def contains(haystack: str, phrase: str) -> bool:
    """Whole-word containment of a normalized phrase in a normalized text."""
    phrase = phrase.strip()
    return bool(phrase) and f" {phrase} " in haystack


def remove(haystack: str, phrase: str) -> str:
    """Blank out a matched phrase so later steps do not match it again."""
    phrase = phrase.strip()
    return haystack.replace(f" {phrase} ", " | ") if phrase else haystack


_GLUE = r" (?:(?:de|d|du|des|la|le|les|l|a|au|aux|en|of|the|pour|for) )*"


def _pattern(phrase: str) -> re.Pattern:
    words = [re.escape(w) for w in phrase.split() if w]
    return re.compile(" " + _GLUE.join(words) + " ")


def loose_find(haystack: str, phrase: str) -> re.Match | None:
    """Whole-word match allowing little words between the phrase's words
    (« écart d'ETP » meets the synonym « écart ETP »)."""
    return _pattern(phrase).search(haystack) if phrase.strip() else None


def loose_remove(haystack: str, phrase: str) -> str:
    match = loose_find(haystack, phrase)
    if not match:
        return haystack
    return haystack[: match.start()] + " | " + haystack[match.end() :]
