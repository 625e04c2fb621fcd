"""Writes the generated columns as the six extract CSV files of SPEC §3.

Comma-separated, UTF-8, decimal point, header row, columns in contract order.
Decimals have a fixed number of digits per column, so the bytes never depend on
float printing (no `1e+05`) and two runs give identical files.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from cockpit.contracts import CONTRACTS, Contract
from cockpit.demo.block import NO_PERIOD, Columns, Vocabulary
from cockpit.demo.months import N_MONTHS, PERIODS

_TEXT_TYPES = ("text", "finess", "code")
_DIGITS = {"expected_bed_days": 1, "overtime_hours": 1}
_TARGET_DIGITS = 3
_MONEY_DIGITS = 2


def _decimal(values: np.ndarray, digits: int) -> pa.Array:
    return pa.array(np.round(values, digits)).cast(pa.decimal128(18, digits), safe=False)


def _arrow_column(contract: Contract, name: str, values: np.ndarray, strings: pa.Array) -> pa.Array:
    kind = contract.column(name).type
    if name == "period":
        codes = np.where(values == NO_PERIOD, N_MONTHS, values)
        return pa.array(list(PERIODS) + [""]).take(pa.array(codes))
    if kind in _TEXT_TYPES:
        return strings.take(pa.array(values))
    if np.issubdtype(values.dtype, np.integer):
        return pa.array(values, type=pa.int64())
    digits = _TARGET_DIGITS if contract.kind == "targets" else _DIGITS.get(name, _MONEY_DIGITS)
    return _decimal(values, digits)


def _check_plain(strings: list[str]) -> None:
    # Values are written unquoted, so none may need quoting.
    bad = [s for s in strings if any(ch in s for ch in ',"\n\r')]
    if bad:
        raise ValueError(f"text values would need CSV quoting: {bad[:3]}")


def write_extracts(tables: dict[str, Columns], vocab: Vocabulary, out: Path) -> dict[str, int]:
    """Write one `<kind>.csv` per contract into `out`; returns the rows written per file."""
    out.mkdir(parents=True, exist_ok=True)
    _check_plain(vocab.strings)
    strings = pa.array(vocab.strings, type=pa.string())
    rows: dict[str, int] = {}
    for kind, contract in CONTRACTS.items():
        columns = tables[kind]
        table = pa.table(
            {n: _arrow_column(contract, n, columns[n], strings) for n in contract.names}
        )
        path = out / f"{kind}.csv"
        with path.open("wb") as handle:
            handle.write((",".join(contract.names) + "\n").encode("utf-8"))
            pacsv.write_csv(
                table,
                handle,
                pacsv.WriteOptions(include_header=False, quoting_style="none"),
            )
        rows[f"{kind}.csv"] = table.num_rows
    return rows
