"""Fuzzy word matching: how close a question's word is to a known word (same word, same
stem, abbreviation), and spelling correction of unknown words (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

EXACT = 1.0
PREFIX = 0.9  # « cardio » / « cardiologie », « recruté » / « recrutement »
STEM = 0.85  # one letter off: « occupé » / « occupation », « passés » / « passages »
ABBREVIATION = 0.8  # « réa » / « réanimation » (names of places only)
FUZZY = 0.75  # a long word misspelt past correction: "cardiolgy" / « cardiologie »


def common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def similarity(said: str, known: str, *, abbreviations: bool = False) -> float:
    """How well the word `said` stands for the word `known` (0 when it does not).

    Same stem: the shorter word (4+ letters) is the other's start, but for one letter
    (« passés » / « passages »); a known word shorter than the said one may miss its last
    letter only when long (« chirurgie » / « chirurgical », not « admin » / "admitted").
    With `abbreviations`, 3 letters that start `known` count.
    """
    if said == known:
        return EXACT
    shorter = min(len(said), len(known))
    prefix = common_prefix(said, known)
    if shorter >= 4 and prefix == shorter:
        return PREFIX
    slack = 1 if len(said) <= len(known) or prefix >= 6 else 0
    if shorter >= 4 and prefix >= 4 and prefix >= shorter - slack:
        return STEM
    if abbreviations and len(said) == 3 and known.startswith(said):
        return ABBREVIATION
    return 0.0


class Speller:
    """Corrects a word that is in no vocabulary to the one known word closest to it."""

    def __init__(self, vocabulary: Iterable[str], is_abbreviation: Callable[[str], bool]):
        self.vocabulary = sorted(set(vocabulary))
        self.known = frozenset(self.vocabulary)
        self.is_abbreviation = is_abbreviation

    def correct(self, word: str) -> str:
        if word in self.known or len(word) < 5 or not word.isalpha():
            return word
        if self.is_abbreviation(word):
            return word
        limit = 1 if len(word) <= 8 else 2
        found = process.extract(
            word, self.vocabulary, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=2
        )
        if not found:
            return word
        best = found[0]
        if len(found) > 1 and found[1][1] == best[1]:
            return word  # two words as close: do not guess
        return best[0]

    def correct_text(self, text: str) -> str:
        return " " + " ".join(self.correct(w) for w in text.split()) + " "


class WordIndex:
    """The known words close to a said word, found without scanning every known word."""

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(words)
        self._by_start: dict[str, list[str]] = {}
        for word in self.words:
            for n in (3, 4):
                if len(word) >= n:
                    self._by_start.setdefault(word[:n], []).append(word)

    def similar(self, said: str, *, abbreviations: bool = False) -> dict[str, float]:
        found = {said: EXACT} if said in self.words else {}
        if len(said) >= 4:
            for word in self._by_start.get(said[:4], ()):
                score = similarity(said, word)
                if score and word not in found:
                    found[word] = score
        if len(said) >= 7:
            for word in self._by_start.get(said[:3], ()):
                if word not in found and fuzz.ratio(said, word) >= 80:
                    found[word] = FUZZY
        elif abbreviations and len(said) == 3:
            for word in self._by_start.get(said, ()):
                found.setdefault(word, ABBREVIATION)
        return found
