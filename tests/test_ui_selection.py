"""The URL holds what is on screen: period kind and month, establishment, pole, sort."""

from __future__ import annotations

from datetime import date

from cockpit.periods import Period
from cockpit.ui.selection import Selection

LATEST, FIRST = date(2026, 10, 1), date(2023, 1, 1)


def test_an_empty_address_is_the_latest_month_of_the_whole_group():
    sel = Selection.parse("")
    assert sel == Selection()
    assert sel.period(LATEST, FIRST) == Period(LATEST, LATEST)
    assert sel.filters() == {}
    assert sel.query() == ""


def test_the_address_round_trips():
    search = "?p=ytd&m=2026-09&e=990000012&pole=M%C3%A9decine&sort=value&dir=asc"
    sel = Selection.parse(search)
    assert (sel.kind, sel.month, sel.establishment, sel.pole) == (
        "ytd",
        date(2026, 9, 1),
        "990000012",
        "Médecine",
    )
    assert sel.ascending and sel.sort == "value"
    assert Selection.parse(sel.query()) == sel
    assert sel.filters() == {"establishment": "990000012", "pole": "Médecine"}


def test_period_kinds_end_at_the_chosen_month():
    def period(kind):
        return Selection(kind=kind, month=date(2026, 8, 1)).period(LATEST, FIRST)

    assert period("month") == Period(date(2026, 8, 1), date(2026, 8, 1))
    assert period("quarter") == Period(date(2026, 7, 1), date(2026, 8, 1))
    assert period("ytd") == Period(date(2026, 1, 1), date(2026, 8, 1))
    assert period("r12") == Period(date(2025, 9, 1), date(2026, 8, 1))


def test_junk_in_the_address_falls_back_to_defaults():
    sel = Selection.parse("?p=decade&m=2026-13&dir=sideways")
    assert sel == Selection()


def test_months_stay_within_the_data():
    assert Selection(month=date(2027, 5, 1)).end_month(LATEST, FIRST) == LATEST
    assert Selection(month=date(2020, 1, 1)).end_month(LATEST, FIRST) == FIRST


def test_stepping_back_and_forth_drops_the_month_at_the_latest():
    earlier = Selection().step(LATEST, -1)
    assert earlier.month == date(2026, 9, 1)
    assert earlier.step(LATEST, 1).month is None
