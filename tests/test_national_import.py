"""The real public files imported as published: values ANAP and DREES publish for the CH
d'Avignon and the CH Bretagne Atlantique, across both sources and several years, and the
publishers' quirks (.c, .z, empty cells, renamed and re-cased SAE columns, decimal commas,
Windows-1252 bytes, leftover rows of another year, sites without their legal entity)."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from real_data import AVIGNON, AVIGNON_SITE, VANNES, VANNES_SITE, require_real_data

from cockpit.warehouse.ingest import ingest_files
from cockpit.warehouse.national import NATIONAL_TABLES, import_national_files


def query(db, sql: str, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def value(db, year: int, code: str, *, site=None, legal_entity=None):
    column, finess = ("site", site) if site else ("legal_entity", legal_entity)
    rows = query(
        db,
        f"SELECT value, status FROM national WHERE year = ? AND code = ? AND {column} = ?",
        year, code, finess,
    )  # fmt: skip
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


# (year, site, SYGEN column, published value): README of the files, checked in them.
SAE_PUBLISHED = [
    (2019, AVIGNON_SITE, "LIT_MCO", 689), (2019, AVIGNON_SITE, "SEJHC_MCO", 37696),
    (2019, AVIGNON_SITE, "PASSU_GEN", 120905), (2019, AVIGNON_SITE, "ETPSAL_TOT", 257.9),
    (2019, AVIGNON_SITE, "ETP_TOT_PNM", 2815.49), (2022, AVIGNON_SITE, "JOU_MCO", 207068),
    (2022, AVIGNON_SITE, "ETP_TOT_PNM", 2832.88), (2024, AVIGNON_SITE, "LIT_MCO", 708),
    (2024, AVIGNON_SITE, "PASSU_GEN", 127087), (2024, AVIGNON_SITE, "ETPSAL_TOT", 309.6),
    (2024, AVIGNON_SITE, "ETPPNM_TOT_PNM", 2887.18),
    (2019, VANNES_SITE, "LIT_MCO", 551), (2019, VANNES_SITE, "JOU_MCO", 162981),
    (2022, VANNES_SITE, "SEJHC_MCO", 32333), (2022, VANNES_SITE, "ETPSAL_TOT", 269.35),
    (2024, VANNES_SITE, "PASSU_GEN", 66321), (2024, VANNES_SITE, "ETPSAL_TOT", 301.85),
    (2024, VANNES_SITE, "ETPPNM_TOT_PNM", 2672.77),
]  # fmt: skip

# (year, legal entity, Hospi Diag code, published value)
HOSPIDIAG_PUBLISHED = [
    (2022, VANNES, "RH8", 9.2), (2022, VANNES, "RH9", 12.7), (2022, VANNES, "P12", 35.53),
    (2022, AVIGNON, "P12", 35.83), (2022, AVIGNON, "CI_RH6", 2832.88),
    (2017, VANNES, "RH8", 6.7), (2018, VANNES, "RH8", 6.9), (2018, AVIGNON, "RH8", 8.2),
    (2019, AVIGNON, "P1", 1.043), (2018, AVIGNON, "CI_AC1", 484),
]  # fmt: skip


@pytest.mark.parametrize(("year", "site", "column", "published"), SAE_PUBLISHED)
def test_sae_values_are_stored_as_published(national_db, year, site, column, published):
    assert value(national_db, year, f"SYGEN.{column}", site=site) == (published, None)


@pytest.mark.parametrize(("year", "legal_entity", "code", "published"), HOSPIDIAG_PUBLISHED)
def test_hospidiag_values_are_stored_as_published(national_db, year, legal_entity, code, published):
    assert value(national_db, year, code, legal_entity=legal_entity) == (published, None)


def test_sae_sites_carry_their_legal_entity(national_db):
    rows = query(
        national_db,
        "SELECT DISTINCT site FROM national WHERE legal_entity = ? AND year = 2022 ORDER BY 1",
        AVIGNON,
    )
    assert (AVIGNON_SITE,) in rows and ("840018337",) in rows  # main site, Apt surgery site


def test_withheld_and_not_applicable_cells_keep_their_status_without_a_value(national_db):
    assert value(national_db, 2022, "CI_F10_D", legal_entity=AVIGNON) == (None, "withheld")
    assert value(national_db, 2022, "RH8", legal_entity="010007300") == (None, "not_applicable")


def test_empty_cells_are_no_rows(national_db):
    # Avignon publishes no absenteeism in 2022 (README): an empty cell, not a zero.
    assert value(national_db, 2022, "RH8", legal_entity=AVIGNON) is None
    assert value(national_db, 2019, "SYGEN.PLA_OBS", site=AVIGNON_SITE) is None


def test_renamed_sae_column_is_imported_under_its_published_name(national_db):
    assert value(national_db, 2024, "SYGEN.ETP_TOT_PNM", site=AVIGNON_SITE) is None
    assert value(national_db, 2023, "SYGEN.ETPPNM_TOT_PNM", site=AVIGNON_SITE) is None
    assert value(national_db, 2023, "SYGEN.ETP_TOT_PNM", site=AVIGNON_SITE)[0] > 2800


def test_urgences2_codes_name_the_kind_of_emergency_department(national_db):
    assert value(national_db, 2019, "URGENCES2.PASSU.GEN", site=AVIGNON_SITE) == (120905, None)


def test_leftover_rows_of_another_year_are_left_aside_and_said(national_db):
    # SYGEN 2019 repeats site 330780503 with AN=2018 (an almost empty row): 2019's row wins.
    assert value(national_db, 2019, "SYGEN.LIT_MCO", site="330780503") == (158, None)
    messages = query(national_db, "SELECT message FROM ingest_log WHERE file LIKE '%SYGEN_2019r%'")
    assert "left aside" in messages[0][0]


def test_site_published_without_legal_entity_gets_it_from_the_id_table(national_db):
    published = query(
        national_db,
        "SELECT count(*) FROM national_value WHERE site = '060800174' AND year = 2019 "
        "AND legal_entity IS NULL",
    )
    assert published[0][0] > 0
    completed = query(
        national_db,
        "SELECT DISTINCT legal_entity FROM national WHERE site = '060800174' AND year = 2019",
    )
    assert completed == [("060800174",)]


def test_latin_1_and_windows_1252_names_are_decoded(national_db):
    names = query(
        national_db,
        "SELECT DISTINCT name FROM national_entity WHERE finess = '370007569' AND source = 'sae'",
    )
    assert names == [("PÔLE SANTÉ LÉONARD DE VINCI",)]


def test_classification_comes_from_hospidiag_for_every_year(national_db):
    rows = query(
        national_db,
        "SELECT year, category, size_class, class_year FROM national_class "
        "WHERE legal_entity = ? ORDER BY year",
        VANNES,
    )
    assert [r[0] for r in rows] == list(range(2017, 2025))
    assert {(r[1], r[2]) for r in rows} == {("CH", "T4")}
    assert dict((r[0], r[3]) for r in rows)[2024] == 2022  # nearest published year


def test_every_national_load_is_in_ingest_log(national_db):
    kinds = dict(
        query(
            national_db,
            "SELECT kind, count(*) FROM ingest_log WHERE kind LIKE 'national:%' GROUP BY ALL",
        )
    )
    assert kinds["national:sae:SYGEN"] == 6 and kinds["national:hospidiag:hd"] == 1
    assert kinds["national:hospidiag:activite_globale"] == 3


def test_national_import_keeps_the_monthly_tables(national_db, demo_warehouse):
    for table in ("activity", "hr", "finance", "structure", "targets", "treasury"):
        count = f"SELECT count(*) FROM {table}"
        assert query(national_db, count) == query(demo_warehouse, count), table
    monthly = "SELECT count(*) FROM ingest_log WHERE kind NOT LIKE 'national:%'"
    assert query(national_db, monthly) == query(demo_warehouse, monthly)


def test_monthly_ingest_keeps_the_national_tables(national_db, tmp_path):
    db = tmp_path / "cockpit.duckdb"
    shutil.copyfile(national_db, db)
    counts = {t: query(db, f"SELECT count(*) FROM {t}") for t in NATIONAL_TABLES}
    extracts = tmp_path / "extracts"
    from cockpit.demo import write_demo

    write_demo(extracts)
    ingest_files([extracts / "activity.csv"], db, user="tests")
    assert {t: query(db, f"SELECT count(*) FROM {t}") for t in NATIONAL_TABLES} == counts


def test_importing_a_year_again_replaces_it(national_db, tmp_path):
    real = require_real_data()
    db = tmp_path / "cockpit.duckdb"
    shutil.copyfile(national_db, db)
    fingerprint = (
        "SELECT count(*), bit_xor(hash(source, year, legal_entity, site, code, value, status)) "
        "FROM national_value"
    )
    before = query(db, fingerprint)
    report = import_national_files([real / "sae" / "2022" / "SYGEN_2022r.csv.gz"], db)
    assert report.files[0].replaced == report.files[0].values > 200_000
    assert query(db, fingerprint) == before


def test_a_folder_imports_what_it_can_and_says_what_it_skipped(tmp_path):
    real = require_real_data()
    report = import_national_files([real / "hospidiag"], tmp_path / "w.duckdb")
    assert {f.kind for f in report.files} == {
        "national:hospidiag:hd", "national:hospidiag:etablissement",
        "national:hospidiag:lits_places", "national:hospidiag:activite_globale",
    }  # fmt: skip
    skipped = {s.path.name: s.reason for s in report.skipped}
    assert "market-share files" in skipped["pdmza_2022.csv"]
    assert "workbook" in skipped["Hospi_2019.xlsx"]
