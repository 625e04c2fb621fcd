"""What each period expression means, relative to one `today`: the calendar arithmetic
behind the rules of periods.py, and the notes an answer adds (« ce mois-ci »)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cockpit.nl.period_words import MONTHS, ORDINALS, SEASON_MONTHS, SEASONS
from cockpit.periods import Period, add_months, last_complete_month, quarter_start

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


class Calendar:
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


def span_months(cal: Calendar, m: re.Match) -> PeriodReading:
    first, second = MONTHS[m.group("m")], MONTHS[m.group("m2")]
    year = m.group("y2")
    end = date(int(year), second, 1) if year else cal.month(second, m.group("y"))
    start_year = int(m.group("y")) if m.group("y") else end.year - (first > second)
    return PeriodReading(cal.clip(date(start_year, first, 1), end))


def span_years(cal: Calendar, m: re.Match) -> PeriodReading:
    first, second = sorted((int(m.group("y")), int(m.group("y2"))))
    return PeriodReading(cal.clip(date(first, 1, 1), date(second, 12, 1)))


def last_n(cal: Calendar, m: re.Match) -> PeriodReading:
    n, unit = int(m.group("n")), m.group("u")
    if unit in ("trimestre", "quarter"):
        end = cal.last_quarter().end
        return PeriodReading(Period(add_months(end, -(3 * n - 1)), end))
    if unit in ("an", "ans", "annee", "year"):
        year = cal.today.year - 1
        return PeriodReading(Period(date(year - n + 1, 1, 1), date(year, 12, 1)))
    return PeriodReading(cal.last_months(n))


def this_quarter(cal: Calendar, _m) -> PeriodReading:
    period = Period(quarter_start(cal.last), cal.last)
    if quarter_start(cal.last) != quarter_start(date(cal.today.year, cal.today.month, 1)):
        return PeriodReading(period, note=NO_MONTH_YET_QUARTER)
    return PeriodReading(period)


def year_to_date(cal: Calendar, _m) -> PeriodReading:
    """January to the last complete month; early in January, last year's, said so."""
    if cal.last.year != cal.today.year:
        return PeriodReading(cal.ytd(), note=NO_MONTH_YET_YEAR)
    return PeriodReading(cal.ytd())


def this_half(cal: Calendar, _m) -> PeriodReading:
    start = date(cal.last.year, 1 if cal.last.month <= 6 else 7, 1)
    return PeriodReading(Period(start, cal.last))


def this_month(cal: Calendar, _m) -> PeriodReading:
    return PeriodReading(Period.month(cal.last), note=CURRENT_MONTH)


def season(cal: Calendar, m: re.Match) -> PeriodReading:
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


def quarter(cal: Calendar, q: int, year: str | None) -> PeriodReading:
    y = cal.year(year, 3 * q - 2)
    return PeriodReading(cal.clip(date(y, 3 * q - 2, 1), date(y, 3 * q, 1)))


def quarter_word(cal: Calendar, m: re.Match) -> PeriodReading:
    q = ORDINALS[m.group("o")]
    return PeriodReading(cal.last_quarter()) if q == 0 else quarter(cal, q, m.group("y"))


def half(cal: Calendar, n: int, year: str | None) -> PeriodReading:
    y = cal.year(year, 6 * n - 5)
    return PeriodReading(cal.clip(date(y, 6 * n - 5, 1), date(y, 6 * n, 1)))


def month(cal: Calendar, m: re.Match) -> PeriodReading:
    return PeriodReading(Period.month(cal.month(MONTHS[m.group("m")], m.group("y"))))


NO_MONTH_YET_QUARTER: Note = (
    "Le trimestre en cours n'a encore aucun mois complet : voici le précédent.",
    "The current quarter has no complete month yet: here is the previous one.",
)
MONTHLY: Note = (
    "Les données sont mensuelles : voici le total de la période, pas une moyenne par jour.",
    "The data are monthly: here is the period's total, not a daily average.",
)
NO_MONTH_YET_YEAR: Note = (
    "L'année en cours n'a encore aucun mois complet : voici l'année précédente.",
    "The current year has no complete month yet: here is the previous one.",
)
CURRENT_MONTH: Note = (
    "Le mois en cours n'est pas terminé : voici le dernier mois complet.",
    "The current month is not over: here is the last complete month.",
)
