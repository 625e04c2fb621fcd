"""« Dictionnaire des indicateurs »: every metric with its definition, unit, owner, direction,
thresholds and budget bands, dimensions, last figure and month, the SQL of a sample plan and
the loads behind it; a plain search (`?q=`, no JavaScript needed); for analysts, the
definition files in error, by file and field.
"""

from __future__ import annotations

from html import escape

from dash import dcc, html

from cockpit.auth import current_role
from cockpit.formatting import capitalised, format_value, month_name
from cockpit.ui.components import metric_facts as facts
from cockpit.ui.components.raw_html import RawHtml
from cockpit.ui.dictionary import Entry, entries, folded, matching
from cockpit.ui.i18n import label_of, t
from cockpit.ui.pages import View
from cockpit.ui.pages.domain import TITLES
from cockpit.ui.ssr import ANCHOR_PREFIX

PATH = "/dictionnaire"
# Who sees the definition files in error: those who write them.
ERRORS_SHOWN_TO = ("analyst",)


def _search_form(query: str, lang: str) -> RawHtml:
    """A GET form (`?q=`): searching needs no JavaScript. Dash has no plain input element,
    so the form is written as HTML, its values escaped."""
    inner = (
        f'<label for="dict-q" class="search-label">{escape(t("dict_search", lang))}</label>'
        '<div class="search-row">'
        f'<input type="search" name="q" id="dict-q" value="{escape(query, quote=True)}" '
        f'placeholder="{escape(t("dict_search_hint", lang), quote=True)}" autocomplete="off">'
        f'<button type="submit" class="button">{escape(t("dict_search_button", lang))}</button>'
        "</div>"
    )
    attributes = {"method": "get", "action": PATH, "role": "search", "className": "search"}
    return RawHtml(html=inner, tag="form", attributes=attributes)


def _search(query: str, found: int, total: int, lang: str) -> list:
    result = None
    if query:
        words = (
            t("dict_found", lang, n=found, total=total, q=query)
            if found
            else t("dict_none", lang, q=query)
        )
        result = html.P([words, " · ", dcc.Link(t("dict_show_all", lang), href=PATH)],
                        className="muted search-result", role="status")  # fmt: skip
    return [_search_form(query, lang), result]


def _errors(view: View) -> html.Section | None:
    found = view.engine.catalog.errors
    if not found or current_role() not in ERRORS_SHOWN_TO:
        return None
    items = [
        html.Li(
            [
                html.Code(e.path.name),
                " · ",
                html.Code(e.field),
                " : " if view.lang == "fr" else ": ",
                e.message,
            ]
        )  # fmt: skip
        for e in found
    ]
    return html.Section(
        [
            html.H2(t("dict_errors", view.lang, n=len(found))),
            html.P(t("dict_errors_hint", view.lang), className="muted"),
            html.Ul(items, className="errors"),
        ],
        className="panel definition-errors",
        role="alert",
    )


def _fact(name: str, value, lang: str) -> list:
    return [html.Dt(t(name, lang)), html.Dd(value)] if value else []


def _last_value(entry: Entry, lang: str):
    if entry.refusal:
        return t("not_here", lang, reason=entry.refusal)
    metric = entry.metric
    shown = format_value(entry.value, metric.format, metric.unit, lang)
    return [html.B(shown), " · ", month_name(entry.month, lang)]


def _sources(entry: Entry, lang: str) -> html.Ul:
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(capitalised(t(f"kind_{load.kind}", lang)), className="kind"),
                    "\u00a0: " if lang == "fr" else ": ",
                    facts.load_text(load, lang),
                    html.Br(),
                    html.Code(f"sha256 {load.sha256}", className="hash") if load.sha256 else None,
                ],
                title=load.file,
            )
            for load in entry.loads
        ],
        className="sources",
    )


def _article(view: View, entry: Entry) -> html.Article:
    lang, metric = view.lang, entry.metric
    registry = view.engine.catalog.dimensions
    rows = [
        *_fact("fact_unit", facts.unit_text(metric, lang), lang),
        *_fact("fact_computed", facts.computation_text(metric, lang), lang),
        *_fact("fact_direction", capitalised(facts.direction_text(metric, lang)), lang),
        *_fact("fact_thresholds", facts.thresholds_text(metric, lang), lang),
        *_fact("fact_budget", facts.budget_text(metric, lang), lang),
        *_fact("fact_dimensions", facts.dimensions_text(metric, registry, lang), lang),
        *_fact("owner", metric.owner, lang),
        *_fact("fact_last", _last_value(entry, lang), lang),
        *_fact("fact_source", _sources(entry, lang), lang),
    ]
    sql = None
    if entry.sql:
        sql = html.Details(
            [
                html.Summary(t("fact_sql", lang, month=month_name(entry.month, lang))),
                html.Pre(html.Code(entry.sql), className="sql"),
            ],
            className="sql-block",
        )
    return html.Article(
        [
            html.Header(
                [
                    html.H3(label_of(metric.label, lang)),
                    html.Code(metric.id, className="metric-id"),
                    dcc.Link(
                        t("dict_open", lang), href=view.metric_href(metric.id), className="open"
                    ),  # fmt: skip
                ],
                className="entry-head",
            ),
            html.P(label_of(metric.description, lang), className="definition"),
            html.Dl(rows, className="entry-facts"),
            sql,
        ],
        id=ANCHOR_PREFIX + metric.id,
        className="entry",
        **{"data-metric": metric.id},
    )


def render(view: View) -> tuple[str, list]:
    lang = view.lang
    title = t("dict_title", lang)
    every = view.engine.metrics()
    query = view.sel.search or ""
    by_label = sorted(every, key=lambda m: folded(label_of(m.label, lang)))
    shown = matching(by_label, view.engine.catalog.dimensions, query)
    found = entries(view.engine, view.perimeter, shown, view.latest)
    head = html.Header(
        [
            html.H1(title),
            html.P(
                t(
                    "dict_sub",
                    lang,
                    n=len(every),
                    month=month_name(view.latest, lang),
                    scope=view.scope_text,
                ),
                className="page-sub",
            ),  # fmt: skip
            *_search(query, len(shown), len(every), lang),
        ],
        className="page-head",
    )
    sections = []
    for page in TITLES:
        here = [e for e in found if e.metric.page == page]
        if here:
            sections.append(
                html.Section(
                    [html.H2(t(TITLES[page], lang)), *(_article(view, e) for e in here)],
                    className="dictionary-page",
                    **{"aria-label": t(TITLES[page], lang)},
                )
            )
    return title, [head, _errors(view), *sections]
