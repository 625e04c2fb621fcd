"""The words of time in French and English: months, ordinals, seasons (normalized forms).

Seasons are meteorological: winter is December to February (« l'hiver 2026 » is
December 2025 to February 2026, the winter whose January falls in 2026), spring
March to May, summer June to August, autumn September to November.
"""

from __future__ import annotations

from cockpit.nl.normalize import word_set

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "janv": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11,
    "dec": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
}  # fmt: skip

ORDINALS = {
    "premier": 1, "premiere": 1, "1er": 1, "1re": 1, "first": 1, "1st": 1,
    "deuxieme": 2, "second": 2, "seconde": 2, "2e": 2, "2eme": 2, "2nd": 2,
    "troisieme": 3, "third": 3, "3e": 3, "3eme": 3, "3rd": 3,
    "quatrieme": 4, "fourth": 4, "4e": 4, "4eme": 4, "4th": 4,
    "dernier": 0, "derniere": 0, "last": 0,
}  # fmt: skip

SEASONS = {
    "hiver": "winter", "winter": "winter", "printemps": "spring", "spring": "spring",
    "ete": "summer", "summer": "summer", "automne": "autumn", "autumn": "autumn",
}  # fmt: skip
# First and last month of each season; winter starts in the previous year's December.
SEASON_MONTHS = {"winter": (12, 2), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}

# Words that ask for a span shorter than a month: the warehouse holds months only.
SUB_MONTH = (
    "cette semaine", "la semaine derniere", "semaine derniere", "cette semaine ci",
    "aujourd hui", "hier", "ce matin", "cette nuit", "ce soir", "avant hier",
    "this week", "last week", "today", "yesterday", "tonight", "this morning",
)  # fmt: skip
# A rate per day or week: answered with the month's figure, said so.
PER_DAY = (
    "par jour", "par semaine", "quotidien", "quotidienne", "hebdomadaire", "per day",
    "per week", "a day", "a week", "daily", "weekly",
)  # fmt: skip

# Other words the period rules read, for spelling correction to leave alone.
OTHER_WORDS = word_set(
    "depuis debut fin an ans annee glissant glissante dernier derniere precedent precedente "
    "passe passee cours trimestre semestre mois moi ce cet cette entre jusqu partir cumul "
    "cumule year years month quarter half since from to until through between rolling "
    "trailing past previous prior current date ytd qtd mtd start beginning end of this last "
    "over during semaine week il y a ago ci n"
)


def vocabulary() -> set[str]:
    words = set(MONTHS) | set(ORDINALS) | set(SEASONS) | set(OTHER_WORDS)
    for phrase in (*SUB_MONTH, *PER_DAY):
        words.update(phrase.split())
    return words
