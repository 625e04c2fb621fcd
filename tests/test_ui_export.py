"""Export of the table on screen: CSV for French Excel (BOM, `;`, decimal comma) and .xlsx
with French headers and real numbers carrying their display formats."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from cockpit.ui.components.table import Cell, Column, TableModel
from cockpit.ui.export import filename, to_csv, to_xlsx


def model() -> TableModel:
    columns = [
        Column("metric", "Indicateur", numeric=False),
        Column("value", "Valeur"),
        Column("status", "Statut", numeric=False),
    ]
    rows = [
        [
            Cell("Total des charges", "Total des charges"),
            Cell("32,7 M€", 32_712_345.678, number_format='#,##0 "€"'),
            Cell("Sans cible"),
        ],
        [
            Cell("Taux d'occupation", "Taux d'occupation"),
            Cell("86,3 %", 0.86312, number_format="0.0%"),
            Cell("Bon"),
        ],
        [Cell("Résultat", "Résultat"), Cell("–"), Cell("Alerte")],
    ]
    return TableModel("Finances — Octobre 2026", columns, rows, filename="cockpit-finances")


def test_csv_opens_in_french_excel():
    data = to_csv(model())
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Indicateur", "Valeur", "Statut"]
    assert rows[1] == ["Total des charges", "32712345,678", "Sans cible"]
    assert rows[2] == ["Taux d'occupation", "0,86312", "Bon"]
    assert rows[3] == ["Résultat", "", "Alerte"]


def test_csv_in_english_uses_commas_and_points():
    rows = list(csv.reader(io.StringIO(to_csv(model(), "en").decode("utf-8-sig"))))
    assert rows[1][1] == "32712345.678"


def test_xlsx_has_the_title_headers_and_numbers_with_formats():
    sheet = load_workbook(io.BytesIO(to_xlsx(model()))).active
    assert sheet["A1"].value == "Finances — Octobre 2026"
    assert [c.value for c in sheet[2]] == ["Indicateur", "Valeur", "Statut"]
    assert sheet["B3"].value == 32_712_345.678 and sheet["B3"].number_format == '#,##0 "€"'
    assert sheet["B4"].value == 0.86312 and sheet["B4"].number_format == "0.0%"
    assert sheet["B5"].value is None


def test_file_names_are_plain():
    assert filename(model(), "csv") == "cockpit-finances.csv"
