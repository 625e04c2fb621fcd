"""The extract contracts of SPEC §3: columns, types, keys and allowed codes.

Shared by the demo generator (which writes them), the ingest (which validates
against them) and the warehouse schema (which stores them). Pure data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# A FINESS number: 2 characters for the département (2A/2B in Corsica), then 7 digits.
FINESS_PATTERN = r"[0-9][0-9AB][0-9]{7}"

ColumnType = Literal["text", "finess", "period", "year", "count", "amount", "signed", "code"]
# text    free text, non-empty unless optional
# finess  9-character FINESS identifier
# period  YYYY-MM, stored as the DATE of the first day of the month
# year    4-digit year
# count   number >= 0 (counts, days, hours, FTE, euros that cannot be negative)
# amount  euros, may be negative (finance actual/budget)
# signed  any number (targets, thresholds)
# code    text from a closed list (Column.allowed)


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    optional: bool = False
    allowed: tuple[str, ...] = ()
    integer: bool = False  # counts that must be whole numbers


@dataclass(frozen=True)
class Contract:
    kind: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # Columns whose values a re-ingest replaces wholesale: every row of the
    # warehouse sharing these values with the incoming file is dropped first.
    replace_on: tuple[str, ...]
    french_headers: dict[str, str] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if not c.optional)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _counts(*names: str, integer: bool = False) -> tuple[Column, ...]:
    return tuple(Column(n, "count", integer=integer) for n in names)


STAFF_GROUPS = ("medical", "non_medical")
SECTIONS = ("charges", "produits")
TITRES = ("1", "2", "3", "4")
CARE_STAFF_CATEGORIES = ("infirmier", "aide-soignant", "sage-femme")

_ORG = (
    Column("period", "period"),
    Column("establishment_id", "finess"),
    Column("pole", "text"),
    Column("service", "text"),
)

STRUCTURE = Contract(
    kind="structure",
    columns=(
        Column("establishment_id", "finess"),
        Column("establishment", "text"),
        Column("site", "text"),
        Column("pole", "text"),
        Column("service", "text"),
    ),
    key=("establishment_id", "pole", "service"),
    replace_on=("establishment_id",),
    french_headers={
        "finess": "establishment_id",
        "etablissement": "establishment",
        "établissement": "establishment",
        "pôle": "pole",
    },
)

ACTIVITY = Contract(
    kind="activity",
    columns=_ORG
    + _counts(
        "admissions",
        "stays_full",
        "stays_ambulatory",
        "bed_days",
        integer=True,
    )
    + _counts("expected_bed_days", "installed_beds")
    + _counts(
        "er_visits",
        "er_admissions",
        "consultations",
        "surgeries",
        "ambulatory_surgeries",
        "births",
        integer=True,
    )
    + _counts("t2a_valuation_eur"),
    key=("period", "establishment_id", "pole", "service"),
    replace_on=("period", "establishment_id"),
    french_headers={
        "periode": "period",
        "période": "period",
        "finess": "establishment_id",
        "pôle": "pole",
    },
)

HR = Contract(
    kind="hr",
    columns=_ORG
    + (
        Column("staff_group", "code", allowed=STAFF_GROUPS),
        Column("staff_category", "text"),
    )
    + _counts("fte_paid", "fte_budget")
    + _counts("headcount", "absence_days", "theoretical_days", integer=True)
    + _counts("overtime_hours", "interim_cost_eur")
    + _counts("hires", "departures", integer=True)
    + _counts("payroll_cost_eur"),
    key=("period", "establishment_id", "pole", "service", "staff_group", "staff_category"),
    replace_on=("period", "establishment_id"),
    french_headers={
        "periode": "period",
        "période": "period",
        "finess": "establishment_id",
        "pôle": "pole",
    },
)

FINANCE = Contract(
    kind="finance",
    columns=(
        Column("period", "period"),
        Column("establishment_id", "finess"),
        Column("pole", "text", optional=True),
        Column("section", "code", allowed=SECTIONS),
        Column("titre", "code", allowed=TITRES),
        Column("account", "text"),
        Column("actual_eur", "amount"),
        Column("budget_eur", "amount"),
    ),
    key=("period", "establishment_id", "pole", "section", "titre", "account"),
    replace_on=("period", "establishment_id"),
    french_headers={
        "periode": "period",
        "période": "period",
        "finess": "establishment_id",
        "pôle": "pole",
        "compte": "account",
        "realise_eur": "actual_eur",
        "réalisé_eur": "actual_eur",
    },
)

TREASURY = Contract(
    kind="treasury",
    columns=(
        Column("period", "period"),
        Column("establishment_id", "finess"),
        Column("cash_eur", "amount"),
        Column("debt_outstanding_eur", "count"),
        Column("depreciation_eur", "count"),
    ),
    key=("period", "establishment_id"),
    replace_on=("period", "establishment_id"),
    french_headers={
        "periode": "period",
        "période": "period",
        "finess": "establishment_id",
        "tresorerie_eur": "cash_eur",
    },
)

TARGETS = Contract(
    kind="targets",
    columns=(
        Column("metric", "text"),
        Column("establishment_id", "finess"),
        Column("pole", "text", optional=True),
        Column("period", "period", optional=True),
        Column("year", "year", optional=True),
        Column("target", "signed"),
        Column("amber_threshold", "signed", optional=True),
        Column("red_threshold", "signed", optional=True),
    ),
    key=("metric", "establishment_id", "pole", "period", "year"),
    replace_on=("establishment_id", "year"),
)

CONTRACTS: dict[str, Contract] = {
    c.kind: c for c in (STRUCTURE, ACTIVITY, HR, FINANCE, TREASURY, TARGETS)
}

# Order in which a run loads its files: the structure first, since the other
# extracts are checked against the services it declares.
LOAD_ORDER = ("structure", "activity", "hr", "finance", "treasury", "targets")
