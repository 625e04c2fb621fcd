"""Which public file is which: Hospi Diag (ANAP) or SAE (DREES), its table and its data year.

Recognised from the header row (read through gzip when compressed) and, for the year
and the SAE table, from the name the publishers give their files (`hd2022.csv`,
`hospi_2019_activite_globale.csv`, `SYGEN_2024r.csv.gz`).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cockpit.warehouse.readers import GZIP_MAGIC

SNIFF_BYTES = 1 << 16
SAE_TABLES = ("ID", "SYGEN", "MCO", "URGENCES2")
HOSPIDIAG_SHEETS = ("etablissement", "lits_places", "activite_globale")
_SAE_NAME = re.compile(r"^([A-Za-z][A-Za-z0-9]*?)_((?:19|20)\d{2})r?\b", re.IGNORECASE)
_HD_NAME = re.compile(r"^hd((?:19|20)\d{2})\b", re.IGNORECASE)
_SHEET_NAME = re.compile(r"^hospi_((?:19|20)\d{2})_([a-z_]+)$", re.IGNORECASE)
_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?![0-9])")


class NotNationalFile(ValueError):
    """The file is not one of the public files Cockpit imports; the message says why."""


@dataclass(frozen=True)
class NationalFile:
    """One public file, recognised: where it comes from, what it holds, how to read it."""

    path: Path
    source: str  # hospidiag | sae
    # hd, etablissement, lits_places, activite_globale (Hospi Diag); ID, SYGEN, MCO, URGENCES2
    dataset: str
    year: int  # the data year, from the file name
    headers: tuple[str, ...]
    delimiter: str
    encoding: str  # utf-8 | latin-1, as sniffed from the beginning
    compressed: bool

    def column(self, name: str) -> str | None:
        """The header as published for a column name, whatever its case (`an` / `AN`)."""
        wanted = name.casefold()
        return next((h for h in self.headers if h.casefold() == wanted), None)

    @property
    def label(self) -> str:
        """How the import report and `ingest_log` name what the file holds."""
        return f"national:{self.source}:{self.dataset}"


def _head(path: Path) -> tuple[bytes, bool]:
    with open(path, "rb") as f:
        start = f.read(2)
    if start == GZIP_MAGIC:
        try:
            with gzip.open(path, "rb") as f:
                return f.read(SNIFF_BYTES), True
        except (OSError, EOFError) as exc:
            raise NotNationalFile(f"is not a readable gzip file ({exc})") from exc
    with open(path, "rb") as f:
        return f.read(SNIFF_BYTES), False


def _header_row(head: bytes) -> tuple[list[str], str, str]:
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = head.decode("latin-1"), "latin-1"
    first_line = text.splitlines()[0] if text.strip() else ""

    def fields(delimiter: str) -> list[str]:
        return next(csv.reader(io.StringIO(first_line), delimiter=delimiter), [])

    delimiter = max((";", ",", "\t"), key=lambda d: len(fields(d)))
    return [h.strip() for h in fields(delimiter)], delimiter, encoding


def recognise(path: Path) -> NationalFile:
    """The file as a NationalFile, or NotNationalFile saying why it is not one."""
    if not path.exists():
        raise NotNationalFile("file not found")
    if path.is_dir():
        raise NotNationalFile("is a directory, not a file")
    head, compressed = _head(path)
    if head.startswith(b"PK\x03\x04"):
        raise NotNationalFile("is a workbook: import the CSV files the publishers provide")
    if not head.strip():
        raise NotNationalFile("file is empty")
    headers, delimiter, encoding = _header_row(head)
    names = {h.casefold() for h in headers}
    stem = path.name.split(".")[0]

    def made(source: str, dataset: str, year: int) -> NationalFile:
        return NationalFile(
            path, source, dataset, year, tuple(headers), delimiter, encoding, compressed
        )

    if {"fi", "fi_ej"} <= names:
        return made("sae", *_sae_table(stem))
    if headers and headers[0].casefold() == "finess":
        return made("hospidiag", *_hospidiag_kind(stem, names))
    raise NotNationalFile(
        "is neither a Hospi Diag file (first column 'finess') nor an SAE table "
        "(columns FI and FI_EJ)"
    )


def _sae_table(stem: str) -> tuple[str, int]:
    match = _SAE_NAME.match(stem)
    if not match:
        raise NotNationalFile(
            "an SAE table must keep the name DREES gives it, e.g. SYGEN_2024r.csv.gz "
            "(the name says which table it is)"
        )
    table = match.group(1).upper()
    if table not in SAE_TABLES:
        raise NotNationalFile(
            f"SAE table {table} is not imported (imported: {', '.join(SAE_TABLES)})"
        )
    return table, int(match.group(2))


def _hospidiag_kind(stem: str, names: set[str]) -> tuple[str, int]:
    sheet = _SHEET_NAME.match(stem)
    if sheet:
        year, kind = int(sheet.group(1)), sheet.group(2).lower()
        if kind not in HOSPIDIAG_SHEETS:
            raise NotNationalFile(
                f"Hospi Diag sheet '{kind}' is not imported "
                f"(imported: {', '.join(HOSPIDIAG_SHEETS)})"
            )
        return kind, year
    if not {"rs", "cat", "taille_mco"} <= names:
        raise NotNationalFile(
            "is not a Hospi Diag open-data extract (columns finess, rs, cat, taille_MCO…); "
            "market-share files (pdmreg, pdmza) are not imported"
        )
    match = _HD_NAME.match(stem) or _YEAR.search(stem)
    if not match:
        raise NotNationalFile(
            "the data year is not in the file name: keep ANAP's name, e.g. hd2022.csv"
        )
    return "hd", int(match.group(1))


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


def national_files(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Skipped]]:
    """The files named, a folder standing for the public files it holds (subfolders too).

    A file named explicitly is always returned (and refused later if it is not one
    Cockpit imports); files found in a folder that are not are returned as skipped.
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            found.append(path)
            continue
        for candidate in sorted(p for p in path.rglob("*") if p.is_file()):
            try:
                recognise(candidate)
            except NotNationalFile as exc:
                skipped.append(Skipped(candidate, str(exc)))
            else:
                found.append(candidate)
    unique = {p.resolve(): p for p in reversed(found)}
    return [p for p in found if unique.get(p.resolve()) is p], skipped
