"""Each contract rule refuses a bad file with its file, line, column and reason (C1)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from extract_samples import ROCHEBRUNE, VALLOMBRE, table_contents, write_csv

from cockpit.contracts import CONTRACTS
from cockpit.warehouse.errors import FileError, IngestError
from cockpit.warehouse.ingest import ingest_files
from cockpit.warehouse.rules import column_rule


def refused(
    tmp_path: Path, db_path: Path, frames, kind: str, frame: pd.DataFrame
) -> list[FileError]:
    """Ingest the structure and one extract; the run must fail; the extract's errors."""
    structure = write_csv(frames["structure"], tmp_path / "structure.csv")
    bad = write_csv(frame, tmp_path / f"{kind}.csv")
    with pytest.raises(IngestError) as caught:
        ingest_files([structure, bad], db_path)
    assert not db_path.exists(), "a failed first run must not create a warehouse"
    return [e for e in caught.value.errors if e.file == str(bad)]


def only(errors: list[FileError]) -> FileError:
    assert len(errors) == 1, errors
    return errors[0]


def test_missing_required_columns_are_named(tmp_path, db_path, frames):
    error = only(refused(tmp_path, db_path, frames, "activity",
                         frames["activity"].drop(columns=["bed_days", "births"])))  # fmt: skip
    assert error.line == 1 and "bed_days" in error.column and "births" in error.column
    assert "missing required column" in error.reason and "activity" in error.reason


def test_unknown_extra_columns_are_ignored_and_reported(tmp_path, db_path, frames):
    frame = frames["activity"].assign(commentaire="ok")
    structure = write_csv(frames["structure"], tmp_path / "structure.csv")
    report = ingest_files([structure, write_csv(frame, tmp_path / "a.csv")], db_path)
    assert report.files[1].ignored_columns == ["commentaire"]
    log = duckdb.connect(str(db_path), read_only=True).execute(
        "SELECT message FROM ingest_log WHERE kind = 'activity'"
    )
    assert "ignored column(s): commentaire" in log.fetchone()[0]


def test_a_value_that_is_not_a_number_is_refused(tmp_path, db_path, frames):
    frame = frames["activity"].astype({"admissions": object})
    frame.loc[2, "admissions"] = "douze"
    error = only(refused(tmp_path, db_path, frames, "activity", frame))
    assert (error.line, error.column) == (4, "admissions")  # header is line 1, row 0 is line 2
    assert error.reason == "'douze' is not a number"
    assert str(error) == f"{error.file}, line 4, column admissions: 'douze' is not a number"


@pytest.mark.parametrize("period", ["2024-13", "2024-00", "2024/01", "24-01", "2024-1"])
def test_period_must_be_a_month_written_yyyy_mm(tmp_path, db_path, frames, period):
    frame = frames["treasury"].astype(object)
    frame.loc[1, "period"] = period
    error = only(refused(tmp_path, db_path, frames, "treasury", frame))
    assert (error.line, error.column) == (3, "period")
    assert f"'{period}' is not a month written YYYY-MM" in error.reason


def test_finess_must_have_nine_characters(tmp_path, db_path, frames):
    frame = frames["treasury"].astype(object)
    frame.loc[0, "establishment_id"] = "99000001"
    error = only(refused(tmp_path, db_path, frames, "treasury", frame))
    assert (error.line, error.column) == (2, "establishment_id")
    assert "'99000001' is not a FINESS number (9 characters" in error.reason


def test_counts_cannot_be_negative(tmp_path, db_path, frames):
    frame = frames["hr"].astype(object)
    frame.loc[5, "overtime_hours"] = -3.5
    error = only(refused(tmp_path, db_path, frames, "hr", frame))
    assert (error.line, error.column) == (7, "overtime_hours")
    assert error.reason == "-3.5 is negative: it cannot be below zero"


def test_whole_number_counts_refuse_fractions_but_other_counts_accept_them(
    tmp_path, db_path, frames
):
    frame = frames["activity"].astype(object)
    frame.loc[0, "stays_full"] = 12.5  # a count of stays
    frame.loc[1, "installed_beds"] = 20.5  # beds may be fractional (averaged over the month)
    error = only(refused(tmp_path, db_path, frames, "activity", frame))
    assert (error.line, error.column, error.reason) == (
        2,
        "stays_full",
        "12.5 is not a whole number",
    )


@pytest.mark.parametrize(
    ("kind", "column", "value", "allowed"),
    [
        ("hr", "staff_group", "médical", "medical, non_medical"),
        ("finance", "section", "recettes", "charges, produits"),
        ("finance", "titre", "5", "1, 2, 3, 4"),
    ],
)
def test_codes_must_be_from_the_allowed_list(
    tmp_path, db_path, frames, kind, column, value, allowed
):
    frame = frames[kind].copy()
    frame.loc[0, column] = value
    error = only(refused(tmp_path, db_path, frames, kind, frame))
    assert (error.line, error.column) == (2, column)
    assert error.reason == f"'{value}' is not one of: {allowed}"


def test_titre_4_does_not_exist_for_produits(tmp_path, db_path, frames):
    frame = frames["finance"].astype(object)
    frame.loc[2, "titre"] = "4"  # row 2 is a produits line
    error = only(refused(tmp_path, db_path, frames, "finance", frame))
    assert (error.line, error.column) == (4, "titre")
    assert "titre 4 does not exist for produits" in error.reason


def test_empty_required_value_is_refused(tmp_path, db_path, frames):
    frame = frames["structure"].astype(object)
    frame.loc[3, "site"] = ""
    structure = write_csv(frame, tmp_path / "structure.csv")
    with pytest.raises(IngestError) as caught:
        ingest_files([structure], db_path)
    error = only(caught.value.errors)
    assert (error.line, error.column, error.reason) == (5, "site", "a value is required")


def test_duplicate_key_names_both_lines(tmp_path, db_path, frames):
    frame = pd.concat([frames["activity"], frames["activity"].iloc[[1]]], ignore_index=True)
    error = only(refused(tmp_path, db_path, frames, "activity", frame))
    assert (
        error.line == len(frame) + 1 and error.column == "period, establishment_id, pole, service"
    )
    assert error.reason == (
        "same period, establishment_id, pole, service "
        "(2024-01, 990000012, Médecine, Pneumologie) as line 3"
    )


@pytest.mark.parametrize("kind", ["activity", "hr"])
def test_services_must_be_known_to_the_structure(tmp_path, db_path, frames, kind):
    frame = frames[kind].copy()
    frame.loc[1, "service"] = "Cardio"
    error = only(refused(tmp_path, db_path, frames, kind, frame))
    assert (error.line, error.column) == (3, "service")
    assert "service 'Cardio' of pole 'Médecine' (establishment 990000012)" in error.reason
    assert "not in the structure" in error.reason


def test_services_may_come_from_the_structure_already_stored(tmp_path, db_path, frames):
    ingest_files([write_csv(frames["structure"], tmp_path / "s.csv")], db_path)
    report = ingest_files([write_csv(frames["activity"], tmp_path / "a.csv")], db_path)
    assert report.files[0].rows == len(frames["activity"])


def test_every_error_of_a_file_is_reported_at_once(tmp_path, db_path, frames):
    frame = frames["activity"].astype(str)
    frame.loc[0, "admissions"] = "-1"
    frame.loc[3, "period"] = "2024-1"
    frame.loc[5, "establishment_id"] = "ABC"
    frame.loc[6, "service"] = "Inconnu"
    errors = refused(tmp_path, db_path, frames, "activity", frame)
    located = [(e.line, e.column) for e in errors]
    assert located == [(2, "admissions"), (5, "period"), (7, "establishment_id"), (8, "service")]


def test_errors_are_capped_per_file_with_a_count_of_the_rest(tmp_path, db_path, frames):
    frame = pd.concat([frames["treasury"]] * 30, ignore_index=True)
    frame["period"] = [f"{2000 + i // 12}-{i % 12 + 1:02d}" for i in range(len(frame))]
    frame["cash_eur"] = "n/a"
    errors = refused(tmp_path, db_path, frames, "treasury", frame)
    assert len(errors) == 51
    assert [e.line for e in errors[:50]] == list(range(2, 52))
    assert errors[-1].reason == f"… and {len(frame) - 50} more problem(s) in this file"


def test_errors_of_every_file_of_the_run_are_reported(tmp_path, db_path, frames):
    hr, treasury = frames["hr"].astype(object), frames["treasury"].astype(object)
    hr.loc[0, "headcount"] = "beaucoup"
    treasury.loc[0, "period"] = "mars"
    files = [
        write_csv(frames["structure"], tmp_path / "s.csv"),
        write_csv(hr, tmp_path / "h.csv"),
        write_csv(treasury, tmp_path / "t.csv"),
    ]
    with pytest.raises(IngestError) as caught:
        ingest_files(files, db_path)
    assert {(Path(e.file).name, e.column) for e in caught.value.errors} == {
        ("h.csv", "headcount"),
        ("t.csv", "period"),
    }


def test_kind_comes_from_the_columns_not_the_file_name(tmp_path, db_path, frames):
    structure = write_csv(frames["structure"], tmp_path / "structure.csv")
    misnamed = write_csv(frames["hr"], tmp_path / "activity.csv")
    report = ingest_files([structure, misnamed], db_path)
    assert report.files[1].kind == "hr"
    contents = table_contents(db_path)
    assert len(contents["hr"]) == len(frames["hr"]) and contents["activity"] == []


def test_an_unrecognisable_file_is_a_clear_error(tmp_path, db_path):
    path = write_csv(pd.DataFrame({"foo": [1], "bar": [2]}), tmp_path / "activity.csv")
    with pytest.raises(IngestError) as caught:
        ingest_files([path], db_path)
    error = only(caught.value.errors)
    assert error.file == str(path) and error.line == 1
    assert "cannot tell which extract this is from its columns (foo, bar)" in error.reason


def test_a_missing_file_is_reported_with_the_others(tmp_path, db_path, frames):
    structure = write_csv(frames["structure"], tmp_path / "s.csv")
    with pytest.raises(IngestError) as caught:
        ingest_files([structure, tmp_path / "nowhere.csv"], db_path)
    assert only(caught.value.errors).reason == "file not found"


def test_a_row_with_too_many_fields_names_its_line(tmp_path, db_path, frames):
    path = write_csv(frames["structure"], tmp_path / "s.csv")
    with open(path, "a", encoding="utf-8") as f:
        f.write("990000020,CH de Rochebrune,Rochebrune,Chirurgie,Ophtalmologie,extra\n")
    with pytest.raises(IngestError) as caught:
        ingest_files([path], db_path)
    error = only(caught.value.errors)
    assert error.line == 6 and error.reason == "has 6 fields where the header has 5"


def test_line_numbers_count_blank_lines_and_multiline_cells(tmp_path, db_path):
    path = tmp_path / "structure.csv"
    path.write_text(
        "establishment_id,establishment,site,pole,service\n"
        '990000012,"CH de\nVallombre",Centre,Médecine,Cardiologie\n'
        "\n"
        "990000012,CH de Vallombre,Centre,Médecine,\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError) as caught:
        ingest_files([path], db_path)
    assert (only(caught.value.errors).line, only(caught.value.errors).column) == (5, "service")


def test_xlsx_and_parquet_errors_name_the_row(tmp_path, db_path, frames):
    frame = frames["treasury"].astype(object)
    frame.loc[2, "period"] = "2024-15"
    xlsx, parquet = tmp_path / "t.xlsx", tmp_path / "t.parquet"
    frame.to_excel(xlsx, index=False)
    frame.to_parquet(parquet, index=False)
    for path, row in ((xlsx, 4), (parquet, 3)):  # sheet row (header = row 1); Parquet row from 1
        with pytest.raises(IngestError) as caught:
            ingest_files([path], db_path)
        assert str(only(caught.value.errors)).startswith(f"{path}, row {row}, column period: ")


def test_targets_take_their_year_from_the_period(tmp_path, db_path, frames):
    ingest_files([write_csv(frames["targets"], tmp_path / "targets.csv")], db_path)
    rows = duckdb.connect(str(db_path), read_only=True).execute(
        "SELECT metric, strftime(period, '%Y-%m'), year FROM targets ORDER BY metric"
    )
    assert rows.fetchall() == [("admissions", "2024-02", 2024), ("bed_occupancy_rate", None, 2024)]


def test_target_year_must_match_its_period(tmp_path, db_path, frames):
    frame = frames["targets"].astype(object)
    frame.loc[1, "year"] = "2023"
    with pytest.raises(IngestError) as caught:
        ingest_files([write_csv(frame, tmp_path / "targets.csv")], db_path)
    error = only(caught.value.errors)
    assert (error.line, error.column, error.reason) == (
        3, "year", "year 2023 does not match period 2024-02",
    )  # fmt: skip


TRICKY = ["", "  ", "0", "12", "12.0", "12.5", "-1", "1e3", "1 234,5", "nan", "inf", "abc",
          "2024-01", "2024-13", "2024-01-01", "2024-01-15", "990000012", "2A0000012", "9900000",
          "medical", "MEDICAL", "charges", "1", "4", "2024", "99999999999999999999"]  # fmt: skip


@pytest.mark.parametrize("kind", sorted(CONTRACTS))
def test_a_value_is_stored_exactly_when_no_reason_refuses_it(kind):
    """The fast path counts NULL values, the slow path explains reasons: they must agree."""
    con = duckdb.connect()
    for column in CONTRACTS[kind].columns:
        rule = column_rule(column, "raw")
        rows = con.execute(
            f"SELECT raw, value, {rule.reason} FROM (SELECT raw, {rule.value} AS value FROM "
            f"(SELECT raw, {rule.parsed} AS {column.name} FROM (SELECT unnest(?) AS raw)))",
            [TRICKY],
        ).fetchall()
        for raw, value, reason in rows:
            empty_optional = column.optional and not raw.strip()
            assert (value is None) == (reason is not None or empty_optional), (column, raw)


def test_a_malformed_file_does_not_stop_the_checks_of_the_others(tmp_path, db_path, frames):
    files = [write_csv(frames[k], tmp_path / f"{k}.csv") for k in ("structure", "activity", "hr")]
    with open(files[1], "a", encoding="utf-8") as f:
        f.write("2024-03,990000012,Médecine,Cardiologie,1,2,3\n")
    hr = frames["hr"].astype(object)
    hr.loc[1, "service"] = "Inconnu"
    write_csv(hr, files[2])
    with pytest.raises(IngestError) as caught:
        ingest_files(files, db_path)
    # hr is still checked, against the structure of the run: only its one unknown service
    assert [(Path(e.file).name, e.line, e.column) for e in caught.value.errors] == [
        ("activity.csv", 10, None),
        ("hr.csv", 3, "service"),
    ]


def long_treasury(rows: int) -> pd.DataFrame:
    """Treasury months for two establishments: longer than the sniffed start of a CSV."""
    months = [f"{1900 + i // 12}-{i % 12 + 1:02d}" for i in range(rows // 2)]
    return pd.DataFrame(
        [
            {"period": m, "establishment_id": e, "cash_eur": 1000.5 * i,
             "debt_outstanding_eur": 2000.0, "depreciation_eur": 30.25}
            for i, m in enumerate(months)
            for e in (VALLOMBRE, ROCHEBRUNE)
        ]
    ).astype(object)  # fmt: skip


def test_a_bad_number_far_into_a_clean_looking_file_is_still_named(tmp_path, db_path):
    frame = long_treasury(4000)
    frame.loc[3900, "depreciation_eur"] = "trente"
    path = write_csv(frame, tmp_path / "treasury.csv")
    assert path.stat().st_size > 2 * 65536  # well past what is sniffed
    with pytest.raises(IngestError) as caught:
        ingest_files([path], db_path)
    error = only(caught.value.errors)
    assert (error.line, error.column, error.reason) == (
        3902, "depreciation_eur", "'trente' is not a number",
    )  # fmt: skip
