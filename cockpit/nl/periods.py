"""French/English period expressions → Period, per SPEC §6, relative to `today`.

Works on normalized text (see normalize.py). The current month is incomplete, so
« ce mois-ci » answers the last complete month and says so; a period that ends
after the last complete month is cut there (« cette année », « au T4 »). Words for
less than a month (« cette semaine ») make the period unreadable: the planner asks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from cockpit.nl.normalize import blank
from cockpit.nl.period_words import (
    MONTHS,
    ORDINALS,
    PER_DAY,
    SEASON_MONTHS,
    SEASONS,
    SUB_MONTH,
)
from cockpit.periods import Period, PeriodError, add_months, last_complete_month, quarter_start

Note = tuple[str, str]  # (French, English)


@dataclass(frozen=True)
class PeriodReading:
    """What the question says about time. `relative_year` marks « l'an dernier », which a
    follow-up reads as « the same period a year earlier »."""

    period: Period | None
    rest: str = ""
    note: Note | None = None
    unreadable: str | None = None
    relative_year: bool = False


_MONTH = "(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_ORD = "(?P<o>" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
_SEASON = "(?P<s>" + "|".join(sorted(SEASONS, key=len, reverse=True)) + ")"
_YEAR = r"(?: (?:de |of |en )?(?P<y>20\d\d))?"
_LAST = r"(?:dernier|derniere|passe|passee|precedent|precedente)"


class _Calendar:
    """Builders of periods relative to one `today`."""

    def __init__(self, today: date):
        self.today = today
        self.last = last_complete_month(today)

    def clip(self, start: date, end: date) -> Period:
        """Months after the last complete one are not asked for (the year is not over)."""
        return Period(start, min(end, self.last) if start <= self.last else end)

    def year(self, year: str | None, first_month: int = 1) -> int:
        """The year said, else this year — or last year for a part of the year that has
        not begun (« au T4 » in February is last year's fourth quarter)."""
        if year:
            return int(year)
        this = self.today.year
        return this if first_month <= self.today.month else this - 1

    def month(self, number: int, year: str | None) -> date:
        """A month without a year: this year's if complete, else last year's."""
        if year:
            return date(int(year), number, 1)
        this = date(self.today.year, number, 1)
        return this if this <= self.last else date(self.today.year - 1, number, 1)

    def last_months(self, n: int) -> Period:
        return Period(add_months(self.last, -(n - 1)), self.last)

    def ytd(self) -> Period:
        return Period(date(self.last.year, 1, 1), self.last)

    def last_quarter(self) -> Period:
        start = quarter_start(self.last)
        if add_months(start, 2) > self.last:
            start = add_months(start, -3)
        return Period(start, add_months(start, 2))

    def season(self, name: str, year: int) -> Period:
        first, last = SEASON_MONTHS[name]
        start = date(year - 1 if first > last else year, first, 1)
        return Period(start, date(year, last, 1))


def _span_months(cal: _Calendar, m: re.Match) -> PeriodReading:
    first, second = MONTHS[m.group("m")], MONTHS[m.group("m2")]
    year = m.group("y2")
    end = date(int(year), second, 1) if year else cal.month(second, m.group("y"))
    start_year = int(m.group("y")) if m.group("y") else end.year - (first > second)
    return PeriodReading(cal.clip(date(start_year, first, 1), end))


def _span_years(cal: _Calendar, m: re.Match) -> PeriodReading:
    first, second = sorted((int(m.group("y")), int(m.group("y2"))))
    return PeriodReading(cal.clip(date(first, 1, 1), date(second, 12, 1)))


def _last_n(cal: _Calendar, m: re.Match) -> PeriodReading:
    n, unit = int(m.group("n")), m.group("u")
    if unit in ("trimestre", "quarter"):
        end = cal.last_quarter().end
        return PeriodReading(Period(add_months(end, -(3 * n - 1)), end))
    if unit in ("an", "ans", "annee", "year"):
        year = cal.today.year - 1
        return PeriodReading(Period(date(year - n + 1, 1, 1), date(year, 12, 1)))
    return PeriodReading(cal.last_months(n))


def _this_quarter(cal: _Calendar, _m) -> PeriodReading:
    period = Period(quarter_start(cal.last), cal.last)
    if quarter_start(cal.last) != quarter_start(date(cal.today.year, cal.today.month, 1)):
        return PeriodReading(period, note=_NO_MONTH_YET_QUARTER)
    return PeriodReading(period)


def _year_to_date(cal: _Calendar, _m) -> PeriodReading:
    """January to the last complete month; early in January, last year's, said so."""
    if cal.last.year != cal.today.year:
        return PeriodReading(cal.ytd(), note=_NO_MONTH_YET_YEAR)
    return PeriodReading(cal.ytd())


def _this_half(cal: _Calendar, _m) -> PeriodReading:
    start = date(cal.last.year, 1 if cal.last.month <= 6 else 7, 1)
    return PeriodReading(Period(start, cal.last))


def _this_month(cal: _Calendar, _m) -> PeriodReading:
    return PeriodReading(Period.month(cal.last), note=_CURRENT_MONTH)


def _season(cal: _Calendar, m: re.Match) -> PeriodReading:
    name = SEASONS[m.group("s")]
    if m.groupdict().get("y"):
        # « l'hiver 2025-2026 » names the winter by the year of its January
        year = m.group("y2") if name == "winter" and m.group("y2") else m.group("y")
        occurrence = cal.season(name, int(year))
        return PeriodReading(cal.clip(occurrence.start, occurrence.end))
    wants_last = bool(m.group("last") or m.groupdict().get("last2"))
    year = cal.last.year + 1
    while True:  # the latest season that has ended (« dernier ») or begun (« cet »)
        occurrence = cal.season(name, year)
        edge = occurrence.end if wants_last else occurrence.start
        if edge <= cal.last:
            return PeriodReading(cal.clip(occurrence.start, occurrence.end))
        year -= 1


def _quarter(cal: _Calendar, q: int, year: str | None) -> PeriodReading:
    y = cal.year(year, 3 * q - 2)
    return PeriodReading(cal.clip(date(y, 3 * q - 2, 1), date(y, 3 * q, 1)))


def _quarter_word(cal: _Calendar, m: re.Match) -> PeriodReading:
    q = ORDINALS[m.group("o")]
    return PeriodReading(cal.last_quarter()) if q == 0 else _quarter(cal, q, m.group("y"))


def _half(cal: _Calendar, n: int, year: str | None) -> PeriodReading:
    y = cal.year(year, 6 * n - 5)
    return PeriodReading(cal.clip(date(y, 6 * n - 5, 1), date(y, 6 * n, 1)))


def _month(cal: _Calendar, m: re.Match) -> PeriodReading:
    return PeriodReading(Period.month(cal.month(MONTHS[m.group("m")], m.group("y"))))


_NO_MONTH_YET_QUARTER: Note = (
    "Le trimestre en cours n'a encore aucun mois complet : voici le précédent.",
    "The current quarter has no complete month yet: here is the previous one.",
)
_MONTHLY: Note = (
    "Les données sont mensuelles : voici le total de la période, pas une moyenne par jour.",
    "The data are monthly: here is the period's total, not a daily average.",
)
_NO_MONTH_YET_YEAR: Note = (
    "L'année en cours n'a encore aucun mois complet : voici l'année précédente.",
    "The current year has no complete month yet: here is the previous one.",
)
_CURRENT_MONTH: Note = (
    "Le mois en cours n'est pas terminé : voici le dernier mois complet.",
    "The current month is not over: here is the last complete month.",
)

Rule = tuple[str, Callable[[_Calendar, re.Match], PeriodReading]]
_RULES: list[Rule] = [
    (
        rf"(?:de |du |d |from |entre |between |en |in )(?:le mois de )?{_MONTH}{_YEAR} "
        rf"(?:a |au |to |et |and |jusqu a |jusqu en |until |through )?(?:fin )?"
        + _MONTH.replace("<m>", "<m2>") + _YEAR.replace("<y>", "<y2>"),
        _span_months,
    ),
    (
        r"(?:(?P<last>last |previous |past )|cet |cette |this |l |en |au |in the |the |in )?"
        + _SEASON + r" (?:de |of )?(?P<y>20\d\d)(?: (?P<y2>20\d\d))?",
        _season,
    ),
    (
        r"(?:(?P<last>last |previous |past )|cet |cette |this |l |en |au |in the |the |in )"
        + _SEASON + r"(?: (?P<last2>" + _LAST + r"))?",
        _season,
    ),
    (
        r"(?:de |du |from |entre |between |en |in |sur |over )?(?:l annee |the year )?"
        r"(?P<y>20\d\d) (?:a |au |to |et |and |jusqu a |until |through )?(?P<y2>20\d\d)",
        _span_years,
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
        _last_n,
    ),
    (
        r"(?:sur |over |in )?(?:les |the )?(?P<n>\d+) (?:dernier|derniere|last|past) "
        r"(?P<u>mois|month|trimestre|quarter|ans|an|annee|year)",
        _last_n,
    ),
    (r"(?:depuis|sur) (?P<n>\d+) (?P<u>mois|month)", _last_n),
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
        _year_to_date,
    ),
    (
        r"(?:l )?(?:an|annee) " + _LAST + r"|last year|previous year|prior year|(?:en )?n 1",
        lambda cal, m: PeriodReading(
            Period(date(cal.today.year - 1, 1, 1), date(cal.today.year - 1, 12, 1)),
            relative_year=True,
        ),
    ),
    (r"cette annee|this year|en cours d annee|annee en cours|current year|en n",
     _year_to_date),
    (
        r"(?:le |au |du )?(?:trimestre " + _LAST + r"|dernier trimestre)|last quarter"
        r"|previous quarter",
        lambda cal, m: PeriodReading(cal.last_quarter()),
    ),
    (r"ce trimestre|trimestre en cour|this quarter|current quarter|quarter to date|qtd",
     _this_quarter),
    (r"ce semestre|semestre en cour|this half", _this_half),
    (r"(?:le |du |au )?mois " + _LAST + r"|last month|previous month",
     lambda cal, m: PeriodReading(Period.month(cal.last))),
    (r"ce mois ci|ce mois|mois en cour|this month|current month|month to date|mtd", _this_month),
    (r"(?P<y>20\d\d) (?:t|q)(?P<q>[1-4])",
     lambda cal, m: _quarter(cal, int(m.group("q")), m.group("y"))),
    (r"\b(?:t|q)(?P<q>[1-4])" + _YEAR,
     lambda cal, m: _quarter(cal, int(m.group("q")), m.group("y"))),
    (r"(?:au |le |du |in the |the )?" + _ORD + r" (?:trimestre|quarter)" + _YEAR, _quarter_word),
    (r"\b(?:s|h)(?P<h>[12])" + _YEAR, lambda cal, m: _half(cal, int(m.group("h")), m.group("y"))),
    (
        r"(?:au |le |du |in the |the )?(?P<o>premier|premiere|1er|second|seconde|deuxieme|first)"
        r" (?:semestre|half)" + _YEAR,
        lambda cal, m: _half(cal, 1 if ORDINALS[m.group("o")] == 1 else 2, m.group("y")),
    ),
    (r"(?:a |at )?(?:fin|end of|year end) (?P<y>20\d\d)",
     lambda cal, m: PeriodReading(Period.month(date(int(m.group("y")), 12, 1)))),
    (r"(?:debut|start of|beginning of) (?P<y>20\d\d)",
     lambda cal, m: PeriodReading(Period.month(date(int(m.group("y")), 1, 1)))),
    (
        r"(?:a |at )?(?:fin |end of |en |in |de |du mois de |au mois de |le mois de |for |pour )?"
        + _MONTH + _YEAR + r"(?: (?:dernier|passe))?",
        _month,
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
        return reading if reading.note or reading.unreadable else replace(reading, note=_MONTHLY)
    odd = _SUB_MONTH.search(text) or _IMPOSSIBLE.search(text)
    if odd:
        return PeriodReading(None, blank(text, odd.start(), odd.end()), unreadable=odd.group())
    calendar = _Calendar(today)
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
