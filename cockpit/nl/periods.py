"""French/English period expressions → Period, per SPEC §6, relative to `today`.

Works on normalized text (see normalize.py). Returns the period and the text with
the matched expression blanked out, or None when no period is said (the caller
then uses the last complete month).
"""

from __future__ import annotations

import re
from datetime import date

from cockpit.periods import Period, add_months, last_complete_month, quarter_start

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mar": 3,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "janv": 1,
    "fev": 2,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_ORDINALS = {
    "premier": 1,
    "1er": 1,
    "first": 1,
    "1st": 1,
    "deuxieme": 2,
    "second": 2,
    "2e": 2,
    "2nd": 2,
    "troisieme": 3,
    "third": 3,
    "3e": 3,
    "3rd": 3,
    "quatrieme": 4,
    "fourth": 4,
    "4e": 4,
    "4th": 4,
    "dernier": 0,
    "last": 0,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORD_ALT = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_YEAR = r"(?:\s(?:de\s|of\s)?(?P<y>20\d\d))?"


def _clip(period_start: date, period_end: date, today: date) -> Period:
    """Months after the last complete one are not asked for (the year is not over)."""
    last = last_complete_month(today)
    end = min(period_end, last) if period_start <= last else period_end
    return Period(period_start, end)


def _year(match_year: str | None, today: date) -> int:
    return int(match_year) if match_year else today.year


def _rules(today: date):
    last = last_complete_month(today)

    def last_n(m):
        n = int(m.group("n"))
        return Period(add_months(last, -(n - 1)), last)

    def ytd(_m):
        return Period(date(last.year, 1, 1), last)

    def last_year(_m):
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 1))

    def last_quarter(_m):
        start = quarter_start(last)
        if add_months(start, 2) > last:
            start = add_months(start, -3)
        return Period(start, add_months(start, 2))

    def last_month(_m):
        return Period.month(last)

    def quarter(m):
        q = int(m.group("q"))
        y = _year(m.group("y"), today)
        return _clip(date(y, 3 * q - 2, 1), date(y, 3 * q, 1), today)

    def quarter_word(m):
        q = _ORDINALS[m.group("o")]
        if q == 0:
            return last_quarter(m)
        y = _year(m.group("y"), today)
        return _clip(date(y, 3 * q - 2, 1), date(y, 3 * q, 1), today)

    def semester(m):
        s = m.group("s")
        n = int(s) if s.isdigit() else (_ORDINALS.get(s) or 1)
        y = _year(m.group("y"), today)
        return _clip(date(y, 6 * n - 5, 1), date(y, 6 * n, 1), today)

    def end_of_year(m):
        return Period.month(date(int(m.group("y")), 12, 1))

    def month(m):
        number = MONTHS[m.group("m")]
        if m.group("y"):
            return Period.month(date(int(m.group("y")), number, 1))
        this = date(today.year, number, 1)
        return Period.month(this if this <= last else date(today.year - 1, number, 1))

    def year(m):
        y = int(m.group("y"))
        return _clip(date(y, 1, 1), date(y, 12, 1), today)

    def this_year(_m):
        return ytd(_m)

    return [
        (
            r"(?:sur |over |in |during )?(?:les |the )?(?:last|past|dernier) (?P<n>\d+) "
            r"(?:dernier )?(?:moi|month)",
            last_n,
        ),
        (
            r"(?:sur |over |in )?(?:les |the )?(?P<n>\d+) (?:dernier|last|derniere) (?:moi|month)",
            last_n,
        ),
        (r"(?:depui|sur) (?P<n>\d+) (?:moi|month)", last_n),
        (
            r"(?:sur |over )?(?:les |the )?(?:douze|twelve) (?:dernier )?(?:moi|month)",
            lambda m: Period(add_months(last, -11), last),
        ),
        (r"depui (?:le )?(?:debut de (?:l )?(?:annee|an)|janvier|le 1er janvier)", ytd),
        (r"(?:year to date|ytd|since january|since the start of the year|so far this year)", ytd),
        (r"(?:cette annee|this year|en cour d annee)", this_year),
        (r"(?:l )?(?:an|annee) (?:dernier|derniere|precedente)|last year|previous year", last_year),
        (
            r"(?:le |au |du )?(?:trimestre dernier|dernier trimestre)"
            r"|last quarter|previous quarter",
            last_quarter,
        ),
        (r"(?:le |du |au )?moi (?:dernier|precedent)|last month|previous month", last_month),
        (r"\b(?:t|q)(?P<q>[1-4])" + _YEAR, quarter),
        (
            r"(?:au |le |du |in the |the )?(?P<o>" + _ORD_ALT + r") (?:trimestre|quarter)" + _YEAR,
            quarter_word,
        ),
        (r"\b(?:s|h)(?P<s>[12])" + _YEAR, semester),
        (
            r"(?:au |le |du |in the |the )?(?P<s>premier|second|deuxieme|first|1er) "
            r"(?:semestre|half)" + _YEAR,
            semester,
        ),
        (r"(?:a |at )?(?:fin|end of|year end) (?P<y>20\d\d)", end_of_year),
        (
            r"(?:a |at )?(?:fin |end of |en |in |de |du mois de |au mois de )?(?P<m>"
            + _MONTH_ALT
            + r")"
            + _YEAR,
            month,
        ),
        (r"(?:en |in |pour |for |de |sur |au cour de )?(?:l annee |the year )?(?P<y>20\d\d)", year),
    ]


def parse_period(text: str, today: date) -> tuple[Period | None, str]:
    """First period expression found (rules in priority order) and the rest of the text."""
    for pattern, build in _rules(today):
        match = re.search(r"(?<![a-z0-9])" + pattern + r"(?![a-z0-9])", text)
        if match:
            rest = text[: match.start()] + " | " + text[match.end() :]
            return build(match), rest
    return None, text
