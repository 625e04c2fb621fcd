"""The words of the year-end landing (home card, detail headline and chart) and of the
merged alert list, in French and English; `i18n.t` reads them with the others."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "landing_title": "Atterrissage {year}",
        "landing_sub": "Estimé à fin décembre d'après janvier–{month} · intervalle à 80\u00a0%",
        "landing_interval": "entre {low} et {high}",
        "landing_no_interval": "intervalle pas encore calculable",
        "landing_budget": "Budget {budget}",
        "landing_no_budget": "Budget annuel non connu",
        "landing_budgetless": "Pas de budget pour cet indicateur",
        "landing_actual": "Réalisé à fin {month} : {value}",
        "landing_refused": "Atterrissage non calculable : {reason}",
        "landing_estimated": "Atterrissage estimé",
        "landing_method": "Méthode : {method}.",
        "landing_aria": "Atterrissages estimés de l'année {year}",
        "chart_projection": "Projection",
        "ask_how_method": "Méthode",
        "chart_band": "Intervalle à 80\u00a0%",
        "chart_projection_summary": " ; projection jusqu'à {month} : {value}",
        "status_info": "À noter",
        "count_info": "{n} à noter",
        "seasonal_pending": "Alertes saisonnières en cours de calcul : rechargez dans un instant.",
    },
    "en": {
        "landing_title": "{year} landing",
        "landing_sub": "Estimated to year-end from January–{month} · 80% interval",
        "landing_interval": "between {low} and {high}",
        "landing_no_interval": "no interval yet",
        "landing_budget": "Budget {budget}",
        "landing_no_budget": "Full-year budget not known",
        "landing_budgetless": "No budget for this indicator",
        "landing_actual": "Actual to {month}: {value}",
        "landing_refused": "No landing: {reason}",
        "landing_estimated": "Estimated landing",
        "landing_method": "Method: {method}.",
        "landing_aria": "Estimated year-end landings, {year}",
        "chart_projection": "Projection",
        "ask_how_method": "Method",
        "chart_band": "80% interval",
        "chart_projection_summary": "; projected to {month}: {value}",
        "status_info": "Note",
        "count_info": "{n} to note",
        "seasonal_pending": "Seasonal alerts are being computed: reload in a moment.",
    },
}
