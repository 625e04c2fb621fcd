"""Whether a question says anything of a metric the model could make sense of.

A small model asked « quel est le taux en pédiatrie ? » or « comment vont les finances ? »
picks some metric with confidence; the offline planner rightly asks back which one. The
model is consulted only when the question names a metric, even in part, or has words the
parser could not read (« combien de bébés sont nés ») — not when all it left unread is
glue, a generic word (« taux », "rate") or a domain.
"""

from __future__ import annotations

from cockpit.nl.function_words import COMMON, GLUE
from cockpit.nl.intent import DOMAIN_WORDS, GENERAL_WORDS
from cockpit.nl.outcomes import Parts

_VAGUE = (
    frozenset(w for words in DOMAIN_WORDS.values() for w in words.split())
    | GENERAL_WORDS
    | {"indicateur", "indicator", "ratio", "kpi", "chiffre", "chiffres"}
)


def names_something(parts: Parts) -> bool:
    """A metric named, in whole or in part, or words left that may name one."""
    if parts.metric or parts.candidates or parts.partly:
        return True
    return any(
        len(w) > 2 and w not in GLUE and w not in COMMON and w not in _VAGUE for w in parts.unread
    )
