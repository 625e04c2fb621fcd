"""A metric's detail page: the figure with the target, thresholds or budget behind its
status and, for a flow, the year's estimated landing; its monthly chart vs N-1 and target
continued to December by the projection (server-rendered SVG), the breakdown by pole then
service or by any dimension of its file, and how it is computed (with a link to the
indicator dictionary).
"""

from __future__ import annotations

from dataclasses import replace

from dash import dcc, html

from cockpit.engine import QueryError
from cockpit.engine.alerts import status_reason
from cockpit.forecast import METHODS
from cockpit.formatting import capitalised, format_value
from cockpit.ui.breakdown import breakdown, breakdown_choices, breakdown_dimension
from cockpit.ui.components.chart import Projected, monthly_chart
from cockpit.ui.components.landing_card import interval_text
from cockpit.ui.components.pickers import segments
from cockpit.ui.components.status import badges, reference_text, status_chip
from cockpit.ui.components.table import TableModel, sortable_table
from cockpit.ui.figures import allowed_filters, monthly, period_figure
from cockpit.ui.i18n import label_of, t
from cockpit.ui.landings import LandingItem, landing_item
from cockpit.ui.pages import View
from cockpit.ui.pages.dictionary import PATH as DICTIONARY
from cockpit.ui.pages.domain import PATHS, TITLES, export_links, page_head
from cockpit.ui.ssr import ANCHOR_PREFIX
from cockpit.ui.tables import breakdown_table


def _title_of_split(view: View, dimension: str | None) -> str:
    named = view.engine.catalog.dimensions.label(dimension or "establishment", view.lang)
    if view.sel.pole:
        return t("pole_split", view.lang, pole=view.sel.pole, dimension=named)
    return t("by_dimension", view.lang, dimension=named)


def _choices(view: View, metric) -> list[str]:
    filters = allowed_filters(metric, view.filters)
    return breakdown_choices(metric, filters, view.perimeter, len(view.names))


def table(view: View, metric_id: str) -> TableModel:
    metric = view.engine.metric(metric_id)
    by = view.sel.by if view.sel.by in _choices(view, metric) else None
    split = breakdown(view.engine, view.perimeter, metric, view.period, view.filters, by)
    path = f"/indicateur/{metric.id}"
    by_name = {name: finess for finess, name in view.names.items()}

    def href_of(name: str) -> str | None:
        if split.dimension == "pole" and "service" in metric.dimensions:
            return view.href(path, pole=name, by=None, sort=None)
        if split.dimension == "establishment" and name in by_name:
            return view.href(path, establishment=by_name[name], by=None, sort=None)
        return None

    label = label_of(metric.label, view.lang)
    heading = _title_of_split(view, split.dimension)
    named = view.engine.catalog.dimensions.label(split.dimension or "pole", view.lang)
    model = breakdown_table(
        f"{label} — {heading} — {view.period_text} — {view.scope_text}",
        metric,
        split,
        capitalised(named),
        view.lang,
        href_of,
        view.period_text,
        filename=f"cockpit-{metric.id}",
    )
    return replace(model, heading=heading)


def _split_picker(view: View, metric, shown: str | None):
    """« Pôle · Service · Site · Catégorie… »: the dimensions its file lists, as links."""
    choices = _choices(view, metric)
    if len(choices) < 2:
        return None
    default = breakdown_dimension(metric, allowed_filters(metric, view.filters))
    registry = view.engine.catalog.dimensions
    options = [
        (
            capitalised(registry.label(d, view.lang)),
            view.href(f"/indicateur/{metric.id}", by=None if d == default else d, sort=None),
            d == shown,
        )
        for d in choices
    ]
    return segments(options, t("split_picker", view.lang), "splits")


def _facts(metric, figure, lang: str) -> list[html.P]:
    """The figures behind the signals: last year, and the target, thresholds or budget the
    status is judged against, with the sentence saying on which side the figure is."""
    facts = []
    if figure.previous is not None:
        previous = format_value(figure.previous, metric.format, metric.unit, lang)
        facts.append(html.P([t("fact_previous", lang), html.B(previous)], className="facts"))
    basis = reference_text(metric, figure, lang)
    if basis:
        facts.append(html.P([t("fact_basis", lang), html.B(basis)], className="facts basis"))
    reason = status_reason(metric, figure, lang)
    if reason:
        facts.append(html.P(reason, className="facts reason"))
    return facts


def _landing_fact(item: LandingItem, lang: str) -> html.P | None:
    """« Atterrissage estimé 2026 : 312,4 M€, entre 310,1 M€ et 315,0 M€ · budget … »."""
    landing, metric = item.landing, item.metric
    if landing is None or landing.method == "actual":
        return None
    colon = " : " if lang == "fr" else ": "
    value = format_value(landing.value, metric.format, metric.unit, lang)
    parts = [f"{t('landing_estimated', lang)} {landing.year}{colon}", html.B(value),
             ", " + interval_text(item, lang)]  # fmt: skip
    if landing.budget is not None:
        budget = format_value(landing.budget, metric.format, metric.unit, lang)
        parts.append(" · " + t("landing_budget", lang, budget=budget))
    method = t("landing_method", lang, method=METHODS[landing.method][lang])
    return html.P(parts, className="facts landing-fact", title=method)


def _projected(item: LandingItem) -> list[Projected]:
    return [Projected.from_json(m) for m in item.landing.months] if item.landing else []


def render(view: View, metric_id: str) -> tuple[str, list]:
    lang = view.lang
    metric = view.engine.metric(metric_id)
    domain = metric.page
    path = f"/indicateur/{metric.id}"
    label = label_of(metric.label, lang)
    filters = allowed_filters(metric, view.filters)
    try:
        figure = period_figure(view.engine, view.perimeter, metric, view.period, filters)
        points = monthly(view.engine, view.perimeter, metric, view.period.end, filters)
    except QueryError as exc:
        return label, [page_head(view, label, path), html.P(str(exc), className="notice")]
    end = view.period.end
    landing = landing_item(view.engine, view.perimeter, metric.id, filters, end)
    back = dcc.Link(
        ["‹ ", t(TITLES[domain], lang)],
        href=view.href(PATHS[domain], pole=None, by=None, sort=None),
        className="back",
    )
    headline = html.Section(
        [
            html.Div(
                [
                    html.Div(
                        format_value(figure.value, metric.format, metric.unit, lang),
                        className="big-value",
                    ),
                    status_chip(metric, figure, lang),
                ],
                className="headline-top",
                **{"data-metric": metric.id, "data-direction": metric.direction},
            ),
            html.Div(badges(metric, figure, lang), className="card-deltas"),
            *_facts(metric, figure, lang),
            _landing_fact(landing, lang),
        ],
        className="headline card-" + (figure.status or "none"),
    )
    chart = html.Section(
        [
            html.H2(t("monthly_chart", lang)),
            monthly_chart(metric, points, lang, _projected(landing)),
        ],
        className="panel",
    )
    model = table(view, metric.id)
    crumbs = None
    if view.sel.pole:
        crumbs = dcc.Link(
            ["‹ ", t("all_poles", lang)],
            href=view.href(path, pole=None, sort=None),
            className="back",
            id="back-to-poles",
        )
    split = html.Section(
        [
            html.Div(
                [html.H2(model.heading), export_links(view, path)],
                className="section-head",
            ),
            _split_picker(view, metric, model.columns[0].key),
            crumbs,
            sortable_table(model, path, view.sel, lang)
            if model.rows
            else html.P(
                t("no_services", lang) if view.sel.pole else t("no_data", lang), className="muted"
            ),
        ],
        className="panel breakdown",
    )
    how = html.Details(
        [
            html.Summary(t("how_computed", lang)),
            html.P(label_of(metric.description, lang)),
            html.P(
                [
                    html.Strong(
                        t("owner", lang) + " : " if lang == "fr" else t("owner", lang) + ": "
                    ),
                    metric.owner,
                ],
                className="muted",
            ),
            html.P(
                dcc.Link(t("dict_in", lang), href=f"{DICTIONARY}#{ANCHOR_PREFIX}{metric.id}"),
                className="dictionary-link",
            ),
        ],
        className="panel how",
    )
    return label, [page_head(view, label, path, extra=back), headline, chart, split, how]
