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


def alert_sentence(alert: SeasonalAlert, lang: str = "fr") -> str:
    lang = lang if lang in _WORDS else "fr"
    words, metric = _WORDS[lang], alert.metric
    label = getattr(metric.label, lang)
    where = ", ".join(value for _, value in alert.scope)
    observed = format_value(alert.observed, metric.format, metric.unit, lang)
    expected = format_value(alert.expected, metric.format, metric.unit, lang)
    delta = alert.observed - alert.expected
    change = format_delta(delta, delta / alert.expected if alert.expected else None,
                          metric.format, metric.unit, lang)  # fmt: skip
    side = words["above" if delta > 0 else "below"]
    return (
        f"{label} — {where}{words['colon']}{observed} {words['in']} "
        f"{month_name(alert.period, lang)}, {side} {expected} {words['expected']} ({change})."
    )
