"""« Comment c'est calculé »: what an answer's figure is, over which rows, and the SQL that ran.

Metric definition, period, filters, grouping or ranking, comparison, the user's perimeter,
how fresh the data is and the query itself, in the page's language.
"""

from __future__ import annotations

from typing import Any

from dash import html

from cockpit.catalog.dimensions import DimensionRegistry
from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter
from cockpit.forecast import METHODS
from cockpit.formatting import capitalised, month_name, timestamp
from cockpit.periods import Period
from cockpit.ui.components.pickers import period_label
from cockpit.ui.i18n import label_of, t

# What a comparison is called, in charts' legends and here (i18n keys).
COMPARE_KEYS = {
    "previous_year": "chart_previous",
    "budget": "chart_budget",
    "target": "chart_target",
}


def answer_period(answer: dict[str, Any], lang: str) -> str:
    """« Mars 2026 », « Janv. – oct. 2026 »."""
    period = Period.parse(answer["period"]["start"], answer["period"]["end"])
    return period_label("range", period, lang)


def dimension_label(dimensions: DimensionRegistry, dimension: str, lang: str) -> str:
    """« Pôle », « Discipline »: as the registry (queries/dimensions.yaml) names it."""
    return capitalised(dimensions.label(dimension, lang))


def filters_text(filters: dict[str, str], dimensions: DimensionRegistry, lang: str) -> str:
    """« Pôle : Chirurgie · Service : Cardiologie », or « aucun »."""
    sep = " : " if lang == "fr" else ": "
    parts = [f"{dimension_label(dimensions, d, lang)}{sep}{v}" for d, v in filters.items()]
    return " · ".join(parts) if parts else t("ask_none", lang)


def perimeter_text(engine: Engine, perimeter: Perimeter, lang: str) -> str:
    """What the user may see, in words: « tout le GHT », « CH de Vallombre · pôle Chirurgie »."""
    if perimeter.is_everything:
        return t("ask_everything", lang)
    parts = []
    if perimeter.establishment_id:
        names = engine.establishments()
        parts.append(names.get(perimeter.establishment_id, perimeter.establishment_id))
    if perimeter.pole:
        parts.append(t("pole", lang, pole=perimeter.pole))
    return " · ".join(parts)


def grouping_text(answer: dict[str, Any], dimensions: DimensionRegistry, lang: str) -> str | None:
    """« par pôle, le plus élevé », « par mois », or None for one figure."""
    parts = []
    if answer.get("grain"):
        parts.append(t(f"ask_by_{answer['grain']}", lang))
    if answer.get("group_by"):
        dims = ", ".join(dimensions.label(d, lang) for d in answer["group_by"])
        parts.append(t("ask_by", lang, dims=dims))
    rank = answer.get("rank")
    if rank:
        key = "ask_rank_" + rank["order"] + ("_one" if rank["limit"] == 1 else "")
        parts.append(t(key, lang, n=rank["limit"]))
    return ", ".join(parts) if parts else None


def freshness_text(engine: Engine, lang: str) -> str | None:
    freshness = engine.freshness()
    if freshness.last_month is None:
        return None
    month = month_name(freshness.last_month, lang)
    if freshness.loaded_at is None:
        return t("ask_data_to", lang, month=month)
    return t("ask_data_loaded", lang, month=month, when=timestamp(freshness.loaded_at, lang))


def _fact(term: str, *definition) -> list:
    return [html.Dt(term), html.Dd(list(definition))]


def how_it_was_computed(
    answer: dict[str, Any],
    metric: Metric,
    lang: str,
    perimeter: str,
    freshness: str | None,
    dimensions: DimensionRegistry,
) -> html.Details:
    facts = _fact(
        t("ask_how_metric", lang),
        html.Strong(label_of(metric.label, lang)),
        " — ",
        label_of(metric.description, lang),
    )
    facts += _fact(t("ask_how_period", lang), answer_period(answer, lang))
    filters = filters_text(answer.get("filters") or {}, dimensions, lang)
    facts += _fact(t("ask_how_filters", lang), filters)
    grouping = grouping_text(answer, dimensions, lang)
    if grouping:
        facts += _fact(t("ask_how_grouping", lang), capitalised(grouping))
    if answer.get("compare"):
        facts += _fact(t("ask_how_compare", lang), t(COMPARE_KEYS[answer["compare"]], lang))
    facts += _fact(t("ask_how_perimeter", lang), perimeter)
    if freshness:
        facts += _fact(t("ask_how_data", lang), freshness)
    facts += _fact(t("owner", lang), metric.owner)
    if answer.get("notes"):
        facts += _fact(t("ask_how_notes", lang), " ; ".join(answer["notes"]))
    if forecast := answer.get("forecast"):
        facts += _fact(t("ask_how_method", lang), METHODS[forecast["method"]][lang])
    sql = [
        html.P(t("ask_how_sql", lang), className="how-sql-title"),
        html.Pre(html.Code(answer.get("sql") or ""), className="how-sql", tabIndex=0),
    ]
    return html.Details(
        [
            html.Summary(t("how_computed", lang)),
            html.Dl(facts, className="how-facts"),
            *(sql if answer.get("sql") else []),
        ],
        className="how ask-how",
    )
