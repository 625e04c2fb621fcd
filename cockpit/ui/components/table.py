"""Dense tables whose headers sort them (links that put `sort`/`dir` in the URL).

A TableModel holds what is on screen, both as text and as raw values, so the
page, the sorting and the CSV/Excel export all read the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dash import dcc, html

from cockpit.ui.i18n import t
from cockpit.ui.selection import Selection


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    numeric: bool = True
    phone: bool = True  # shown on narrow screens too
    screen: bool = True  # False: in exports only (the unit of raw figures)


@dataclass(frozen=True)
class Cell:
    text: str
    raw: float | str | None = None
    href: str | None = None
    tone: str | None = None  # good | bad | neutral, or a status for the status column
    number_format: str | None = None  # Excel number format of `raw`
    sort: float | str | None = None  # sort key when it is not `raw` (statuses)


@dataclass
class TableModel:
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    filename: str = "cockpit"
    heading: str = ""  # the section heading on screen (the title is for files)

    def sorted(self, key: str | None, ascending: bool) -> TableModel:
        """Rows ordered by one column; rows without a value stay at the bottom."""
        index = next((i for i, c in enumerate(self.columns) if c.key == key), None)
        if index is None:
            return self

        def key_of(row: list[Cell]):
            cell = row[index]
            return cell.sort if cell.sort is not None else cell.raw

        present = [r for r in self.rows if key_of(r) not in (None, "")]
        missing = [r for r in self.rows if key_of(r) in (None, "")]

        def order(row: list[Cell]):
            value = key_of(row)
            return value.casefold() if isinstance(value, str) else value

        present.sort(key=order, reverse=not ascending)
        return replace(self, rows=present + missing)


def _header(column: Column, path: str, sel: Selection, lang: str) -> html.Th:
    active = sel.sort == column.key
    ascending = (not sel.ascending) if active else not column.numeric
    arrow = ("▲" if sel.ascending else "▼") if active else ""
    link = dcc.Link(
        [column.title, html.Span(arrow, className="sort-arrow")],
        href=path + sel.query(sort=column.key, ascending=ascending),
        title=t("sort_by", lang, column=column.title),
    )
    sort_state = ("ascending" if sel.ascending else "descending") if active else None
    attrs = {"aria-sort": sort_state} if sort_state else {}
    return html.Th(link, scope="col", className=_classes(column), **attrs)


def _classes(column: Column) -> str:
    return " ".join(
        c
        for c in (
            "num" if column.numeric else "",
            "" if column.phone else "wide-only",
            f"col-{column.key}",
        )
        if c
    )


def _cell(column: Column, cell: Cell, first: bool) -> html.Td | html.Th:
    content = dcc.Link(cell.text, href=cell.href) if cell.href else cell.text
    tone = f" tone-{cell.tone}" if cell.tone else ""
    if first:
        return html.Th(content, scope="row", className=_classes(column) + tone)
    return html.Td(content, className=(_classes(column) + tone).strip())


def sortable_table(model: TableModel, path: str, sel: Selection, lang: str) -> html.Div:
    view = model.sorted(sel.sort, sel.ascending)
    shown = [i for i, c in enumerate(view.columns) if c.screen]
    head = html.Thead(html.Tr([_header(view.columns[i], path, sel, lang) for i in shown]))
    body = html.Tbody(
        [
            html.Tr([_cell(view.columns[i], row[i], n == 0) for n, i in enumerate(shown)])
            for row in view.rows
        ]
    )
    return html.Div(
        html.Table([html.Caption(view.title), head, body], className="table"),
        className="table-wrap",
    )
