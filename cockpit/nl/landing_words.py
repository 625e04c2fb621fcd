"""« Où va-t-on atterrir ? », « projection à fin d'année », "year-end forecast": a question that
asks for the year-end landing of a metric, read before the refusals. The year in progress (or
a year said) is answered; beyond it (« l'an prochain », "next month") stays refused by
`intent.py`, which says what can be answered instead."""

from __future__ import annotations

import re

from cockpit.nl.normalize import blank

_B, _E = r"(?<![a-z0-9])(?:", r")(?![a-z0-9])"
# Words that ask for a landing on their own.
_ASKS = re.compile(
    _B + r"ou (?:va t on|allon nou|va t il|van t il|vont t il) (?:atterrir|finir|terminer)"
    r"|atterrir|atterrissage|atterrira|atterrit|projection|projete|projetee|prevision"
    r"|previsionnel|previsionnelle|prevoir|forecast|forecasted|projected|landing"
    r"|outturn|expected outturn" + _E
)
# The end of the year, and words that only ask for a landing beside it (« estimation »,
# « sera », "will be").
_YEAR_END = re.compile(
    _B + r"(?:a |en |pour |de |d |sur )?(?:la )?fin (?:de l |d )(?:annee|exercice)"
    r"|(?:a |en |pour )?fin decembre|(?:sur )?l annee (?:entiere|complete|pleine)"
    r"|(?:at |by |for |to )?(?:the )?(?:year end|end of (?:the )?year|full year)" + _E
)
_WITH_YEAR_END = re.compile(
    _B + r"estimation|estime|estimee|estimated|estimate|sera|seront|fera|will be|will"
    r"|going to be|finir|terminer|finish|end up|land" + _E
)
# Beyond the year in progress: left for intent.py to refuse.
_BEYOND = re.compile(
    _B + r"an prochain|annee prochaine|next year|mois prochain|next month|demain|tomorrow" + _E
)


def read_landing(text: str) -> tuple[bool, str]:
    """(whether the question asks for a year-end landing, the text without its words)."""
    if _BEYOND.search(text):
        return False, text
    year_end = _YEAR_END.search(text)
    if not _ASKS.search(text) and not (year_end and _WITH_YEAR_END.search(text)):
        return False, text
    for pattern in (_YEAR_END, _ASKS, _WITH_YEAR_END):
        while match := pattern.search(text):
            text = blank(text, match.start(), match.end())
    return True, text


def vocabulary() -> set[str]:
    """The words above, so the spelling step never corrects them into something else."""
    words: set[str] = set()
    for pattern in (_ASKS, _YEAR_END, _WITH_YEAR_END):
        words.update(re.findall(r"[a-z]{3,}", pattern.pattern))
    return words
