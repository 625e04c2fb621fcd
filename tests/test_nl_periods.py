"""Period expressions, FR and EN, per SPEC §6 (fixed today)."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.nl.normalize import normalize
from cockpit.nl.periods import parse_period

TODAY = date(2026, 11, 15)


def period(text: str, today: date = TODAY):
    found, _ = parse_period(normalize(text), today)
    return found and (f"{found.start:%Y-%m}", f"{found.end:%Y-%m}")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("quel est le taux", None),  # no period: the caller uses the last complete month
        ("le mois dernier", ("2026-10", "2026-10")),
        ("last month", ("2026-10", "2026-10")),
        ("depuis janvier", ("2026-01", "2026-10")),
        ("depuis le début de l'année", ("2026-01", "2026-10")),
        ("year to date", ("2026-01", "2026-10")),
        ("l'an dernier", ("2025-01", "2025-12")),
        ("last year", ("2025-01", "2025-12")),
        ("le trimestre dernier", ("2026-07", "2026-09")),
        ("au dernier trimestre", ("2026-07", "2026-09")),
        ("last quarter", ("2026-07", "2026-09")),
        ("au T2", ("2026-04", "2026-06")),
        ("au premier trimestre", ("2026-01", "2026-03")),
        ("premier semestre", ("2026-01", "2026-06")),
        ("in Q2 2026", ("2026-04", "2026-06")),
        ("in the third quarter of 2025", ("2025-07", "2025-09")),
        ("en mars", ("2026-03", "2026-03")),
        ("en décembre", ("2025-12", "2025-12")),  # not complete this year → last year
        ("in November", ("2025-11", "2025-11")),  # the current month is incomplete
        ("sur les 12 derniers mois", ("2025-11", "2026-10")),
        ("depuis 12 mois", ("2025-11", "2026-10")),
        ("over the last 12 months", ("2025-11", "2026-10")),
        ("fin 2025", ("2025-12", "2025-12")),
        ("fin octobre", ("2026-10", "2026-10")),
        ("en mars 2026", ("2026-03", "2026-03")),
        ("en 2025", ("2025-01", "2025-12")),
        ("in 2026", ("2026-01", "2026-10")),
    ],
)
def test_period_rules(text, expected):
    assert period(text) == expected


def test_last_quarter_in_january_is_previous_year():
    assert period("last quarter", date(2026, 1, 10)) == ("2025-10", "2025-12")
    assert period("le mois dernier", date(2026, 1, 10)) == ("2025-12", "2025-12")
    assert period("depuis janvier", date(2026, 2, 3)) == ("2026-01", "2026-01")
