"""The tables pages show and export: a domain's metrics, and one metric broken down.

Each cell keeps its text (as on screen), its raw figure and an Excel number format, so the
CSV/Excel export carries exactly the figures on screen. Every column has one unit: figures
and gaps in the metric's unit (named in the unit column: euros, ratios, counts), changes in
percent as ratios, the status with the target, thresholds or budget it was judged against.
"""

from __future__ import annotations

from dataclasses import replace

from cockpit.catalog.model import Metric
from cockpit.engine.figures import Figure
from cockpit.engine.signals import gap, trend
from cockpit.formatting import PRESETS, format_points, format_value
from cockpit.ui.breakdown import Breakdown
from cockpit.ui.components.status import reference_text
from cockpit.ui.components.table import Cell, Column, TableModel
from cockpit.ui.figures import Kpi
from cockpit.ui.i18n import label_of, t

_STATUS_ORDER = {"red": 3, "amber": 2, "green": 1}
UNIT_NAMES = {
    "fr": {
        "count": "nombre",
        "eur": "€",
        "pct": "ratio",
        "days": "jours",
        "ratio": "ratio",
        "fte": "ETP",
        "hours": "heures",
        "years": "années",
    },
    "en": {
        "count": "count",
        "eur": "€",
        "pct": "ratio",
        "days": "days",
        "ratio": "ratio",
        "fte": "FTE",
        "hours": "hours",
        "years": "years",
    },
}


def _value_cell(metric: Metric, value: float | None, lang: str, signed: bool = False) -> Cell:
    """A figure in the metric's own unit: euros for amounts, fractions for rates."""
    if metric.unit == "pct" and signed:
        # A difference of two rates: points on screen, the ratio difference in the file.
        return Cell(format_points(value, lang), value, number_format="+0.0%;-0.0%;0.0%")
    return Cell(
        format_value(value, metric.format, metric.unit, lang, signed=signed),
        value,
        number_format=PRESETS[metric.format].excel,
    )


def _change_cells(metric: Metric, figure: Figure, lang: str) -> list[Cell]:
    """The change vs N-1 in the metric's unit (points for rates), then as a ratio (none for
    rates, nor where a sign flips), both coloured by the one signals rule."""
    target = figure.target if figure.reference == "target" else None
    shown = trend(metric, figure.value, figure.previous, lang, target)
    if shown is None:
        return [Cell("–"), Cell("–")]
    amount = _value_cell(metric, shown.delta, lang, signed=True)
    amount = replace(amount, tone=shown.tone)
    if shown.measure != "percent":
        return [amount, Cell("–")]
    ratio = Cell(shown.text, shown.shown, tone=shown.tone, number_format="+0.0%;-0.0%;0.0%")
    return [amount, ratio]


def _gap_cell(metric: Metric, figure: Figure, lang: str) -> Cell:
    if figure.reference not in ("target", "budget"):
        return Cell("–")
    shown = gap(metric, figure.value, figure.target, figure.status, lang)
    if shown is None:
        return Cell("–")
    return replace(_value_cell(metric, shown.delta, lang, signed=True), tone=shown.tone)


def _status_cell(figure: Figure, lang: str) -> Cell:
    status = figure.status if figure.status in _STATUS_ORDER else None
    key = f"status_{status or 'none'}" + ("_budget" if figure.reference == "budget" else "")
    order = _STATUS_ORDER.get(status, 0)
    return Cell(t(key, lang), t(key, lang), tone=status or "none", sort=order)


def _figure_cells(metric: Metric, figure: Figure, lang: str) -> list[Cell]:
    basis = reference_text(metric, figure, lang) or "–"
    reference = figure.target if figure.reference in ("target", "budget") else None
    return [
        _value_cell(metric, figure.value, lang),
        _value_cell(metric, figure.previous, lang),
        *_change_cells(metric, figure, lang),
        _value_cell(metric, reference, lang),
        _gap_cell(metric, figure, lang),
        Cell(basis, basis),
        _status_cell(figure, lang),
    ]


def _figure_columns(lang: str, figures: list[Figure]) -> list[Column]:
    """Columns with nothing to show (no reference, no status anywhere) stay in the export only;
    a phone shows the value, the change vs N-1 and the status."""
    any_reference = any(f.reference for f in figures)
    any_target = any(f.reference in ("target", "budget") for f in figures)
    any_status = any(f.status for f in figures)
    return [
        Column("value", t("col_value", lang)),
        Column("previous", t("col_previous", lang), phone=False),
        Column("delta_previous", t("col_delta_previous", lang)),
        Column("delta_previous_pct", t("col_delta_previous_pct", lang), phone=False),
        # On screen the basis shows the target or budget; the file keeps it as a number.
        Column("target", t("col_target", lang), phone=False, screen=False),
        Column("delta_target", t("col_delta_target", lang), phone=False, screen=any_target),
        Column("basis", t("col_basis", lang), numeric=False, phone=False, screen=any_reference),
        Column("status", t("col_status", lang), numeric=False, screen=any_status),
    ]


def _one_money_scale(items: list[Kpi]) -> list[Kpi]:
    """Amounts in one unit down a column, M€, with a second decimal when some amount is
    under a million (a pole's budget gap of 43 k€ reads « 0,04 M€ », not « 0,0 M€ »)."""
    money = [i for i in items if i.metric.format in ("keur", "meur")]
    values = [abs(i.figure.value) for i in money if i.figure.value]
    scale = "meur" if values and min(values) >= 1e6 else "meur2"
    return [
        replace(i, metric=i.metric.model_copy(update={"format": scale})) if i in money else i
        for i in items
    ]


def metrics_table(
    title: str, items: list[Kpi], lang: str, href_of, period_text: str, filename: str
) -> TableModel:
    """One row per metric of a page (domain pages, desktop), amounts in one scale."""
    items = _one_money_scale(items)
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
    dimension_title: str,
    lang: str,
    href_of,
    period_text: str,
    filename: str,
) -> TableModel:
    """One row per value of the split's dimension (pole, service, site…); `href_of` links a
    row (poles to their services)."""
    dimension = split.dimension or "pole"
    columns = [
        Column(dimension, dimension_title, numeric=False),
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
