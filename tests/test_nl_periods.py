"""Period expressions, FR and EN, per SPEC §6 (fixed today)."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.nl.normalize import normalize
from cockpit.nl.periods import parse_period, read_period

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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ce trimestre", ("2026-10", "2026-10")),  # quarter to date
        ("this quarter", ("2026-10", "2026-10")),
        ("cet été", ("2026-06", "2026-08")),
        ("l'été dernier", ("2026-06", "2026-08")),
        ("l'hiver dernier", ("2025-12", "2026-02")),
        ("last winter", ("2025-12", "2026-02")),
        ("au printemps", ("2026-03", "2026-05")),
        ("l'hiver 2025-2026", ("2025-12", "2026-02")),
        ("l'été 2025", ("2025-06", "2025-08")),
        ("sur un an glissant", ("2025-11", "2026-10")),
        ("rolling 12 months", ("2025-11", "2026-10")),
        ("au S1", ("2026-01", "2026-06")),
        ("S2 2025", ("2025-07", "2025-12")),
        ("en 2025 et 2026", ("2025-01", "2026-10")),
        ("de 2023 à 2024", ("2023-01", "2024-12")),
        ("Q3 2025", ("2025-07", "2025-09")),
        ("2025 Q3", ("2025-07", "2025-09")),
        ("de mars à juin", ("2026-03", "2026-06")),
        ("entre janvier et avril 2025", ("2025-01", "2025-04")),
        ("from March to June 2025", ("2025-03", "2025-06")),
        ("de novembre à février", ("2025-11", "2026-02")),
        ("depuis mars", ("2026-03", "2026-10")),
        ("since June 2025", ("2025-06", "2026-10")),
        ("les 6 derniers mois", ("2026-05", "2026-10")),
        ("les 2 derniers trimestres", ("2026-04", "2026-09")),
        ("les 2 dernières années", ("2024-01", "2025-12")),
        ("en N-1", ("2025-01", "2025-12")),
        ("l'année passée", ("2025-01", "2025-12")),
        ("début 2026", ("2026-01", "2026-01")),
    ],
)
def test_periods_people_say(text, expected):
    assert period(text) == expected


def test_this_month_answers_the_last_complete_one_and_says_so():
    reading = read_period(normalize("ce mois-ci"), TODAY)
    assert (f"{reading.period.start:%Y-%m}", f"{reading.period.end:%Y-%m}") == (
        "2026-10",
        "2026-10",
    )
    assert "pas terminé" in reading.note[0] and "not over" in reading.note[1]


def test_this_quarter_without_a_complete_month_is_the_previous_quarter_said_so():
    reading = read_period(normalize("ce trimestre"), date(2026, 4, 3))
    assert (f"{reading.period.start:%Y-%m}", f"{reading.period.end:%Y-%m}") == (
        "2026-01",
        "2026-03",
    )
    assert reading.note is not None


def test_a_winter_that_is_not_over_is_not_last_winter():
    assert period("l'hiver dernier", date(2027, 2, 10)) == ("2025-12", "2026-02")
    assert period("cet hiver", date(2027, 2, 10)) == ("2026-12", "2027-01")


@pytest.mark.parametrize("text", ["cette semaine", "la semaine dernière", "aujourd'hui", "hier",
                                  "last week", "au T5"])  # fmt: skip
def test_less_than_a_month_or_an_impossible_quarter_is_unreadable(text):
    reading = read_period(normalize(text), TODAY)
    assert reading.period is None and reading.unreadable


def test_ete_the_verb_is_not_summer():
    assert period("ont été recrutés") is None


def test_last_year_is_marked_relative_for_follow_ups():
    assert read_period(normalize("et l'an dernier ?"), TODAY).relative_year
    assert not read_period(normalize("en 2025"), TODAY).relative_year


def test_a_quarter_not_begun_is_last_years_and_one_begun_is_this_years():
    assert period("au T4", date(2027, 2, 10)) == ("2026-10", "2026-12")
    assert period("au T2", date(2026, 4, 3)) == ("2026-04", "2026-06")
    assert period("au S2", date(2026, 3, 1)) == ("2025-07", "2025-12")


def test_a_span_that_ends_before_it_starts_is_unreadable():
    reading = read_period(normalize("depuis 2030"), TODAY)
    assert reading.period is None and reading.unreadable == "depuis 2030"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("au mois de mars de l'année dernière", ("2025-03", "2025-03")),
        ("le premier trimestre de l'an dernier", ("2025-01", "2025-03")),
        ("S1 de cette année", ("2026-01", "2026-06")),
        ("du 1er janvier au 30 juin", ("2026-01", "2026-06")),
        ("au 31 décembre 2025", ("2025-12", "2025-12")),
        ("en janvier et février 2026", ("2026-01", "2026-02")),
    ],
)
def test_parts_of_a_year_said_relative_to_a_year_and_days_of_months(text, expected):
    assert period(text) == expected


def test_year_to_date_early_in_january_is_last_year_said_so():
    reading = read_period(normalize("depuis le début de l'année"), date(2026, 1, 5))
    assert (f"{reading.period.start:%Y-%m}", f"{reading.period.end:%Y-%m}") == (
        "2025-01",
        "2025-12",
    )
    assert "aucun mois complet" in reading.note[0]
