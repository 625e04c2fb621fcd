"""The tables pages show and export: a domain's metrics, and one metric broken down.

Each cell keeps its text (as on screen), its raw figure and an Excel number
format, so the CSV/Excel export carries exactly the figures on screen.
"""

from __future__ import annotations

from cockpit.catalog.model import Metric
from cockpit.formatting import format_value
from cockpit.ui.breakdown import Breakdown
from cockpit.ui.components.status import tone, variation_text
from cockpit.ui.components.table import Cell, Column, TableModel
from cockpit.ui.figures import Figure, Kpi
from cockpit.ui.i18n import label_of, t

_EXCEL_FORMATS = {
    "int": "#,##0",
    "dec1": "#,##0.0",
    "dec2": "#,##0.00",
    "eur": '#,##0 "€"',
    "keur": '#,##0 "€"',
    "meur": '#,##0 "€"',
    "pct1": "0.0%",
    "days1": "#,##0.0",
    "fte1": "#,##0.0",
}
_STATUS_ORDER = {"red": 3, "amber": 2, "green": 1}
UNIT_NAMES = {
    "fr": {
        "count": "nombre",
        "eur": "€",
        "pct": "%",
        "days": "jours",
        "ratio": "ratio",
        "fte": "ETP",
        "hours": "heures",
        "years": "années",
    },
    "en": {
        "count": "count",
        "eur": "€",
        "pct": "%",
        "days": "days",
        "ratio": "ratio",
        "fte": "FTE",
        "hours": "hours",
        "years": "years",
    },
}


def _value_cell(metric: Metric, value: float | None, lang: str) -> Cell:
    return Cell(
        format_value(value, metric.format, metric.unit, lang),
        value,
        number_format=_EXCEL_FORMATS.get(metric.format),
    )


def _variation_cell(metric: Metric, value, reference, lang: str, status=None) -> Cell:
    """The variation as on screen (points, percent or amount) with its raw figure."""
    text = variation_text(metric, value, reference, lang)
    if value is None or reference is None:
        return Cell(text)
    delta = value - reference
    shade = tone(metric, delta, status)
    if metric.unit == "pct":
        return Cell(text, delta * 100, tone=shade, number_format='+0.0" pt";-0.0" pt";0.0" pt"')
    if reference <= 0 or value < 0:
        return Cell(text, delta, tone=shade, number_format=_EXCEL_FORMATS.get(metric.format))
    return Cell(text, delta / reference, tone=shade, number_format="+0.0%;-0.0%;0.0%")


def _status_cell(status: str | None, lang: str) -> Cell:
    key = status if status in _STATUS_ORDER else "none"
    return Cell(
        t(f"status_{key}", lang),
        t(f"status_{key}", lang),
        tone=key,
        sort=_STATUS_ORDER.get(status or ""),
    )


def _figure_cells(metric: Metric, figure: Figure, lang: str) -> list[Cell]:
    return [
        _value_cell(metric, figure.value, lang),
        _value_cell(metric, figure.previous, lang),
        _variation_cell(metric, figure.value, figure.previous, lang),
        _value_cell(metric, figure.target, lang),
        _variation_cell(metric, figure.value, figure.target, lang, figure.status),
        _status_cell(figure.status, lang),
    ]


def _figure_columns(lang: str, figures: list[Figure]) -> list[Column]:
    """Columns with nothing to show (no target, no status anywhere) stay in the export only;
    a phone shows the value, the change vs N-1 and the status."""
    any_target = any(f.target is not None for f in figures)
    any_status = any(f.status for f in figures)
    return [
        Column("value", t("col_value", lang)),
        Column("previous", t("col_previous", lang), phone=False),
        Column("delta_previous", t("col_delta_previous", lang)),
        Column("target", t("col_target", lang), phone=False, screen=any_target),
        Column("delta_target", t("col_delta_target", lang), phone=False, screen=any_target),
        Column("status", t("col_status", lang), numeric=False, screen=any_status),
    ]


def metrics_table(
    title: str, items: list[Kpi], lang: str, href_of, period_text: str, filename: str
) -> TableModel:
    """One row per metric of a page (domain pages, desktop)."""
    columns = [
        Column("metric", t("col_metric", lang), numeric=False),
        *_figure_columns(lang, [item.figure for item in items]),
        Column("unit", t("col_unit", lang), numeric=False, screen=False),
        Column("period", t("col_period", lang), numeric=False, screen=False),
    ]
    rows = []
    for item in items:
        label = label_of(item.metric.label, lang)
        unit = UNIT_NAMES[lang].get(item.metric.unit, item.metric.unit)
        rows.append(
            [
                Cell(label, label, href=href_of(item.metric.id)),
                *_figure_cells(item.metric, item.figure, lang),
                Cell(unit, unit),
                Cell(period_text, period_text),
            ]
        )
    return TableModel(title, columns, rows, filename)


def breakdown_table(
    title: str,
    metric: Metric,
    split: Breakdown,
    lang: str,
    href_of,
    period_text: str,
    filename: str,
) -> TableModel:
    """One row per pole, service or establishment; poles link to their services."""
    dimension = split.dimension or "pole"
    columns = [
        Column(dimension, t(f"col_{dimension}", lang), numeric=False),
        *_figure_columns(lang, [figure for _, figure in split.rows]),
        Column("unit", t("col_unit", lang), numeric=False, screen=False),
        Column("period", t("col_period", lang), numeric=False, screen=False),
    ]
    unit = UNIT_NAMES[lang].get(metric.unit, metric.unit)
    rows = [
        [
            Cell(name, name, href=href_of(name)),
            *_figure_cells(metric, figure, lang),
            Cell(unit, unit),
            Cell(period_text, period_text),
        ]
        for name, figure in split.rows
    ]
    return TableModel(title, columns, rows, filename)
