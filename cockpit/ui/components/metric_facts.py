"""What a metric's file says, in words: its unit, how a period is computed, its direction, its
default thresholds and budget bands, its dimensions and where its figures come from."""

from __future__ import annotations

from cockpit.catalog.dimensions import DimensionRegistry
from cockpit.catalog.model import Metric
from cockpit.engine.lineage import Load
from cockpit.formatting import NBSP, capitalised, format_value, number, timestamp
from cockpit.ui.i18n import t


def unit_text(metric: Metric, lang: str) -> str:
    return f"{t(f'unit_{metric.unit}', lang)} ({metric.format})"


def computation_text(metric: Metric, lang: str) -> str:
    if metric.aggregation != "formula":
        return t(f"agg_{metric.aggregation}", lang)
    inputs = ", ".join(f"{name} = {spec.metric}" for name, spec in metric.inputs.items())
    return t("agg_formula", lang, formula=metric.formula) + f" ({inputs})"


def direction_text(metric: Metric, lang: str) -> str:
    return t(f"dir_{metric.direction}", lang)


def _band(metric: Metric, width: float, lang: str) -> str:
    """A distance to the target in the metric's terms: points for a rate."""
    if metric.unit == "pct":
        return number(width * 100, 1, lang) + NBSP + "pt"
    return format_value(width, metric.format, metric.unit, lang)


def thresholds_text(metric: Metric, lang: str) -> str:
    """The file's default thresholds as a sentence, and that the targets extract comes first."""
    found = metric.thresholds

    def shown(value: float) -> str:
        return format_value(value, metric.format, metric.unit, lang)

    if found.amber is not None and found.red is not None:
        if metric.direction == "target_band" and found.target is not None:
            amber, red = _band(metric, found.amber, lang), _band(metric, found.red, lang)
            text = t("th_band", lang, target=shown(found.target), amber=amber, red=red)
        else:
            key = "th_higher" if metric.direction == "higher_is_better" else "th_lower"
            text = t(key, lang, amber=shown(found.amber), red=shown(found.red))
    elif found.target is not None:
        text = t("th_target", lang, target=shown(found.target))
    else:
        return capitalised(t("th_none", lang))
    if metric.is_flow:
        text += t("th_monthly", lang)
    separator = "\u00a0; " if lang == "fr" else "; "
    return capitalised(text) + separator + t("th_extract", lang)


def budget_text(metric: Metric, lang: str) -> str | None:
    if not metric.budget_expr:
        return None
    bands = metric.budget_bands
    percent = [number(v * 100, 1, lang) + (NBSP + "%" if lang == "fr" else "%")
               for v in (bands.amber, bands.red)]  # fmt: skip
    return capitalised(t("budget_bands", lang, amber=percent[0], red=percent[1]))


def dimensions_text(metric: Metric, registry: DimensionRegistry, lang: str) -> str:
    return capitalised(", ".join(registry.label(d, lang) for d in metric.dimensions))


def load_text(load: Load, lang: str) -> str:
    """« finance.csv · chargé le 28 novembre 2026 à 15:30 · 7 406 lignes, 2023-01 → 2026-10 »."""
    if load.file is None:
        return t("load_never", lang)
    return t(
        "load",
        lang,
        file=load.file.replace("\\", "/").rsplit("/", 1)[-1],
        when=timestamp(load.loaded_at, lang) if load.loaded_at else "–",
        rows=number(load.rows or 0, 0, lang),
        start=load.period_start or "–",
        end=load.period_end or "–",
    )
