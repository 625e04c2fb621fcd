"""Extract files as DuckDB relations: CSV, .xlsx (first sheet) and Parquet.

The format is recognised from the file's first bytes, a CSV's encoding and
delimiter from its beginning. A `Source` knows its header row and how to
show itself to DuckDB with the canonical column names; CSV and .xlsx values
arrive as text, Parquet keeps its own types.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import duckdb

if TYPE_CHECKING:
    import pyarrow as pa

from cockpit.warehouse.rules import quote_ident, sql_str

Format = Literal["csv", "xlsx", "parquet"]
SNIFF_BYTES = 1 << 16
DELIMITERS = (";", ",", "\t")
GZIP_MAGIC = b"\x1f\x8b"
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


class UnreadableFile(ValueError):
    """The file cannot be read as an extract at all (its message says why)."""

    def __init__(self, reason: str, line: int | None = None, not_utf8: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.not_utf8 = not_utf8  # a CSV taken for UTF-8 that is not, past its sniffed start


@dataclass
class Source:
    path: Path
    format: Format
    headers: list[str]
    types: list[str]
    line_label: str  # 'line' (CSV), 'row' (.xlsx, Parquet)
    line_offset: int  # line of the first data row
    encoding: str | None = None
    delimiter: str | None = None
    table: pa.Table | None = field(default=None, repr=False)  # .xlsx cells, as text
    source_names: list[str] | None = None  # how DuckDB sees the columns, if not by header
    # CSV columns whose sniffed cells are all plain numbers ('-12.5', '3e4'): DuckDB can
    # parse them itself, much faster than text cast in SQL; `careful` once that failed.
    plain_numbers: set[int] = field(default_factory=set)
    careful: bool = False

    def read_numbers_natively(self, positions: set[int]) -> None:
        """Let DuckDB parse these numeric columns itself, if their sniffed cells allow it."""
        if self.format == "csv" and not self.careful:
            for position in positions & self.plain_numbers:
                self.types[position] = "DOUBLE"

    def read_more_carefully(self, not_utf8: bool) -> bool:
        """After a reading error: whether another way of reading the CSV may succeed.

        A Latin-1 byte past the sniffed start, or a cell that is not a plain
        number in a column read natively, are found only by DuckDB's reading.
        """
        if self.format != "csv":
            return False
        if not_utf8 and self.encoding == "utf-8":
            self.encoding = "latin-1"
            return True
        if not self.careful and "DOUBLE" in self.types:
            self.careful, self.types = True, ["VARCHAR"] * len(self.types)
            return True
        return False

    def relation(self, con: duckdb.DuckDBPyConnection, names: list[str | None]) -> str:
        """A FROM-able SQL relation exposing the named columns under their new names.

        `names` gives, position by position, the canonical name of each source
        column or None for a column to leave out.
        """
        if self.format == "csv":
            declared = {
                name or f"__ignored_{i}": self.types[i] if name else "VARCHAR"
                for i, name in enumerate(names)
            }
            columns = ", ".join(f"{sql_str(k)}: {sql_str(v)}" for k, v in declared.items())
            kept = ", ".join(quote_ident(n) for n in names if n) or "*"
            return (
                f"(SELECT {kept} FROM read_csv({sql_str(str(self.path))}, header = true, "  # nosec B608 # file path and delimiter quoted by sql_str, columns from the contract
                f"auto_detect = false, delim = {sql_str(self.delimiter or ',')}, "
                f"quote = '\"', escape = '\"', encoding = {sql_str(self.encoding or 'utf-8')}, "
                f"columns = {{{columns}}}))"
            )
        selected = ", ".join(
            f"{quote_ident(header)} AS {quote_ident(name)}"
            for header, name in zip(self.source_names or self.headers, names, strict=True)
            if name
        )
        if self.format == "parquet":
            return f"(SELECT {selected} FROM read_parquet({sql_str(str(self.path))}))"  # nosec B608 # file path and delimiter quoted by sql_str, columns from the contract
        view = f"__xlsx_{id(self)}"
        con.register(view, self.table)
        return f"(SELECT {selected} FROM {view})"  # nosec B608 # file path and delimiter quoted by sql_str, columns from the contract

    def physical_lines(self, record_indexes: set[int]) -> dict[int, int]:
        """Editor line numbers of some CSV records, counting blank lines and multi-line cells.

        Only used to report errors, so it may read the file at Python speed.
        """
        if self.format != "csv":
            return {i: i + self.line_offset for i in record_indexes}
        wanted, found = set(record_indexes), {}
        opener = gzip.open if is_gzip(self.path) else open
        with opener(self.path, "rt", encoding=self.encoding, newline="", errors="replace") as f:
            reader = csv.reader(f, delimiter=self.delimiter or ",")
            next(reader, None)
            record, last_line = 0, reader.line_num
            for row in reader:
                start = last_line + 1
                last_line = reader.line_num
                if not row:
                    continue  # DuckDB skips blank lines too
                if record in wanted:
                    found[record] = start
                    if len(found) == len(wanted):
                        break
                record += 1
        return {i: found.get(i, i + self.line_offset) for i in record_indexes}


def is_gzip(path: Path) -> bool:
    """Whether the file is gzip-compressed (its first two bytes), whatever its name."""
    with open(path, "rb") as f:
        return f.read(2) == GZIP_MAGIC


def open_source(path: Path) -> Source:
    if not path.exists():
        raise UnreadableFile("file not found")
    if path.is_dir():
        raise UnreadableFile("is a directory, not a file")
    with open(path, "rb") as f:
        head = f.read(SNIFF_BYTES)
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(path)
    if head.startswith(b"PAR1"):
        return _open_parquet(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile("old Excel .xls format: save it as .xlsx or CSV")
    return _open_csv(path, head)


def _open_csv(path: Path, head: bytes) -> Source:
    if not head.strip():
        raise UnreadableFile("file is empty")
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = head.decode("latin-1"), "latin-1"
    first_line = text.splitlines()[0] if text else ""

    def fields(delimiter: str) -> list[str]:
        return next(csv.reader(io.StringIO(first_line), delimiter=delimiter), [])

    delimiter = max(DELIMITERS, key=lambda d: len(fields(d)))
    headers = [h.strip() for h in fields(delimiter)]
    source = Source(
        path, "csv", headers, ["VARCHAR"] * len(headers), "line", 2, encoding, delimiter
    )
    complete_lines = text[: text.rfind("\n") + 1] if len(head) == SNIFF_BYTES else text
    try:
        rows = list(csv.reader(io.StringIO(complete_lines), delimiter=delimiter))[1:]
    except csv.Error:  # e.g. a lone carriage return in a cell: DuckDB's reading will say where
        rows = []
    for position in range(len(headers)):
        cells = [row[position] for row in rows if position < len(row) and row[position]]
        if cells and all(PLAIN_NUMBER.fullmatch(cell) for cell in cells):
            source.plain_numbers.add(position)
    return source


def _open_parquet(path: Path) -> Source:
    con = duckdb.connect()
    try:
        described = con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({sql_str(str(path))})"  # nosec B608 # file path and delimiter quoted by sql_str, columns from the contract
        ).fetchall()
    except duckdb.Error as exc:
        raise UnreadableFile(f"not a readable Parquet file ({_first_line(exc)})") from exc
    finally:
        con.close()
    headers = [row[0] for row in described]
    types = [row[1] for row in described]
    return Source(path, "parquet", headers, types, "row", 1)


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _open_xlsx(path: Path) -> Source:
    import openpyxl  # both only for workbooks: keeps the CSV and Parquet runs light
    import pyarrow as pa

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile(f"not a readable .xlsx workbook ({exc})") from exc
    try:
        rows = _without_blank_edges(workbook.worksheets[0].iter_rows(values_only=True))
        header_row, header_cells = next(rows, (0, ()))
        headers = [(_cell_text(c) or "").strip() for c in header_cells]
        while headers and not headers[-1]:
            headers.pop()
        if not headers:
            raise UnreadableFile("the first sheet is empty")
        columns: list[list[str | None]] = [[] for _ in headers]
        for _, cells in rows:
            for i, column in enumerate(columns):
                column.append(_cell_text(cells[i]) if i < len(cells) else None)
    finally:
        workbook.close()
    names = [f"c{i}" for i in range(len(headers))]
    table = pa.table({n: pa.array(c, pa.string()) for n, c in zip(names, columns, strict=True)})
    return Source(
        path, "xlsx", headers, ["VARCHAR"] * len(headers), "row", header_row + 1,
        table=table, source_names=names,
    )  # fmt: skip


def _without_blank_edges(rows: Iterator[tuple]) -> Iterator[tuple[int, tuple]]:
    """(row number, cells) without leading blank rows and without trailing blank rows."""
    pending: list[tuple[int, tuple]] = []
    started = False
    for number, cells in enumerate(rows, start=1):
        blank = all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)
        if blank:
            if started:
                pending.append((number, cells))
            continue
        started = True
        yield from pending
        pending.clear()
        yield number, cells


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


CSV_LINE = re.compile(r"CSV Error on Line: (\d+)")
COLUMN_COUNT = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def describe_read_error(exc: duckdb.Error) -> UnreadableFile:
    """A DuckDB reading error as a located, plain-English problem."""
    message = str(exc)
    line_match = CSV_LINE.search(message)
    line = int(line_match.group(1)) if line_match else None
    counts = COLUMN_COUNT.search(message)
    if counts:
        reason = f"has {counts.group(2)} fields where the header has {counts.group(1)}"
    elif "Invalid unicode" in message:
        return UnreadableFile("is not valid UTF-8 text", line, not_utf8=True)
    else:
        reason = _first_line(exc).split("Error: ", 1)[-1]
    return UnreadableFile(reason, line)
