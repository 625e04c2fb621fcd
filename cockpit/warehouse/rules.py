"""The contract rules as SQL: for each column, its stored value and the reason it is refused.

Both come from one chain of (condition, message) steps, so a value is NULL
exactly when a reason is given (or when an optional cell is empty): the fast
path counts NULLs in the typed staging table, the slow path asks for reasons.
Everything here is pure string building; validation.py runs it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.contracts import FINESS_PATTERN, Column, Contract
from cockpit.warehouse.schema import sql_type

PERIOD_PATTERN = r"[12][0-9]{3}-(0[1-9]|1[0-2])(-01)?"  # YYYY-MM, or the first day of it
YEAR_PATTERN = r"[12][0-9]{3}"
MAX_INTEGER = 9.2e18  # what a BIGINT holds
# Text columns written one way: column type → (pattern, reason shown for the raw cell).
_PATTERNS = {
    "finess": (FINESS_PATTERN, "'{}' is not a FINESS number (9 characters, e.g. 990000012)"),
    "period": (PERIOD_PATTERN, "'{}' is not a month written YYYY-MM (month 01 to 12)"),
    "year": (YEAR_PATTERN, "'{}' is not a year written YYYY"),
}

_INTEGER_TYPES = {
    "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
    "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
}  # fmt: skip
_FLOAT_TYPES = {"FLOAT", "DOUBLE", "REAL"}


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _is_number_type(src_type: str) -> bool:
    return src_type in _INTEGER_TYPES or src_type in _FLOAT_TYPES or src_type.startswith("DECIMAL")


def text_of(ref: str, src_type: str) -> str:
    """The source value as text, as a person would have typed it."""
    if src_type == "VARCHAR":
        return ref
    if src_type in _INTEGER_TYPES:
        return f"CAST({ref} AS VARCHAR)"
    if src_type in _FLOAT_TYPES or src_type.startswith("DECIMAL"):
        # 3.0 → '3', so that a titre or an account stored as a float reads as typed
        return (
            f"CASE WHEN {ref} = trunc({ref}) AND abs({ref}) < 1e15 "
            f"THEN CAST(CAST({ref} AS BIGINT) AS VARCHAR) ELSE CAST({ref} AS VARCHAR) END"
        )
    if src_type == "DATE":
        return f"strftime({ref}, '%Y-%m-%d')"
    if src_type.startswith("TIMESTAMP"):
        return (
            f"CASE WHEN CAST({ref} AS TIME) = TIME '00:00:00' "
            f"THEN strftime({ref}, '%Y-%m-%d') ELSE CAST({ref} AS VARCHAR) END"
        )
    return f"CAST({ref} AS VARCHAR)"


def number_of(ref: str, src_type: str) -> str:
    """The source value as a DOUBLE, NULL when it is not a number.

    Text is read with a decimal point or a decimal comma, and with spaces,
    non-breaking spaces or narrow non-breaking spaces as thousands separators
    ('1 234,5'). The plain cast is tried first: it is the common, cheap case.
    """
    if _is_number_type(src_type):
        return f"CAST({ref} AS DOUBLE)"
    text = text_of(ref, src_type)
    unspaced = f"replace(replace(replace({text}, ' ', ''), chr(160), ''), chr(8239), '')"
    french = f"replace({unspaced}, ',', '.')"
    return f"coalesce(TRY_CAST({text} AS DOUBLE), TRY_CAST({french} AS DOUBLE))"


@dataclass(frozen=True)
class ColumnRule:
    """One contract column read from one source column (or absent, if optional).

    Staging reads the file once through two projections: `parsed` (over the
    source column: trimmed text, or a number) then `value` (over the parsed
    column, same name): the stored value, NULL when empty or refused. `reason`
    works on the source column directly and says why a value is refused.
    """

    column: Column
    parsed: str
    value: str
    reason: str
    present: bool = True
    # optional columns only: over the source, "the cell is not empty"; over the
    # parsed columns, "the cell was refused"
    filled: str = "false"
    refused: str = "false"

    @property
    def name(self) -> str:
        return self.column.name


def column_rule(column: Column, src_name: str | None, src_type: str = "VARCHAR") -> ColumnRule:
    target_type = sql_type(column)
    if src_name is None:
        null = f"CAST(NULL AS {target_type})"
        return ColumnRule(column, null, null, "CAST(NULL AS VARCHAR)", present=False)
    ref, me = quote_ident(src_name), quote_ident(column.name)
    trimmed = f"nullif(trim({text_of(ref, src_type)}), '')"
    # (condition refusing the parsed value {p}, reason shown for the raw cell {raw})
    checks: list[tuple[str, str]] = []
    if column.type in ("count", "amount", "signed"):
        parsed = number_of(ref, src_type)
        checks += [
            ("{p} IS NULL", "'{}' is not a number"),
            ("NOT isfinite({p})", "'{}' is not a finite number"),
        ]
        if column.type == "count":
            checks.append(("{p} < 0", "{} is negative: it cannot be below zero"))
        if column.integer:
            checks += [
                ("{p} <> trunc({p})", "{} is not a whole number"),
                ("abs({p}) >= " + str(MAX_INTEGER), "{} is too large"),
            ]
        final = "{p}"
    else:
        parsed = trimmed
        final = "{p}"
        if column.type in _PATTERNS:
            pattern, reason = _PATTERNS[column.type]
            checks.append(("NOT regexp_full_match({p}, '" + pattern + "')", reason))
        if column.type == "period":
            final = "left({p}, 7) || '-01'"
        if column.type == "code":
            allowed = ", ".join(sql_str(a) for a in column.allowed)
            checks.append(
                (
                    "lower({p}) NOT IN (" + allowed + ")",
                    f"'{{}}' is not one of: {', '.join(column.allowed)}",
                )
            )
            final = "lower({p})"

    accepted = " AND ".join(
        [f"{me} IS NOT NULL"] + [f"NOT ({c.replace('{p}', me)})" for c, _ in checks]
    )
    value = f"CASE WHEN {accepted} THEN CAST({final.replace('{p}', me)} AS {target_type}) END"
    empty = "NULL" if column.optional else sql_str("a value is required")
    steps = [f"WHEN {trimmed} IS NULL THEN {empty}"] + [
        f"WHEN {c.replace('{p}', parsed)} THEN format({sql_str(m)}, left({trimmed}, 40))"
        for c, m in checks
    ]
    reason = f"CASE {' '.join(steps)} END"
    if column.optional and column.type != "text":
        filled = f"{trimmed} IS NOT NULL"
        refused = f"({quote_ident(filled_name(column.name))} AND {value} IS NULL)"
        return ColumnRule(column, parsed, value, reason, filled=filled, refused=refused)
    return ColumnRule(column, parsed, value, reason)


def column_rules(contract: Contract, sources: dict[str, str]) -> list[ColumnRule]:
    """Rules for every contract column; `sources` maps present columns to their SQL type."""
    return [
        column_rule(c, c.name if c.name in sources else None, sources.get(c.name, "VARCHAR"))
        for c in contract.columns
    ]


def flag_name(column: str) -> str:
    return f"__refused_{column}"


def filled_name(column: str) -> str:
    return f"__filled_{column}"


@dataclass(frozen=True)
class RowRule:
    """A rule across columns, checked on the typed staging table."""

    column: str
    condition: str
    reason: str


def row_rules(contract: Contract) -> list[RowRule]:
    if contract.kind == "finance":
        return [
            RowRule(
                "titre",
                "section = 'produits' AND titre = '4'",
                "'titre 4 does not exist for produits (titres 1 to 3)'",
            )
        ]
    if contract.kind == "targets":
        return [
            RowRule(
                "period",
                f"period IS NULL AND year IS NULL AND NOT {flag_name('period')} "
                f"AND NOT {flag_name('year')}",
                "'a target needs a period (YYYY-MM) or a year'",
            ),
            RowRule(
                "year",
                "year <> year(period)",
                "format('year {} does not match period {}', year, strftime(period, '%Y-%m'))",
            ),
        ]
    return []


def stored_values(contract: Contract) -> dict[str, str]:
    """How each stored column is computed from the typed staging table."""
    values = {name: quote_ident(name) for name in contract.names}
    if contract.kind == "targets":
        values["year"] = "coalesce(year, CAST(year(period) AS INTEGER))"
    return values


def period_bounds(contract: Contract) -> tuple[str, str] | None:
    """SQL for the first and last month an extract covers (None for the structure)."""
    if "period" not in contract.names:
        return None
    if "year" in contract.names:
        return (
            "min(coalesce(period, make_date(year, 1, 1)))",
            "max(coalesce(period, make_date(year, 12, 1)))",
        )
    return "min(period)", "max(period)"
