"""Export of the table on screen to CSV (UTF-8 BOM, `;`, French decimals: opens as-is in
French Excel) and to Excel .xlsx (openpyxl, localized headers, real numbers with formats).
"""

from __future__ import annotations

import csv
import io
import re

from cockpit.formatting import plain_number
from cockpit.ui.components.table import TableModel

# Where a page's table is downloaded: EXPORT_PREFIX/csv + the page's address.
EXPORT_PREFIX = "/export"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "cockpit"


def _values(model: TableModel, lang: str) -> list[list]:
    rows = []
    for row in model.rows:
        line = []
        for column, cell in zip(model.columns, row, strict=True):
            if column.numeric and isinstance(cell.raw, (int, float)):
                line.append(cell.raw)
            elif column.numeric:
                line.append(None)
            else:
                line.append(cell.text)
        rows.append(line)
    return rows


def to_csv(model: TableModel, lang: str = "fr") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "fr" else ",", lineterminator="\r\n")
    writer.writerow([c.title for c in model.columns])
    for line in _values(model, lang):
        writer.writerow(
            [plain_number(v, lang, 6) if isinstance(v, (int, float)) else (v or "") for v in line]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(model: TableModel, lang: str = "fr") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Cockpit"
    sheet.append([model.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([c.title for c in model.columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for r, (line, row) in enumerate(zip(_values(model, lang), model.rows, strict=True), start=3):
        for c, (value, cell) in enumerate(zip(line, row, strict=True), start=1):
            target = sheet.cell(row=r, column=c, value=value)
            if cell.number_format and isinstance(value, (int, float)):
                target.number_format = cell.number_format
    for c, column in enumerate(model.columns, start=1):
        width = max([len(column.title)] + [len(row[c - 1].text) for row in model.rows]) + 2
        sheet.column_dimensions[get_column_letter(c)].width = min(width, 48)
    sheet.freeze_panes = "B3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def filename(model: TableModel, extension: str) -> str:
    return f"{_slug(model.filename)}.{extension}"
