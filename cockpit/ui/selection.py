"""What the user is looking at, kept in the URL: period kind and month, establishment, pole,
the detail page's breakdown dimension, sort.

A page's address says everything needed to render it (and to export it), so a
link can be shared, bookmarked, rendered on the server and replayed offline.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import parse_qs, urlencode

from cockpit.periods import (
    Period,
    PeriodError,
    add_months,
    month_label,
    month_of,
    parse_month,
    quarter_of,
    rolling_12,
    year_to_date,
)

MAX_SEARCH = 100
PERIOD_KINDS = {"month": month_of, "quarter": quarter_of, "ytd": year_to_date, "r12": rolling_12}


@dataclass(frozen=True)
class Selection:
    kind: str = "month"
    month: date | None = None  # the period's last month; None → the latest complete month
    establishment: str | None = None  # FINESS id; None → the whole group
    pole: str | None = None
    by: str | None = None  # a detail page's breakdown; None → pole, then service
    sort: str | None = None
    ascending: bool = False
    year: int | None = None  # national comparison: the data year; None → each latest
    peers: str | None = None  # national comparison: a named peer group
    # A search of the page (?q=): read, never carried over to other pages' links.
    search: str | None = None

    @classmethod
    def parse(cls, search: str | None) -> Selection:
        """Read `?p=ytd&m=2026-09&e=990000012&pole=Médecine&by=site&sort=value&dir=asc`
        (and `&an=2022&pairs=x` for the national comparison), ignoring junk."""
        args = {k: v[0] for k, v in parse_qs((search or "").lstrip("?")).items() if v}
        kind = args.get("p", "month")
        try:
            month = parse_month(args["m"]) if "m" in args else None
        except PeriodError:
            month = None
        return cls(
            kind=kind if kind in PERIOD_KINDS else "month",
            month=month,
            establishment=args.get("e") or None,
            pole=args.get("pole") or None,
            by=args.get("by") or None,
            sort=args.get("sort") or None,
            ascending=args.get("dir") == "asc",
            year=int(args["an"]) if args.get("an", "").isdigit() else None,
            peers=args.get("pairs") or None,
            search=args.get("q", "").strip()[:MAX_SEARCH] or None,
        )

    def with_(self, **changes) -> Selection:
        return replace(self, **changes)

    def query(self, **changes) -> str:
        """The `?…` string of this selection (with changes), defaults left out."""
        sel = replace(self, **changes)
        args = {}
        if sel.kind != "month":
            args["p"] = sel.kind
        if sel.month is not None:
            args["m"] = month_label(sel.month)
        if sel.establishment:
            args["e"] = sel.establishment
        if sel.pole:
            args["pole"] = sel.pole
        if sel.by:
            args["by"] = sel.by
        if sel.sort:
            args["sort"] = sel.sort
            args["dir"] = "asc" if sel.ascending else "desc"
        if sel.year is not None:
            args["an"] = str(sel.year)
        if sel.peers:
            args["pairs"] = sel.peers
        return ("?" + urlencode(args)) if args else ""

    def end_month(self, latest: date, first: date | None = None) -> date:
        """The period's last month, kept within the months that have complete data."""
        month = self.month or latest
        if month > latest:
            return latest
        if first and month < first:
            return first
        return month

    def period(self, latest: date, first: date | None = None) -> Period:
        return PERIOD_KINDS[self.kind](self.end_month(latest, first))

    def step(self, latest: date, months: int) -> Selection:
        """The same view one month earlier or later (None when it would leave the data)."""
        target = add_months(self.end_month(latest), months)
        return self.with_(month=None if target >= latest else target)

    def filters(self) -> dict[str, str]:
        found = {}
        if self.establishment:
            found["establishment"] = self.establishment
        if self.pole:
            found["pole"] = self.pole
        return found
