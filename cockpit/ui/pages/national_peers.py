"""One national indicator's peers, listed: the hospital among them, sortable and exported
on a desktop (`/comparaison/<indicator>`)."""

from __future__ import annotations

from dash import dcc, html

from cockpit.formatting import PRESETS
from cockpit.national.figures import Comparison
from cockpit.national.service import national_for
from cockpit.ui.components.bullet import bullet
from cockpit.ui.components.table import Cell, Column, TableModel, sortable_table
from cockpit.ui.i18n import label_of, t
from cockpit.ui.pages import View
from cockpit.ui.pages.domain import export_links
from cockpit.ui.pages.national import (
    PATH,
    SOURCE_NAMES,
    bullet_label,
    head,
    load,
    rank_text,
    shown,
    spread_text,
    standing,
    standing_chip,
    value_text,
)


def _selected(view: View, indicator_id: str) -> Comparison | html.Section:
    return load(view, indicators=[indicator_id])


def table(view: View, indicator_id: str) -> TableModel:
    lang = view.lang
    comparison = _selected(view, indicator_id)
    columns = [
        Column("rank", t("nat_col_rank", lang)),
        Column("name", t("nat_col_name", lang), numeric=False),
        Column("finess", t("nat_col_finess", lang), numeric=False, phone=False),
        Column("value", t("nat_col_value", lang)),
    ]
    if not isinstance(comparison, Comparison) or comparison.indicators[0].selected is None:
        return TableModel(t("page_national", lang), columns)
    item = comparison.indicators[0]
    figure = item.selected
    peers = national_for(view.engine).peer_list(
        comparison.finess, indicator_id, figure.year, view.sel.peers
    )
    label = label_of(item.indicator.label, lang)
    number_format = PRESETS[item.indicator.format].excel
    rows = []
    for rank, peer in enumerate(peers, start=1):
        name = f"{peer.name} ({t('nat_you', lang)})" if peer.me else peer.name
        rows.append([
            Cell(str(rank), rank),
            Cell(name, peer.name),
            Cell(peer.finess, peer.finess),
            Cell(shown(item, peer.value, lang), peer.value, number_format=number_format),
        ])  # fmt: skip
    return TableModel(
        f"{label} — {figure.year} — {comparison.name}",
        columns,
        rows,
        filename=f"cockpit-national-{indicator_id}-{figure.year}",
        heading=t("nat_peers_heading", lang, year=figure.year),
    )


def render(view: View, indicator_id: str) -> tuple[str, list]:
    lang = view.lang
    indicator = national_for(view.engine).dictionary.get(indicator_id)
    title = label_of(indicator.label, lang)
    back = dcc.Link(["‹ ", t("page_national", lang)], href=view.href(PATH, sort=None),
                    className="back")  # fmt: skip
    comparison = _selected(view, indicator_id)
    if not isinstance(comparison, Comparison):
        return title, [head(view, None, title, back), comparison]
    item = comparison.indicators[0]
    figure = item.selected
    page_head = head(view, comparison, title, back)
    if figure is None:
        return title, [page_head, html.P(t("no_data", lang), className="muted")]
    model = table(view, indicator_id)
    summary = html.Section(
        [
            html.P(f"{figure.year} · {SOURCE_NAMES[figure.source]}", className="nat-source"),
            html.Div(
                [
                    html.Div(value_text(item, figure, lang), className="card-value"),
                    standing_chip(figure, lang),
                ],
                className="card-main",
            ),  # fmt: skip
            html.P(rank_text(item, figure, lang), className="nat-rank"),
            bullet(figure, indicator.direction, bullet_label(item, figure, lang)),
            html.P(spread_text(item, figure, lang), className="nat-spread"),
        ],
        className=f"panel nat-card card card-{standing(figure)}",
    )
    listing = html.Section(
        [
            html.Div(
                [html.H2(model.heading), export_links(view, view.path)], className="section-head"
            ),
            sortable_table(model, view.path, view.sel, lang),
        ],
        className="panel",
    )
    return title, [page_head, summary, listing, html.P(label_of(indicator.description, lang),
                                                       className="muted")]  # fmt: skip
