"""The same extracts as CSV (any dialect a French export produces), .xlsx or Parquet load alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from extract_samples import table_contents, write_csv

from cockpit.warehouse.ingest import ingest_files

NBSP, NARROW_NBSP = "\u00a0", "\u202f"


def french_number(value, thousands: str) -> str:
    """12345.5 → '12 345,5' with the given thousands separator."""
    if isinstance(value, str) or pd.isna(value):
        return value
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{int(value):,}"
    return text.replace(",", thousands).replace(".", ",")


def french_frame(frame: pd.DataFrame, thousands: str) -> pd.DataFrame:
    french = frame.copy()
    for column in french.columns:
        if pd.api.types.is_numeric_dtype(french[column]):
            french[column] = french[column].map(lambda v: french_number(v, thousands))
    return french


def write_variant(frames: dict[str, pd.DataFrame], folder: Path, variant: str) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for kind, frame in frames.items():
        if variant == "utf8-comma":
            paths.append(write_csv(frame, folder / f"{kind}.csv"))
        elif variant == "utf8-bom-semicolon":
            paths.append(write_csv(frame, folder / f"{kind}.csv", sep=";", encoding="utf-8-sig"))
        elif variant == "latin1-semicolon-decimal-comma":
            paths.append(
                write_csv(french_frame(frame, NBSP if kind == "hr" else " "),
                          folder / f"{kind}.csv", sep=";", encoding="latin-1")
            )  # fmt: skip
        elif variant == "utf8-semicolon-narrow-nbsp":
            paths.append(
                write_csv(french_frame(frame, NARROW_NBSP), folder / f"{kind}.txt", sep=";")
            )
        elif variant == "xlsx":
            excel = frame.copy()
            if "period" in excel:  # what Excel makes of '2024-01' typed in a cell
                excel["period"] = excel["period"].map(
                    lambda p: dt.datetime.strptime(p, "%Y-%m") if p else None
                )
            excel.to_excel(folder / f"{kind}.xlsx", index=False)
            paths.append(folder / f"{kind}.xlsx")
        elif variant == "parquet":  # typed columns; empty cells are nulls
            frame.replace("", None).to_parquet(folder / f"{kind}.parquet", index=False)
            paths.append(folder / f"{kind}.parquet")
    return paths


VARIANTS = [
    "utf8-bom-semicolon",
    "latin1-semicolon-decimal-comma",
    "utf8-semicolon-narrow-nbsp",
    "xlsx",
    "parquet",
]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, list[tuple]]:
    from extract_samples import canonical_frames

    folder = tmp_path_factory.mktemp("reference")
    db = folder / "cockpit.duckdb"
    ingest_files(write_variant(canonical_frames(), folder / "files", "utf8-comma"), db)
    contents = table_contents(db)
    contents.pop("ingest_log")
    return contents


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_format_loads_the_same_contents(tmp_path, frames, reference, variant):
    db = tmp_path / "cockpit.duckdb"
    report = ingest_files(write_variant(frames, tmp_path / "files", variant), db)
    assert sorted(f.kind for f in report.files) == sorted(frames)
    contents = table_contents(db)
    contents.pop("ingest_log")
    assert contents == reference
    assert all(rows for rows in contents.values())


def test_french_headers_match_whatever_their_case_accents_and_spaces(tmp_path, frames, reference):
    activity = frames["activity"].rename(
        columns={"period": " Période ", "establishment_id": "FINESS", "pole": "PÔLE"}
    )
    structure = frames["structure"].rename(
        columns={"establishment": "Établissement", "establishment_id": "finess"}
    )
    db = tmp_path / "cockpit.duckdb"
    ingest_files(
        [write_csv(structure, tmp_path / "s.csv"), write_csv(activity, tmp_path / "a.csv")], db
    )
    contents = table_contents(db)
    assert contents["activity"] == reference["activity"]
    assert contents["structure"] == reference["structure"]


def test_latin1_is_recognised_even_far_into_the_file(tmp_path, frames):
    structure = pd.concat([frames["structure"]] * 1, ignore_index=True)
    padding = pd.DataFrame(
        [("990000012", "CH de Vallombre", "Vallombre-Centre", f"Pole {i}", f"Service {i}")
         for i in range(3000)],
        columns=structure.columns,
    )  # fmt: skip
    path = write_csv(pd.concat([padding, structure]), tmp_path / "s.csv", encoding="latin-1")
    assert path.stat().st_size > 100_000  # the accents come after the sniffed beginning
    db = tmp_path / "cockpit.duckdb"
    ingest_files([path], db)
    services = {row[4] for row in table_contents(db)["structure"]}
    assert "Bloc opératoire" in services


def test_french_numbers_far_into_a_file_are_read_too(tmp_path):
    from test_ingest_validation import long_treasury

    frame = long_treasury(4000)
    db = tmp_path / "cockpit.duckdb"
    frame.loc[3900, "cash_eur"] = 1950975.5
    french = frame.copy()
    french.loc[3900, "cash_eur"] = "1 950 975,5"
    ingest_files([write_csv(french, tmp_path / "french.csv")], db)
    ingest_files([write_csv(frame, tmp_path / "plain.csv")], tmp_path / "plain.duckdb")
    assert table_contents(db)["treasury"] == table_contents(tmp_path / "plain.duckdb")["treasury"]


def test_a_bare_carriage_return_in_a_cell_refuses_the_file_without_crashing(tmp_path, frames):
    """Sniffing the file's start used to raise csv.Error on it; now DuckDB's reading refuses
    the file (with the line when DuckDB gives one)."""
    from cockpit.warehouse.errors import IngestError

    activity = frames["activity"].astype({"admissions": object})
    activity.loc[1, "admissions"] = "12\r3"  # pandas leaves a lone CR unquoted
    files = [write_csv(frames["structure"], tmp_path / "structure.csv"),
             write_csv(activity, tmp_path / "activity.csv")]  # fmt: skip
    with pytest.raises(IngestError) as caught:
        ingest_files(files, tmp_path / "w.duckdb")
    assert [e.file for e in caught.value.errors] == [str(tmp_path / "activity.csv")]
