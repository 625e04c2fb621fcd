"""What a failed ingest reports: one `FileError` per problem, gathered in an `IngestError`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileError:
    """One problem in one file, located as precisely as the problem allows.

    `line` counts like a spreadsheet or an editor: for a CSV the header is
    line 1; for an .xlsx it is the sheet's row number; for a Parquet file it
    is the row index counted from 1 (`line_label` says which).
    """

    file: str
    line: int | None
    column: str | None
    reason: str
    line_label: str = "line"

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"{self.line_label} {self.line}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.reason}"


class IngestError(Exception):
    """The run stored nothing; `errors` lists every problem found, file by file."""

    def __init__(self, errors: list[FileError]):
        self.errors = errors
        files = len({e.file for e in errors})
        super().__init__(
            f"{len(errors)} problem(s) in {files} file(s); nothing was stored.\n"
            + "\n".join(f"  - {e}" for e in errors)
        )
