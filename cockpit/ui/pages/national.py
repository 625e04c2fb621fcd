"""« Comparaison nationale »: each public indicator of the establishment beside its peers —
value, rank, median and quartiles as a bullet chart, best 20 %, trend over the years —
with the hospital's own monthly figure beside when the user's perimeter shows it.
"""

from __future__ import annotations

from dash import dcc, html

from cockpit.formatting import format_percent, format_value
from cockpit.national.dictionary import THEMES
from cockpit.national.figures import Comparison, IndicatorComparison, YearFigure
from cockpit.national.service import NationalError, NoNationalData, UnknownFiness, national_for
from cockpit.ui.components.bullet import bullet, trend
from cockpit.ui.i18n import label_of, t
from cockpit.ui.pages import View
from cockpit.ui.selection import Selection

PATH = "/comparaison"
SOURCE_NAMES = {"hospidiag": "Hospi Diag", "sae": "SAE"}


def chosen_establishment(view: View) -> str | None:
    """The establishment shown: the one picked, else the first compared as a public FINESS."""
    if view.sel.establishment in view.names:
        return view.sel.establishment
    try:
        mapping = national_for(view.engine).mapping()
    except NationalError:
        mapping = {}
    mapped = [e for e in view.names if e in mapping]
    return (mapped or list(view.names) or [None])[0]


def select(view: View) -> Selection:
    """The page always shows one establishment: the address's, else the chosen one."""
    return view.sel.with_(establishment=chosen_establishment(view))


def load(view: View, indicators: list[str] | None = None) -> Comparison | html.Section:
    """The comparison for the page's establishment, or a notice saying what is missing."""
    lang = view.lang
    establishment = chosen_establishment(view)
    try:
        if establishment is None:
            raise UnknownFiness("no establishment in the perimeter")
        return national_for(view.engine).compare(
            establishment, year=view.sel.year, group_id=view.sel.peers,
            perimeter=view.perimeter, indicators=indicators,
        )  # fmt: skip
    except NoNationalData:
        text = t("nat_no_data", lang)
    except UnknownFiness:
        name = view.names.get(establishment or "", establishment)
        text = t("nat_not_in_files", lang, name=name, finess=establishment)
    except NationalError as exc:
        text = str(exc)
    return html.Section(html.P(text), className="panel notice")


def _chips(options: list[tuple[str, str, bool]], label: str) -> html.Div:
    return html.Div(
        [
            dcc.Link(text, href=href, className="seg on" if on else "seg")
            for text, href, on in options
        ],
        className="segments establishments",
        role="group",
        **{"aria-label": label},
    )


def class_text(view: View, comparison: Comparison) -> str | None:
    """« Centres hospitaliers, taille T4 »: who the default peers are."""
    national = national_for(view.engine)
    category = national.dictionary.category_label(comparison.category, view.lang)
    if category is None:
        return None
    if comparison.size_class is None:
        return category
    return t("nat_class", view.lang, category=category, size=comparison.size_class)


def head(view: View, comparison: Comparison | None, title: str, extra=None) -> html.Header:
    lang, sel = view.lang, view.sel
    national = national_for(view.engine)
    children: list = [extra, html.H1(title)]
    if comparison is not None:
        sub = [t("nat_compared_as", lang, name=comparison.name, finess=comparison.finess)]
        shown_class = class_text(view, comparison)
        if shown_class:
            sub += [" · ", shown_class]
        children.append(html.P(sub, className="page-sub"))
    if len(view.names) > 1:
        current = chosen_establishment(view)
        options = [
            (name, view.href(view.path, establishment=e, sort=None), e == current)
            for e, name in view.names.items()
        ]
        children.append(_chips(options, t("establishment_picker", lang)))
    groups = [
        (label_of(g.label, lang) if g.label else t("nat_peers_default", lang),
         view.href(view.path, peers=None if g.kind == "category_size" else g.id, sort=None),
         (sel.peers or "category_size") == g.id)
        for g in national.groups.values()
    ]  # fmt: skip
    if len(groups) > 1:
        children.append(_chips(groups, t("nat_peer_picker", lang)))
    return html.Header(children, className="page-head")


def _years(view: View, comparison: Comparison) -> html.Div:
    years = sorted({y.year for c in comparison.indicators for y in c.years})
    options = [
        (t("nat_latest", view.lang), PATH + view.sel.query(year=None), view.sel.year is None)
    ]
    options += [(str(y), PATH + view.sel.query(year=y), view.sel.year == y) for y in years]
    return _chips(options, t("nat_year_picker", view.lang))


def shown(item: IndicatorComparison, value: float | None, lang: str, unit: bool = True) -> str:
    ind = item.indicator
    return format_value(value, ind.format, ind.unit if unit else "ratio", lang)


def value_text(item: IndicatorComparison, figure: YearFigure, lang: str) -> str:
    if figure.value is not None:
        return shown(item, figure.value, lang)
    key = {"withheld": "nat_withheld", "not_applicable": "nat_not_applicable"}
    return t(key.get(figure.status or "", "nat_not_published"), lang)


def rank_text(item: IndicatorComparison, figure: YearFigure, lang: str) -> str | None:
    """« Mieux que 62 % des pairs »: the sentence beside the chart, direction-aware."""
    if figure.peers is None:
        return t("nat_too_few", lang)
    if figure.value is None:
        return None
    if figure.percentile is None:
        return t("nat_no_activity", lang)
    if item.indicator.direction == "neutral":
        share = format_percent(figure.percentile, lang, signed=False, decimals=0)
        return t("nat_higher_than", lang, share=share)
    share = format_percent(figure.better_than, lang, signed=False, decimals=0)
    return t("nat_better_than", lang, share=share)


def standing(figure: YearFigure) -> str:
    """green: among the best 20 %; red: among the bottom 20 %; none otherwise."""
    return "green" if figure.in_best20 else "red" if figure.in_worst20 else "none"


def standing_chip(figure: YearFigure, lang: str) -> html.Span | None:
    state = standing(figure)
    if state == "none":
        return None
    return html.Span(t("nat_best20" if state == "green" else "nat_worst20", lang),
                     className=f"chip chip-{state}")  # fmt: skip


def spread_text(item: IndicatorComparison, figure: YearFigure, lang: str) -> str:
    """« Médiane 46,1 % · Q1–Q3 42,3–49,8 % · 20 % meilleurs : ≥ 50,1 % · 29 pairs »."""
    stats = figure.peers
    parts = []
    if stats is not None:
        parts.append(f"{t('nat_median', lang)} {shown(item, stats.median, lang)}")
        low, high = shown(item, stats.q1, lang, unit=False), shown(item, stats.q3, lang)
        parts.append(f"Q1–Q3 {low}–{high}")
        if figure.best20_threshold is not None:
            op = "≥" if item.indicator.direction == "higher_is_better" else "≤"
            threshold = shown(item, figure.best20_threshold, lang)
            parts.append(t("nat_best_from", lang, op=op, value=threshold))
    parts.append(t("nat_peer_count", lang, n=figure.peer_count))
    return " · ".join(parts)


def bullet_label(item: IndicatorComparison, figure: YearFigure, lang: str) -> str:
    stats = figure.peers
    if stats is None:
        return ""
    return t("nat_bullet_alt", lang, label=label_of(item.indicator.label, lang),
             value=value_text(item, figure, lang), median=shown(item, stats.median, lang),
             q1=shown(item, stats.q1, lang), q3=shown(item, stats.q3, lang))  # fmt: skip


def _own(item: IndicatorComparison, lang: str) -> html.P | None:
    own = item.own
    if own is None or own.value is None:
        return None
    value = format_value(own.value, own.format, own.unit, lang)
    return html.P(t("nat_own", lang, year=own.year, value=value), className="nat-own")


def _trend(item: IndicatorComparison, lang: str) -> html.Div | None:
    years = item.years
    if len(years) < 2:
        return None
    first, last = years[0].year, years[-1].year
    label = t("nat_trend_alt", lang, label=label_of(item.indicator.label, lang), first=first,
              last=last)  # fmt: skip
    return html.Div(
        [html.P(t("nat_trend", lang, first=first, last=last), className="nat-caption"),
         trend(years, label)],
        className="nat-trend",
    )  # fmt: skip


def card(view: View, item: IndicatorComparison) -> html.Article | None:
    """One indicator on the page, with its way to the list of peers on a desktop."""
    figure = item.selected
    if figure is None:
        return None
    drill = view.sel.query(year=figure.year, sort=None)
    return indicator_card(item, view.lang, f"{PATH}/{item.indicator.id}{drill}")


def indicator_card(item: IndicatorComparison, lang: str, peers_href: str | None) -> html.Article:
    """Value, standing, rank, bullet chart, spread, own figure and trend of one indicator
    (the page's cards and the answer to a national question)."""
    figure, ind = item.selected, item.indicator
    assert figure is not None
    drill = None
    if figure.peer_count and peers_href:
        drill = dcc.Link(
            t("nat_see_peers", lang, n=figure.peer_count) + " ›",
            href=peers_href,
            className="wide-only nat-drill",
        )
    source = f"{figure.year} · {SOURCE_NAMES[figure.source]}"
    return html.Article(
        [
            html.Div(
                [html.H3(label_of(ind.label, lang), className="card-label"),
                 html.Span(source, className="nat-source")],
                className="card-top",
            ),
            html.Div(
                [html.Div(value_text(item, figure, lang), className="card-value"),
                 standing_chip(figure, lang)],
                className="card-main",
            ),
            html.P(rank_text(item, figure, lang), className="nat-rank"),
            bullet(figure, ind.direction, bullet_label(item, figure, lang)),
            html.P(spread_text(item, figure, lang), className="nat-spread"),
            _own(item, lang),
            _trend(item, lang),
            drill,
        ],
        className=f"card nat-card card-{standing(figure)}",
        **{"data-indicator": ind.id},
    )  # fmt: skip


def legend(lang: str) -> html.Div:
    keys = ("you", "iqr", "range", "best")
    return html.Div(
        [html.Span(t(f"nat_legend_{k}", lang), className=f"lg lg-{k}") for k in keys]
        + [html.Span(t("nat_median", lang), className="lg lg-median")],
        className="nat-legend",
        **{"aria-hidden": "true"},
    )


def render(view: View) -> tuple[str, list]:
    lang = view.lang
    title = t("page_national", lang)
    comparison = load(view)
    if not isinstance(comparison, Comparison):
        return title, [head(view, None, title), comparison]
    sections = []
    for theme in THEMES:
        cards = [card(view, c) for c in comparison.indicators if c.indicator.theme == theme]
        cards = [c for c in cards if c is not None]
        if cards:
            sections.append(html.Section(
                [html.H2(t(f"nat_theme_{theme}", lang)), html.Div(cards, className="cards")],
                className="nat-theme",
            ))  # fmt: skip
    notes = [html.P(t("nat_own_hidden", lang), className="muted")] if comparison.own_hidden else []
    page_head = head(view, comparison, title)
    page_head.children.append(_years(view, comparison))
    footer = html.P(t("nat_sources", lang), className="muted nat-sources")
    if not sections:  # a year asked that no public file covers
        sections = [html.P(t("no_data", lang), className="panel notice")]
    return title, [page_head, *notes, legend(lang), *sections, footer]
