"""French/English period expressions → Period, per SPEC §6, relative to `today`.

Works on normalized text (see normalize.py). The current month is incomplete, so
« ce mois-ci » answers the last complete month and says so; a period that ends
after the last complete month is cut there (« cette année », « au T4 »). Words for
less than a month (« cette semaine ») make the period unreadable: the planner asks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from cockpit.nl.normalize import blank
from cockpit.nl.period_meanings import (
    MONTHLY,
    Calendar,
    PeriodReading,
    half,
    last_n,
    month,
    quarter,
    quarter_word,
    season,
    span_months,
    span_years,
    this_half,
    this_month,
    this_quarter,
    year_to_date,
)
from cockpit.nl.period_words import (
    MONTHS,
    ORDINALS,
    PER_DAY,
    SEASONS,
    SUB_MONTH,
)
from cockpit.periods import Period, PeriodError

_MONTH = "(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_ORD = "(?P<o>" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
_SEASON = "(?P<s>" + "|".join(sorted(SEASONS, key=len, reverse=True)) + ")"
_YEAR = r"(?: (?:de |of |en )?(?P<y>20\d\d))?"
_LAST = r"(?:dernier|derniere|passe|passee|precedent|precedente)"


Rule = tuple[str, Callable[[Calendar, re.Match], PeriodReading]]
_RULES: list[Rule] = [
    (
        rf"(?:de |du |d |from |entre |between |en |in )(?:le mois de )?{_MONTH}{_YEAR} "
        rf"(?:a |au |to |et |and |jusqu a |jusqu en |until |through )?(?:fin )?"
        + _MONTH.replace("<m>", "<m2>") + _YEAR.replace("<y>", "<y2>"),
        span_months,
    ),
    (
        r"(?:(?P<last>last |previous |past )|cet |cette |this |l |en |au |in the |the |in )?"
        + _SEASON + r" (?:de |of )?(?P<y>20\d\d)(?: (?P<y2>20\d\d))?",
        season,
    ),
    (
        r"(?:(?P<last>last |previous |past )|cet |cette |this |l |en |au |in the |the |in )"
        + _SEASON + r"(?: (?P<last2>" + _LAST + r"))?",
        season,
    ),
    (
        r"(?:de |du |from |entre |between |en |in |sur |over )?(?:l annee |the year )?"
        r"(?P<y>20\d\d) (?:a |au |to |et |and |jusqu a |until |through )?(?P<y2>20\d\d)",
        span_years,
    ),
    (
        rf"(?:depuis|since|a partir de|a partir d) (?:le mois de |le debut )?{_MONTH}{_YEAR}",
        lambda cal, m: PeriodReading(
            Period(cal.month(MONTHS[m.group("m")], m.group("y")), cal.last)
        ),
    ),
    (r"(?:depuis|since) (?P<y>20\d\d)", lambda cal, m: PeriodReading(
        Period(date(int(m.group("y")), 1, 1), cal.last))),
    (
        r"(?:sur |over |in |during |pour |for )?(?:les |the )?(?:dernier|derniere|last|past) "
        r"(?P<n>\d+) (?:dernier |derniere )?(?P<u>mois|month|trimestre|quarter|ans|an|annee|year)",
        last_n,
    ),
    (
        r"(?:sur |over |in )?(?:les |the )?(?P<n>\d+) (?:dernier|derniere|last|past) "
        r"(?P<u>mois|month|trimestre|quarter|ans|an|annee|year)",
        last_n,
    ),
    (r"(?:depuis|sur) (?P<n>\d+) (?P<u>mois|month)", last_n),
    (
        r"(?:sur )?(?:un |1 )?(?:an glissant|annee glissante)|(?P<n>12) mois glissant"
        r"|rolling (?:12 month|year)|trailing (?:12 month|year)|ttm|sur un an"
        r"|over the (?:past|last) year|(?:the )?past year",
        lambda cal, m: PeriodReading(cal.last_months(12)),
    ),
    (
        r"depuis (?:le )?debut de (?:l )?(?:annee|an)|depuis (?:le 1er )?janvier"
        r"|year to date|ytd|since january|since the start of the year|so far this year"
        r"|a date|a ce jour|cumul annuel|en cumul",
        year_to_date,
    ),
    (
        r"(?:l )?(?:an|annee) " + _LAST + r"|last year|previous year|prior year|(?:en )?n 1",
        lambda cal, m: PeriodReading(
            Period(date(cal.today.year - 1, 1, 1), date(cal.today.year - 1, 12, 1)),
            relative_year=True,
        ),
    ),
    (r"cette annee|this year|en cours d annee|annee en cours|current year|en n",
     year_to_date),
    (
        r"(?:le |au |du )?(?:trimestre " + _LAST + r"|dernier trimestre)|last quarter"
        r"|previous quarter",
        lambda cal, m: PeriodReading(cal.last_quarter()),
    ),
    (r"ce trimestre|trimestre en cour|this quarter|current quarter|quarter to date|qtd",
     this_quarter),
    (r"ce semestre|semestre en cour|this half", this_half),
    (r"(?:le |du |au )?mois " + _LAST + r"|last month|previous month",
     lambda cal, m: PeriodReading(Period.month(cal.last))),
    (r"ce mois ci|ce mois|mois en cour|this month|current month|month to date|mtd", this_month),
    (r"(?P<y>20\d\d) (?:t|q)(?P<q>[1-4])",
     lambda cal, m: quarter(cal, int(m.group("q")), m.group("y"))),
    (r"\b(?:t|q)(?P<q>[1-4])" + _YEAR,
     lambda cal, m: quarter(cal, int(m.group("q")), m.group("y"))),
    (r"(?:au |le |du |in the |the )?" + _ORD + r" (?:trimestre|quarter)" + _YEAR, quarter_word),
    (r"\b(?:s|h)(?P<h>[12])" + _YEAR, lambda cal, m: half(cal, int(m.group("h")), m.group("y"))),
    (
        r"(?:au |le |du |in the |the )?(?P<o>premier|premiere|1er|second|seconde|deuxieme|first)"
        r" (?:semestre|half)" + _YEAR,
        lambda cal, m: half(cal, 1 if ORDINALS[m.group("o")] == 1 else 2, m.group("y")),
    ),
    (r"(?:a |at )?(?:fin|end of|year end) (?P<y>20\d\d)",
     lambda cal, m: PeriodReading(Period.month(date(int(m.group("y")), 12, 1)))),
    (r"(?:debut|start of|beginning of) (?P<y>20\d\d)",
     lambda cal, m: PeriodReading(Period.month(date(int(m.group("y")), 1, 1)))),
    (
        r"(?:a |at )?(?:fin |end of |en |in |de |du mois de |au mois de |le mois de |for |pour )?"
        + _MONTH + _YEAR + r"(?: (?:dernier|passe))?",
        month,
    ),
    (r"(?:en |in |pour |for |de |sur |au cour de )?(?:l annee |the year )?(?P<y>20\d\d)",
     lambda cal, m: PeriodReading(cal.clip(date(int(m.group("y")), 1, 1),
                                           date(int(m.group("y")), 12, 1)))),
]  # fmt: skip
_COMPILED = [(re.compile(r"(?<![a-z0-9])" + p + r"(?![a-z0-9])"), build) for p, build in _RULES]
_SUB_MONTH = re.compile(r"(?<![a-z0-9])(?:" + "|".join(SUB_MONTH) + r")(?![a-z0-9])")
_PER_DAY = re.compile(r"(?<![a-z0-9])(?:" + "|".join(PER_DAY) + r")(?![a-z0-9])")
_IMPOSSIBLE = re.compile(r"(?<![a-z0-9])(?:[tq][05-9]|s[03-9])(?![a-z0-9])")


_PART_OF_YEAR = (
    "(?P<head>" + _MONTH[len("(?P<m>") : -1] + "|" + _SEASON[len("(?P<s>") : -1]
    + r"|trimestre|quarter|semestre|half|[tq][1-4]|[sh][12])"
)  # fmt: skip
_OF_LAST_YEAR = re.compile(
    rf"(?<![a-z0-9]){_PART_OF_YEAR} (?:de |of |du |d )?(?:l )?"
    r"(?:annee derniere|an dernier|annee passee|annee precedente|last year|n 1)(?![a-z0-9])"
)
_OF_THIS_YEAR = re.compile(
    rf"(?<![a-z0-9]){_PART_OF_YEAR} (?:de |of )?"
    r"(?:cette annee|this year|l annee en cours)(?![a-z0-9])"
)
_DAY = re.compile(
    r"(?<= )(?:le )?(?:1er|[12]?\d|3[01]) (?=(?:" + _MONTH[len("(?P<m>") : -1] + ") )"
)


def _absolute(text: str, today: date) -> str:
    """« mars de l'an dernier » → « mars 2025 »; « du 1er janvier au 30 juin » → months."""
    text = _OF_LAST_YEAR.sub(lambda m: f"{m.group('head')} {today.year - 1}", text)
    text = _OF_THIS_YEAR.sub(lambda m: f"{m.group('head')} {today.year}", text)
    return _DAY.sub("", text)


def read_period(text: str, today: date) -> PeriodReading:
    """The first period expression found (rules in priority order), with the text left."""
    text = _absolute(text, today)
    if per_day := _PER_DAY.search(text):
        text = blank(text, per_day.start(), per_day.end())
        reading = read_period(text, today)
        return reading if reading.note or reading.unreadable else replace(reading, note=MONTHLY)
    odd = _SUB_MONTH.search(text) or _IMPOSSIBLE.search(text)
    if odd:
        return PeriodReading(None, blank(text, odd.start(), odd.end()), unreadable=odd.group())
    calendar = Calendar(today)
    for pattern, build in _COMPILED:
        match = pattern.search(text)
        if match:
            rest = blank(text, match.start(), match.end())
            try:
                return replace(build(calendar, match), rest=rest)
            except (PeriodError, ValueError):  # « depuis 2030 », or a date off the calendar
                return PeriodReading(None, rest, unreadable=match.group().strip())
    return PeriodReading(None, text)


def parse_period(text: str, today: date) -> tuple[Period | None, str]:
    """(period or None, the rest of the text): `read_period` without notes."""
    reading = read_period(text, today)
    return reading.period, reading.rest
