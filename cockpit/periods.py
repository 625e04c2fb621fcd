"""Calendar arithmetic on months: periods, grains, shifts, the last complete month.

A month is represented by the date of its first day. A period is an inclusive
range of months. Everything here is pure.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Grain = Literal["month", "quarter", "year"]
GRAINS: tuple[str, ...] = ("month", "quarter", "year")

_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# Months a hospital's figures can be about; outside, a period is a typo (or a probe), and
# shifting it by a year or a rolling window must stay inside what `date` can hold.
MIN_YEAR, MAX_YEAR = 1900, 2999


class PeriodError(ValueError):
    """A period that cannot be read or makes no sense (end before start)."""


def parse_month(text: str) -> date:
    """'2026-03' → date(2026, 3, 1)."""
    match = _MONTH_RE.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise PeriodError(f"{_shown(text)} is not a month in YYYY-MM form")
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"{text.strip()}: the year must be between {MIN_YEAR} and {MAX_YEAR}")
    return date(year, int(match.group(2)), 1)


def _shown(text: object) -> str:
    """The input as quoted in an error, cut short: an error must not echo a huge value."""
    shown = repr(text)
    return shown if len(shown) <= 40 else shown[:37] + "…"


def month_label(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + (month.month - 1) + n
    if not 1 <= index // 12 <= 9999:
        raise PeriodError(f"{month_label(month)} shifted by {n} months leaves the calendar")
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> int:
    """Number of months in the inclusive range start..end."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def days_in_month(month: date) -> int:
    return calendar.monthrange(month.year, month.month)[1]


def quarter_start(month: date) -> date:
    return date(month.year, (month.month - 1) // 3 * 3 + 1, 1)


def last_complete_month(today: date) -> date:
    """The current month is incomplete: the last complete one is the month before."""
    return add_months(date(today.year, today.month, 1), -1)


@dataclass(frozen=True)
class Period:
    """An inclusive range of whole months."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start.day != 1 or self.end.day != 1:
            raise PeriodError("period bounds must be first days of months")
        if self.end < self.start:
            end, start = month_label(self.end), month_label(self.start)
            raise PeriodError(f"period ends ({end}) before it starts ({start})")

    @classmethod
    def parse(cls, start: str, end: str | None = None) -> Period:
        first = parse_month(start)
        return cls(first, parse_month(end) if end else first)

    @classmethod
    def month(cls, month: date) -> Period:
        return cls(month, month)

    @property
    def months(self) -> int:
        return months_between(self.start, self.end)

    def shift(self, months: int) -> Period:
        return Period(add_months(self.start, months), add_months(self.end, months))

    def as_json(self) -> dict[str, str]:
        return {"start": month_label(self.start), "end": month_label(self.end)}

    def __str__(self) -> str:
        if self.start == self.end:
            return month_label(self.start)
        return f"{month_label(self.start)}..{month_label(self.end)}"


# Named periods offered by the dashboard's period picker.
def month_of(last: date) -> Period:
    return Period(last, last)


def quarter_of(last: date) -> Period:
    return Period(quarter_start(last), last)


def year_to_date(last: date) -> Period:
    return Period(date(last.year, 1, 1), last)


def rolling_12(last: date) -> Period:
    return Period(add_months(last, -11), last)


def bucket_label(bucket: date, grain: str | None) -> str:
    """How a row's period is shown in results: 2026-03, 2026-Q1, 2026."""
    if grain == "quarter":
        return f"{bucket.year}-Q{(bucket.month - 1) // 3 + 1}"
    if grain == "year":
        return str(bucket.year)
    return month_label(bucket)


def default_period(grain: str | None, today: date) -> Period:
    """No period said in a question: the last complete month, or for a curve (« évolution », "is it
    rising?") the months it needs: the last 12 months, the last 4 complete quarters."""
    last = last_complete_month(today)
    if grain == "month":
        return rolling_12(last)
    if grain == "quarter":
        end = add_months(quarter_start(add_months(last, 1)), -1)
        return rolling_12(end)
    return Period.month(last)
