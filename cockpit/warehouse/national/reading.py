"""Reading a public file into a temp table of text cells, once, with DuckDB (gzip included).

The cells stay text: each column's rules (numbers with a decimal comma, '.c', '.z',
FINESS numbers) are checked afterwards, so a bad cell is named by line and column.
DREES says its tables are Latin-1, but some carry Windows-1252 punctuation (’ – Œ)
that DuckDB's Latin-1 reader refuses: those files alone are re-encoded first.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path

import duckdb

from cockpit.warehouse.national.files import NationalFile
from cockpit.warehouse.readers import Source, UnreadableFile, describe_read_error
from cockpit.warehouse.rules import quote_ident, sql_str

NOT_LATIN_1 = "not latin-1 encoded"


def _relation(path: Path, nf: NationalFile, encoding: str, compressed: bool) -> str:
    compression = "gzip" if compressed else "none"
    columns = ", ".join(f"{sql_str(h)}: 'VARCHAR'" for h in nf.headers)
    return (
        f"read_csv({sql_str(str(path))}, header = true, auto_detect = false, "
        f"delim = {sql_str(nf.delimiter)}, quote = '\"', escape = '\"', "
        f"encoding = {sql_str(encoding)}, compression = '{compression}', "
        f"columns = {{{columns}}})"
    )


def _windows_1252_copy(nf: NationalFile, directory: Path) -> Path:
    """The file re-encoded from Windows-1252 to UTF-8 (bytes it leaves undefined as Latin-1)."""
    copy = directory / (nf.path.name + ".utf-8.csv")
    opener = gzip.open if nf.compressed else open
    with opener(nf.path, "rb") as raw, open(copy, "wb") as out:
        data = raw.read()
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        out.write(text.encode("utf-8"))
    return copy


def read_cells(con: duckdb.DuckDBPyConnection, nf: NationalFile, table: str) -> int:
    """Create temp `table` with every cell of the file as text, in file order; rows read.

    Raises UnreadableFile (with the line when DuckDB gives one) for a file that cannot
    be read as the CSV its header announces.
    """
    attempts = [(nf.path, nf.encoding, nf.compressed)]
    if nf.encoding == "utf-8":
        attempts.append((nf.path, "latin-1", nf.compressed))
    scratch: Path | None = None
    try:
        while attempts:
            path, encoding, compressed = attempts.pop(0)
            try:
                return con.execute(
                    f"CREATE OR REPLACE TEMP TABLE {quote_ident(table)} AS "  # nosec B608 # path, encoding and headers quoted by sql_str
                    f"SELECT * FROM {_relation(path, nf, encoding, compressed)}"
                ).fetchall()[0][0]
            except duckdb.Error as exc:
                problem = describe_read_error(exc)
                if NOT_LATIN_1 in str(exc) and scratch is None:
                    scratch = Path(tempfile.mkdtemp(prefix="cockpit-national-"))
                    attempts.append((_windows_1252_copy(nf, scratch), "utf-8", False))
                elif not (problem.not_utf8 and attempts):
                    raise problem from exc
        raise UnreadableFile("could not be read")  # every attempt was refused above
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def line_numbers(nf: NationalFile, records: set[int]) -> dict[int, int]:
    """Editor line numbers (header = line 1) of some 0-based records, for error messages."""
    source = Source(
        nf.path, "csv", list(nf.headers), ["VARCHAR"] * len(nf.headers), "line", 2,
        nf.encoding, nf.delimiter,
    )  # fmt: skip
    return source.physical_lines(records)
