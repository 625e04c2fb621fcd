"""The sentence of a landing, in French or English, in the dashboard's number formats:
« Atterrissage estimé de « Dépenses de personnel » en 2026 : 45,2 M€, entre 44,8 M€ et 45,6 M€
(intervalle à 80 %), d'après janvier à octobre ; budget 45,0 M€. »"""

from __future__ import annotations

from cockpit.catalog.model import Metric
from cockpit.forecast.landing import Landing
from cockpit.formatting import format_value, month_word

_WORDS = {
    "fr": {
        "estimated": "Atterrissage estimé de « {label} » en {year}{where} : {value}",
        "actual": "« {label} » sur l'année {year}{where} (année complète) : {value}",
        "interval": ", entre {low} et {high} (intervalle à 80\u00a0%)",
        "from": ", d'après janvier à {month}",
        "budget": " ; budget {budget}",
        "where": " ({places})",
    },
    "en": {
        "estimated": "Estimated {year} landing of '{label}'{where}: {value}",
        "actual": "'{label}' over {year}{where} (complete year): {value}",
        "interval": ", between {low} and {high} (80% interval)",
        "from": ", from January to {month}",
        "budget": "; budget {budget}",
        "where": " ({places})",
    },
}


def landing_sentence(landing: Landing, metric: Metric, lang: str = "fr") -> str:
    lang = lang if lang in _WORDS else "fr"
    words = _WORDS[lang]

    def shown(value: float | None) -> str:
        return format_value(value, metric.format, metric.unit, lang)

    places = ", ".join(landing.filters.values())
    where = words["where"].format(places=places) if places else ""
    kind = "actual" if landing.method == "actual" else "estimated"
    text = words[kind].format(label=getattr(metric.label, lang), year=landing.year, where=where,
                              value=shown(landing.value))  # fmt: skip
    if kind == "estimated":
        if landing.low is not None and landing.high is not None:
            text += words["interval"].format(low=shown(landing.low), high=shown(landing.high))
        text += words["from"].format(month=month_word(landing.as_of, lang))
    if landing.budget is not None:
        text += words["budget"].format(budget=shown(landing.budget))
    return text + "."
