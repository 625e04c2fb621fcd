"""A public file that cannot be stored as published is refused with file, line, column and
reason, and every table (national and monthly) stays as it was; small files built here
show how cells are read (.c, .z, empty, padding, decimal commas, re-cased SAE columns)."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from real_data import require_real_data

from cockpit.warehouse.errors import IngestError
from cockpit.warehouse.national import import_national_files

HD_HEADER = "finess,rs,champ_pmsi,taa,cat,taille_MCO,taille_M,taille_C,taille_O,P12,RH8,CI_AC1"


def write(path: Path, text: str, encoding: str = "utf-8", compress: bool = False) -> Path:
    data = text.encode(encoding)
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def hd_file(tmp_path: Path, *rows: str, name: str = "hd2022.csv") -> Path:
    return write(tmp_path / name, "\n".join([HD_HEADER, *rows]) + "\n")


def sygen(tmp_path: Path, *rows: str, header="BOR;AN;FI;FI_EJ;LIT_MCO;SEJHC_MCO", year=2022):
    return write(tmp_path / f"SYGEN_{year}r.csv.gz", "\r\n".join([header, *rows]) + "\r\n",
                 "latin-1", compress=True)  # fmt: skip


def refused(paths, db) -> list:
    with pytest.raises(IngestError) as caught:
        import_national_files(paths, db)
    return caught.value.errors


def fingerprint(db: Path) -> dict:
    """Every table's rows, order-independent: equal before and after means untouched."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {
            t: con.execute(f"SELECT count(*), bit_xor(hash(COLUMNS(*))) FROM {t}").fetchall()
            for t in tables
        }


@pytest.fixture
def loaded(tmp_path, demo_warehouse) -> Path:
    """The demo hospital with one small Hospi Diag year already imported."""
    db = tmp_path / "w" / "cockpit.duckdb"
    db.parent.mkdir()
    shutil.copyfile(demo_warehouse, db)
    good = hd_file(tmp_path, '010007987,CH HAUTEVILLE,DGF,TAA,CH,T1,M1,C0,,"  12,5",3,24')
    import_national_files([good], db)
    return db


def test_corrupted_real_hospidiag_file_is_refused_with_line_and_column(loaded, tmp_path):
    real = require_real_data() / "hospidiag" / "anap_opendata_2022" / "hd2022.csv"
    lines = real.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith("560023210,"))
    assert '"       35,53"' in lines[number]
    lines[number] = lines[number].replace('"       35,53"', '"       35,5x3"')
    corrupted = tmp_path / "hd2022.csv"
    corrupted.write_text("".join(lines), encoding="utf-8")
    before = fingerprint(loaded)
    errors = refused([corrupted], loaded)
    assert [(e.file, e.line, e.column, e.reason) for e in errors] == [
        (str(corrupted), number + 1, "P12", "'35,5x3' is not a number")
    ]
    assert fingerprint(loaded) == before


def test_corrupted_real_sae_table_is_refused_with_line_and_column(loaded, tmp_path):
    real = require_real_data() / "sae" / "2022" / "SYGEN_2022r.csv.gz"
    lines = gzip.decompress(real.read_bytes()).split(b"\r\n")
    header = lines[0].split(b";")
    number = next(i for i, line in enumerate(lines) if line.startswith(b"840001861;"))
    cells = lines[number].split(b";")
    column = header.index(b"LIT_MCO")
    cells[column] = b"7O6"  # a letter O typed for a zero
    lines[number] = b";".join(cells)
    corrupted = tmp_path / "SYGEN_2022r.csv.gz"
    corrupted.write_bytes(gzip.compress(b"\r\n".join(lines)))
    before = fingerprint(loaded)
    errors = refused([corrupted], loaded)
    assert [(e.line, e.column, e.reason) for e in errors] == [
        (number + 1, "LIT_MCO", "'7O6' is not a number")
    ]
    assert fingerprint(loaded) == before


def test_truncated_gzip_is_refused_and_nothing_else_of_the_run_is_stored(loaded, tmp_path):
    good = sygen(tmp_path, "SYGEN;2022;840001861;840006597;706;38664")
    rows = b"".join(b"MCO;2022;84%07d;840006597;%d\r\n" % (i, i) for i in range(30000))
    whole = gzip.compress(b"BOR;AN;FI;FI_EJ;LIT_MED\r\n" + rows)
    truncated = tmp_path / "MCO_2022r.csv.gz"
    truncated.write_bytes(whole[: len(whole) // 2])
    before = fingerprint(loaded)
    errors = refused([good, truncated], loaded)
    assert [(e.file, e.reason) for e in errors] == [
        (str(truncated), f"Unexpected end of GZIP stream: {truncated}")
    ]
    assert fingerprint(loaded) == before
    failures = loaded.with_name(loaded.name + ".ingest-failures.jsonl").read_text().splitlines()
    assert str(truncated) in json.loads(failures[-1])["errors"][0]


def test_row_with_missing_fields_is_located(tmp_path):
    bad = sygen(tmp_path, "SYGEN;2022;840001861;840006597;706;38664", "SYGEN;2022;560000127;1")
    (error,) = refused([bad], tmp_path / "w.duckdb")
    assert error.line == 3 and "fields where the header has 6" in error.reason


def test_finess_numbers_and_duplicate_sites_are_refused_by_line(tmp_path):
    bad = sygen(
        tmp_path,
        "SYGEN;2022;840001861;840006597;706;38664",
        "SYGEN;2022;84000186;840006597;1;1",
        "SYGEN;2022;840001861;840006597;2;2",
    )
    errors = refused([bad], tmp_path / "w.duckdb")
    assert [(e.line, e.column, e.reason) for e in errors] == [
        (3, "FI", "'84000186' is not a FINESS number (9 characters, e.g. 840006597)"),
        (4, "FI", "same FI (840001861) as line 2"),
    ]


def test_hospidiag_cells_withheld_not_applicable_empty_padded_and_decimal_comma(tmp_path):
    db = tmp_path / "w.duckdb"
    path = hd_file(
        tmp_path,
        '840006597,CH HENRI DUFFAUT,DGF,TAA,CH,T4,M4,C4,O4,"       35,83",       .c,    511',
        "560023210,CH BRETAGNE ATLANTIQUE,DGF,TAA,CH,T4,M4,C4,O4,  .z,,1 234",
    )
    import_national_files([path], db)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT legal_entity, code, value, status, category, size_class FROM national "
            "ORDER BY 1, 2"
        ).fetchall()
    assert rows == [
        ("560023210", "CI_AC1", 1234.0, None, "CH", "T4"),
        ("560023210", "P12", None, "not_applicable", "CH", "T4"),
        ("840006597", "CI_AC1", 511.0, None, "CH", "T4"),
        ("840006597", "P12", 35.83, None, "CH", "T4"),
        ("840006597", "RH8", None, "withheld", "CH", "T4"),
    ]


def test_sae_columns_are_found_whatever_their_case_and_quoting(tmp_path):
    db = tmp_path / "w.duckdb"
    header = '"fi";"fi_ej";"an";"LIT_MCO";"ETPPNM_TOT_PNM"'
    path = sygen(tmp_path, '"840001861";"840006597";"2024";708;"2887,18"', header=header,
                 year=2024)  # fmt: skip
    import_national_files([path], db)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT code, value FROM national_value ORDER BY 1").fetchall()
    assert rows == [("SYGEN.ETPPNM_TOT_PNM", 2887.18), ("SYGEN.LIT_MCO", 708.0)]


def test_windows_1252_punctuation_in_a_latin_1_table_is_kept(tmp_path):
    db = tmp_path / "w.duckdb"
    text = (
        "bor;an;fi;rs;fi_ej;cat;catr\r\n"
        "ID;2022;840001861;CENTRE D’ANNÉE – SITE;840006597;355;PUB2\r\n"
    )
    path = write(tmp_path / "ID_2022r.csv.gz", text, "cp1252", compress=True)
    import_national_files([path], db)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT name FROM national_entity").fetchall() == [
            ("CENTRE D’ANNÉE – SITE",)
        ]


def test_two_files_of_one_run_may_not_bring_the_same_year_twice(tmp_path):
    first = hd_file(tmp_path, "840006597,CH,DGF,TAA,CH,T4,M4,C4,O4,35,,")
    (tmp_path / "again").mkdir()
    second = hd_file(tmp_path / "again", "840006597,CH,DGF,TAA,CH,T4,M4,C4,O4,36,,")
    errors = refused([first, second], tmp_path / "w.duckdb")
    assert {e.file for e in errors} == {str(second)}
    assert "2022 values of P12 are also in" in errors[0].reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.csv", "a;b\n1;2\n", "neither a Hospi Diag file"),
        ("hd.csv", HD_HEADER + "\n", "the data year is not in the file name"),
        ("Q20_2022r.csv", "BOR;AN;FI;FI_EJ;PERSO\n", "SAE table Q20 is not imported"),
        ("ID_2022r.csv", "bor;an;fi;fi_ej;cat\n", "missing column(s): rs, catr"),
        ("SYGEN_2022r.csv", "", "file is empty"),
    ],
)
def test_files_that_are_not_importable_say_why(tmp_path, name, content, reason):
    path = write(tmp_path / name, content)
    (error,) = refused([path], tmp_path / "w.duckdb")
    assert error.file == str(path) and reason in error.reason
