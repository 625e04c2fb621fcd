"""Guess the question's language (fr | en) from a few function words."""

from __future__ import annotations

from cockpit.nl.normalize import tokens

_EN = {
    "what",
    "how",
    "many",
    "the",
    "in",
    "of",
    "by",
    "last",
    "year",
    "month",
    "is",
    "was",
    "since",
    "rate",
    "to",
    "date",
    "and",
    "vs",
    "for",
    "show",
    "me",
    "quarter",
    "much",
}
_FR = {
    "quel",
    "quelle",
    "combien",
    "le",
    "la",
    "les",
    "de",
    "du",
    "des",
    "en",
    "au",
    "aux",
    "par",
    "depui",
    "et",
    "pour",
    "dernier",
    "mois",
    "an",
    "annee",
    "taux",
    "est",
}


def language(question: str) -> str:
    words = tokens(question)
    en = sum(w in _EN for w in words)
    fr = sum(w in _FR for w in words)
    return "en" if en > fr else "fr"
