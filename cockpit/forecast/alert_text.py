"""The sentence of a seasonal alert, in French or English, in the dashboard's number formats:
« Coût de l'intérim — CH de Vallombre, Urgences-Réanimation : 612,3 k€ en octobre 2026,
au-dessus des 245,0 k€ attendus pour la saison (+150,0 %). »"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cockpit.formatting import format_delta, format_value, month_name

if TYPE_CHECKING:
    from cockpit.forecast.seasonal import SeasonalAlert

_WORDS = {
    "fr": {"above": "au-dessus des", "below": "en dessous des", "expected": "attendus pour la "
           "saison", "in": "en", "colon": " : "},
    "en": {"above": "above the", "below": "below the", "expected": "expected for the season",
           "in": "in", "colon": ": "},
}  # fmt: skip
_FINER = {"meur": "keur", "keur": "eur", "int": "dec1", "dec1": "dec2"}


def alert_sentence(alert: SeasonalAlert, lang: str = "fr") -> str:
    lang = lang if lang in _WORDS else "fr"
    words, metric = _WORDS[lang], alert.metric
    label = getattr(metric.label, lang)
    where = ", ".join(value for _, value in alert.scope)
    observed, side_expected = _figures(alert, lang)
    return (
        f"{label} — {where}{words['colon']}{observed} {words['in']} "
        f"{month_name(alert.period, lang)}, {side_expected}."
    )


def season_reason(alert: SeasonalAlert, lang: str = "fr") -> str:
    """« 612,3 k€, au-dessus des 245,0 k€ attendus pour la saison (+150,0 %) »: the reason
    alone, for a list that already shows the metric and the month."""
    observed, side_expected = _figures(alert, lang if lang in _WORDS else "fr")
    return f"{observed}, {side_expected}"


def _figures(alert: SeasonalAlert, lang: str) -> tuple[str, str]:
    words, metric = _WORDS[lang], alert.metric
    observed, expected = _two_figures(alert.observed, alert.expected, metric, lang)
    delta = alert.observed - alert.expected
    change = format_delta(delta, delta / alert.expected if alert.expected else None,
                          metric.format, metric.unit, lang)  # fmt: skip
    side = words["above" if delta > 0 else "below"]
    return observed, f"{side} {expected} {words['expected']} ({change})"


def _two_figures(observed: float, expected: float, metric, lang: str) -> tuple[str, str]:
    """Both figures in the metric's format, or a finer one when that format would print them
    the same (« 0,2 M€, au-dessus des 0,2 M€ » reads as a contradiction)."""
    preset = metric.format
    while True:
        texts = (format_value(observed, preset, metric.unit, lang),
                 format_value(expected, preset, metric.unit, lang))  # fmt: skip
        if texts[0] != texts[1] or preset not in _FINER:
            return texts
        preset = _FINER[preset]
