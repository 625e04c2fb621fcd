"""Every label of the dashboard in French (default) and English, and the language of a request.

The language is a cookie set by the toggle in the top bar (`/lang/en`); pages
read it at render time, so a switch re-renders everything in the new locale.
"""

from __future__ import annotations

from flask import has_request_context, request

LANGS = ("fr", "en")
LANG_COOKIE = "cockpit_lang"

_TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "app_name": "Cockpit",
        "skip": "Aller au contenu",
        "nav_label": "Navigation principale",
        "tab_home": "Aujourd'hui",
        "tab_activity": "Activité",
        "tab_hr": "RH",
        "tab_finance": "Finances",
        "tab_question": "Question",
        "page_activity": "Activité",
        "page_hr": "Ressources humaines",
        "page_finance": "Finances",
        "page_question": "Poser une question",
        "period_month": "Mois",
        "period_quarter": "Trimestre",
        "period_ytd": "Depuis janv.",
        "period_r12": "12 mois",
        "period_picker": "Période",
        "previous_month": "Mois précédent",
        "next_month": "Mois suivant",
        "establishment_picker": "Établissement",
        "group": "GHT (tous)",
        "vs_previous_year": "vs N-1",
        "vs_target": "vs cible",
        "vs_budget": "vs budget",
        "fact_previous": "N-1 : ",
        "fact_target": "Cible : ",
        "fact_budget": "Budget : ",
        "ytd": "Depuis janvier",
        "status_green": "Bon",
        "status_amber": "À surveiller",
        "status_red": "Alerte",
        "status_none": "Sans seuil",
        "alerts": "Alertes",
        "key_figures": "Indicateurs",
        "count_red": "{n} en alerte",
        "count_amber": "{n} à surveiller",
        "alerts_none": "Aucun indicateur en alerte ce mois-ci.",
        "alerts_hint": "Indicateurs en rouge ou orange, les plus graves d'abord.",
        "reason_target": "{value} pour une cible de {target}",
        "reason_budget": "{value} pour un budget de {target}",
        "reason_threshold": "{value}, au-delà du seuil",
        "reason_previous": "{delta} vs N-1",
        "spark_alt": "Tendance sur 12 mois de {label}",
        "col_metric": "Indicateur",
        "col_period": "Période",
        "col_value": "Valeur",
        "col_unit": "Unité",
        "col_previous": "N-1",
        "col_delta_previous": "Écart N-1",
        "col_target": "Cible / budget",
        "col_delta_target": "Écart cible",
        "col_status": "Statut",
        "col_pole": "Pôle",
        "col_service": "Service",
        "col_establishment": "Établissement",
        "sort_by": "Trier par {column}",
        "table_title": "Tableau détaillé",
        "export_csv": "Exporter CSV",
        "export_xlsx": "Exporter Excel",
        "export_hint": "Exporte le tableau affiché.",
        "monthly_chart": "Évolution mensuelle",
        "chart_current": "Réalisé",
        "chart_previous": "N-1",
        "chart_target": "Cible",
        "chart_budget": "Budget",
        "by_pole": "Par pôle",
        "by_service": "Par service",
        "by_establishment": "Par établissement",
        "pole_services": "Pôle {pole} — par service",
        "all_poles": "Tous les pôles",
        "no_services": "Cet indicateur n'est pas suivi par service.",
        "how_computed": "Comment c'est calculé",
        "owner": "Responsable",
        "back_to": "Retour : {page}",
        "no_data": "Pas de données pour cette période.",
        "no_warehouse": "Aucune donnée chargée. Lancez `cockpit demo` puis `cockpit ingest`.",
        "offline": "Hors ligne — chiffres du {date}, non actualisés",
        "reload": "Actualiser",
        "question_soon": "Bientôt",
        "question_text": (
            "Vous pourrez bientôt poser vos questions en français ou en anglais, à l'écrit "
            "ou à la voix : « Quel est le taux d'occupation du pôle Chirurgie en mars ? »"
        ),
        "other_lang": "English",
        "other_lang_code": "en",
        "figures_of": "Chiffres de {period}",
        "not_found": "Page introuvable",
        "home_link": "Revenir à l'accueil",
        "period_quarter_label": "T{q} {year}",
        "to_date": "à fin {month}",
    },
    "en": {
        "app_name": "Cockpit",
        "skip": "Skip to content",
        "nav_label": "Main navigation",
        "tab_home": "Today",
        "tab_activity": "Activity",
        "tab_hr": "HR",
        "tab_finance": "Finance",
        "tab_question": "Ask",
        "page_activity": "Activity",
        "page_hr": "Human resources",
        "page_finance": "Finance",
        "page_question": "Ask a question",
        "period_month": "Month",
        "period_quarter": "Quarter",
        "period_ytd": "YTD",
        "period_r12": "12 months",
        "period_picker": "Period",
        "previous_month": "Previous month",
        "next_month": "Next month",
        "establishment_picker": "Establishment",
        "group": "GHT (all)",
        "vs_previous_year": "vs last year",
        "vs_target": "vs target",
        "vs_budget": "vs budget",
        "fact_previous": "Last year: ",
        "fact_target": "Target: ",
        "fact_budget": "Budget: ",
        "ytd": "Year to date",
        "status_green": "On track",
        "status_amber": "Watch",
        "status_red": "Alert",
        "status_none": "No threshold",
        "alerts": "Alerts",
        "key_figures": "Indicators",
        "count_red": "{n} on alert",
        "count_amber": "{n} to watch",
        "alerts_none": "No indicator on alert this month.",
        "alerts_hint": "Indicators in red or amber, worst first.",
        "reason_target": "{value} against a target of {target}",
        "reason_budget": "{value} against a budget of {target}",
        "reason_threshold": "{value}, beyond the threshold",
        "reason_previous": "{delta} vs last year",
        "spark_alt": "12-month trend of {label}",
        "col_metric": "Indicator",
        "col_period": "Period",
        "col_value": "Value",
        "col_unit": "Unit",
        "col_previous": "Last year",
        "col_delta_previous": "Change vs last year",
        "col_target": "Target / budget",
        "col_delta_target": "Gap to target",
        "col_status": "Status",
        "col_pole": "Pole",
        "col_service": "Service",
        "col_establishment": "Establishment",
        "sort_by": "Sort by {column}",
        "table_title": "Detailed table",
        "export_csv": "Export CSV",
        "export_xlsx": "Export Excel",
        "export_hint": "Exports the table on screen.",
        "monthly_chart": "Monthly trend",
        "chart_current": "Actual",
        "chart_previous": "Last year",
        "chart_target": "Target",
        "chart_budget": "Budget",
        "by_pole": "By pole",
        "by_service": "By service",
        "by_establishment": "By establishment",
        "pole_services": "Pole {pole} — by service",
        "all_poles": "All poles",
        "no_services": "This indicator is not tracked by service.",
        "how_computed": "How it is computed",
        "owner": "Owner",
        "back_to": "Back: {page}",
        "no_data": "No data for this period.",
        "no_warehouse": "No data loaded yet. Run `cockpit demo` then `cockpit ingest`.",
        "offline": "Offline — figures from {date}, not refreshed",
        "reload": "Refresh",
        "question_soon": "Coming soon",
        "question_text": (
            "You will soon be able to ask questions in French or English, typed or "
            "spoken: “What is the bed occupancy of the Surgery pole in March?”"
        ),
        "other_lang": "Français",
        "other_lang_code": "fr",
        "figures_of": "Figures for {period}",
        "not_found": "Page not found",
        "home_link": "Back to the home page",
        "period_quarter_label": "Q{q} {year}",
        "to_date": "to end of {month}",
    },
}


def t(key: str, lang: str = "fr", **values: object) -> str:
    """The text for `key` in `lang`, with `{placeholders}` filled in."""
    text = _TEXTS.get(lang, _TEXTS["fr"])[key]
    return text.format(**values) if values else text


def current_lang() -> str:
    """The language of this request: the toggle's cookie, else French."""
    if has_request_context():
        lang = request.cookies.get(LANG_COOKIE)
        if lang in LANGS:
            return lang
    return "fr"


def label_of(localized, lang: str) -> str:
    """A catalog `Localized` field (label, description) in `lang`."""
    return getattr(localized, lang, None) or localized.fr
