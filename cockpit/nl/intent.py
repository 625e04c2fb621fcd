"""Intent step, before any query: is this a question the catalog can answer?

Refuses honestly (individual patients or staff, forecasts, free SQL, data
changes, instructions, anything outside the steering domain); flags domain
words so a question with no recognised metric is answered by a clarification
rather than a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.nl.normalize import contains, normalize

_REFUSALS: list[tuple[list[str], dict[str, str]]] = [
    (
        [
            "ignore",
            "oublie",
            "supprime",
            "efface",
            "delete",
            "drop",
            "truncate",
            "update",
            "insert",
            "modifie",
            "modify",
            "alter",
            "instructions",
            "prompt",
            "system",
        ],
        {
            "fr": "Je ne peux ni modifier les données ni suivre d'autres instructions : "
            "je réponds seulement aux questions sur les indicateurs du catalogue.",
            "en": "I cannot change data or follow other instructions: I only answer "
            "questions about the catalogue's indicators.",
        },
    ),
    (
        ["sql", "requete", "query", "select"],
        {
            "fr": "Je n'écris pas de SQL : posez la question en français, je choisis "
            "l'indicateur du catalogue qui y répond.",
            "en": "I do not write SQL: ask the question in plain words and I pick the "
            "catalogue indicator that answers it.",
        },
    ),
    (
        [
            "patient",
            "malade",
            "diagnostic",
            "grippe",
            "covid",
            "pathologie",
            "dossier",
            "nom",
            "name",
            "salaire de chaque",
            "chaque medecin",
            "chaque agent",
            "each doctor",
            "each employee",
            "salary of",
            "salaire du",
            "salaire de",
        ],
        {
            "fr": "Je ne donne aucune information individuelle (patient ou agent) ni clinique : "
            "le cockpit ne contient que des indicateurs agrégés par mois.",
            "en": "I give no individual (patient or staff) or clinical information: the "
            "cockpit only holds indicators aggregated by month.",
        },
    ),
    (
        [
            "prevision",
            "prevoir",
            "prediction",
            "forecast",
            "predict",
            "fera",
            "sera",
            "l an prochain",
            "next year",
            "mois prochain",
            "next month",
            "demain",
            "tomorrow",
        ],
        {
            "fr": "Je ne fais pas de prévisions : je réponds sur les mois déjà connus.",
            "en": "I do not forecast: I answer about months already known.",
        },
    ),
    (
        ["meteo", "weather", "temp qu il fait", "temp fera"],
        {
            "fr": "Cette question sort du pilotage de l'hôpital : je ne réponds que sur les "
            "indicateurs du catalogue.",
            "en": "This question is outside hospital steering: I only answer about the "
            "catalogue's indicators.",
        },
    ),
]

DOMAIN_WORDS = {
    "activity": [
        "activite",
        "activity",
        "sejour",
        "stay",
        "lit",
        "bed",
        "hospitalisation",
        "occupation",
        "urgence",
        "patient",
    ],
    "hr": [
        "personnel",
        "staff",
        "rh",
        "hr",
        "effectif",
        "agent",
        "etp",
        "fte",
        "absence",
        "salarie",
        "employee",
    ],
    "finance": [
        "finance",
        "budget",
        "depense",
        "recette",
        "charge",
        "produit",
        "cout",
        "cost",
        "expense",
        "revenue",
        "argent",
        "money",
        "resultat",
        "tresorerie",
    ],
}


@dataclass(frozen=True)
class Intent:
    kind: str  # "answerable" | "refused"
    reason: str | None = None
    domains: tuple[str, ...] = ()


def classify(text: str, lang: str, has_metric: bool) -> Intent:
    """`text` is normalized. Refusal words win unless they are part of a metric phrase
    already removed from `text` by the metric step."""
    for words, message in _REFUSALS:
        if any(contains(text, normalize(w).strip()) for w in words):
            return Intent("refused", message[lang])
    domains = tuple(
        d
        for d, words in DOMAIN_WORDS.items()
        if any(contains(text, normalize(w).strip()) for w in words)
    )
    return Intent("answerable", None, domains)
