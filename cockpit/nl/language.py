"""Guess the question's language (fr | en) from its small words; French when unsure.

Words typed in capitals are acronyms (« TO », "ER") and do not vote.
"""

from __future__ import annotations

import re

from cockpit.nl.normalize import tokens, word_set

_EN = word_set(
    "what which who how many much the in of by last year month is was were are since rate to "
    "date and vs for show me give quarter has have had did does our we this that per with "
    "from over period number cost average trend compared against each top bed visit staff day "
    "debt cash all list tell about who had people work can see"
)
_FR = word_set(
    "quel quelle quels quelles combien le la les de du des en au aux par depuis et pour dernier "
    "derniere mois an annee taux est sont a ont nombre moyen moyenne cout depense "
    "lit jour dette tresorerie effectif entre sur dans avec notre nos"
)


def votes(question: str) -> tuple[int, int]:
    """(English votes, French votes) of the question's small words."""
    said = " ".join(w for w in re.findall(r"\S+", question) if not (w.isupper() and len(w) > 1))
    words = tokens(said)
    return sum(w in _EN for w in words), sum(w in _FR for w in words)


def language(question: str) -> str:
    en, fr = votes(question)
    return "en" if en > fr else "fr"
