"""Intent, before any query: is this a question the catalog may answer?

Refused, each with a reason and what Cockpit can answer instead: instructions to
ignore rules or change data, free SQL, forecasts, individuals (see people.py),
clinical questions and topics outside hospital steering. Domain words (« les
finances », "staff") turn a question with no metric into a clarification.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from cockpit.nl import people
from cockpit.nl.normalize import blank, strip_accents, word_set

_KINDS: list[tuple[str, str]] = [
    (
        "instructions",
        r"ignore|ignorer|oublie|oublier|forget|disregard|bypass|contourne|jailbreak"
        r"|system prompt|prompt|tes instructions|vos instructions|your instructions"
        r"|tes consignes|tes regles|your rules|tu es maintenant|you are now|act as|fais comme si"
        r"|supprime|supprimer|efface|effacer|delete|drop|truncate|update|insert|modifie|modifier"
        r"|modify|alter|remplace|ecrase|overwrite",
    ),
    ("sql", r"sql|requete|query|select \S+ from|select from|from \S+ where|join|union select"),
    (
        "forecast",
        r"prevision|prevoir|prediction|predire|forecast|predict|projection|fera|sera|seront"
        r"|an prochain|annee prochaine|next year|mois prochain|next month|demain|tomorrow"
        r"|will be|going to be",
    ),
]
_TOPICS: list[tuple[str, str]] = [
    (
        "clinical",
        r"grippe|covid|diagnostic|diagnosis|pathologie|maladie|disease|cancer|deces|death"
        r"|mortalite|mortality|mort|morte|decede|decedee|died|dead|symptome|symptom"
        r"|traitement|treatment|ordonnance|prescription"
        r"|infection|epidemie|epidemic|virus",
    ),
    (
        "off_topic",
        r"meteo|weather|quel temps|temps qu il fait|pluie|rain|neige|snow|election|politique"
        r"|politic|president|gouvernement|government|ministre|minister|vote|football|foot"
        r"|match|sport|coupe du monde|world cup|recette de cuisine|recipe|blague|joke|film"
        r"|movie|musique|music|bourse|stock market|bitcoin|horoscope",
    ),
]
_COMPILED = [(k, re.compile(rf"(?<![a-z0-9])(?:{w})(?![a-z0-9])")) for k, w in _KINDS]
_TOPIC_RES = [(k, re.compile(rf"(?<![a-z0-9])(?:{w})(?![a-z0-9])")) for k, w in _TOPICS]

REASONS = {
    "instructions": (
        "Je ne peux ni modifier les données ni suivre d'autres instructions : je réponds "
        "seulement aux questions sur les indicateurs du catalogue.",
        "I cannot change data or follow other instructions: I only answer questions about "
        "the catalogue's indicators.",
    ),
    "sql": (
        "Je n'écris pas de SQL : posez la question en mots, je choisis l'indicateur du "
        "catalogue qui y répond (la requête exécutée est montrée avec la réponse).",
        "I do not write SQL: ask in plain words and I pick the catalogue indicator that "
        "answers (the query that ran is shown with the answer).",
    ),
    "forecast": (
        "Je ne fais pas de prévision au-delà de l'année en cours : je peux estimer où l'année "
        "va atterrir (« où va-t-on atterrir sur les dépenses de personnel ? ») ou donner "
        "l'évolution des 12 derniers mois.",
        "I do not forecast beyond the year in progress: I can estimate where this year will "
        "land ('year-end forecast of interim costs') or give the trend over the last 12 months.",
    ),
    "person": (
        "Je ne donne aucune information sur une personne ({words}) : Cockpit ne contient que "
        "des chiffres agrégés par mois. Je peux donner {example} par service ou par catégorie "
        "de personnel.",
        "I give no information about an individual ({words}): Cockpit only holds figures "
        "aggregated by month. I can give {example} by service or by staff category.",
    ),
    "patient": (
        "Je ne donne aucune information sur un patient ({words}) : Cockpit ne contient que des "
        "chiffres agrégés par mois. Je peux donner {example} d'un service ou d'un pôle.",
        "I give no information about a patient ({words}): Cockpit only holds figures "
        "aggregated by month. I can give {example} for a service or a pole.",
    ),
    "record": (
        "Je n'ouvre aucun dossier ni donnée individuelle ({words}) : Cockpit ne contient que "
        "des chiffres agrégés par mois. Je peux donner {example} d'un service ou d'un pôle.",
        "I open no record or individual data ({words}): Cockpit only holds figures aggregated "
        "by month. I can give {example} for a service or a pole.",
    ),
    "list": (
        "Je ne liste pas de personnes ({words}) : Cockpit ne contient que des chiffres agrégés. "
        "Je peux donner {example} par service ou par catégorie de personnel.",
        "I do not list people ({words}): Cockpit only holds aggregated figures. I can give "
        "{example} by service or by staff category.",
    ),
    "clinical": (
        "Cockpit ne contient pas d'information clinique (diagnostics, pathologies) : je peux "
        "donner l'activité d'un service (entrées, séjours, passages aux urgences).",
        "Cockpit holds no clinical information (diagnoses, diseases): I can give a service's "
        "activity (admissions, stays, ER visits).",
    ),
    "off_topic": (
        "Cette question sort du pilotage de l'hôpital : je réponds sur les indicateurs du "
        "catalogue (activité, ressources humaines, finances).",
        "This question is outside hospital steering: I answer about the catalogue's indicators "
        "(activity, human resources, finance).",
    ),
}
# What can be given instead: staff figures for a question about staff, activity for one
# about patients or their records.
_EXAMPLES = {
    "staff": ("les effectifs (ETP), l'absentéisme ou les heures supplémentaires",
              "staffing (FTE), absenteeism or overtime"),
    "activity": ("les entrées, les séjours ou les passages aux urgences",
                 "admissions, stays or ER visits"),
}  # fmt: skip
_ABOUT_PATIENTS = ("patient", "record")

DOMAIN_WORDS = {
    "activity": "activite activity sejour stay lit bed hospitalisation occupation urgence patient "
    "malade soin care",
    "hr": "personnel staff rh hr effectif agent etp fte absence salarie employee soignant "
    "medecin infirmier recrutement",
    "finance": "finance financier financiere financial budget depense recette charge produit cout "
    "cost expense "
    "revenue argent money resultat tresorerie comptable",
}


@dataclass(frozen=True)
class Refused:
    kind: str
    words: str = ""


def refuse_before_linking(
    text: str, question: str, known: Callable[[str], bool], correct: Callable[[str], str] = str
) -> Refused | None:
    """Refusals that stand whatever metric words the question holds (`text` normalized)."""
    off_topic = [(k, p) for k, p in _TOPIC_RES if k == "off_topic"]
    for kind, pattern in [*_COMPILED[:2], *off_topic, *_COMPILED[2:]]:
        if match := pattern.search(text):
            return Refused(kind, match.group())
    individual = people.find_individual(question, known, correct)
    return Refused(individual.kind, individual.words) if individual else None


_THRESHOLD = re.compile(
    r"(?<![a-z0-9])(?:plus de|moins de|more than|less than|fewer than|superieur a|inferieur a"
    r"|au dessus? de|en dessous? de|au dela de|over|under|above|below) \d+(?: ?(?:%|pourcent|pour"
    r" cent|percent|an|ans|jour|jours|day|days|year|years|old|heure|heures|hour|hours|h))?"
    r"(?![a-z0-9])"
)
# the same in the question as typed: accents stripped letter by letter, signs kept
_THRESHOLD_SAID = re.compile(
    _THRESHOLD.pattern.replace(r"\d+(?: ?(?:%", r"\d+(?:[,.]\d+)?(?: ?(?:%")
)
THRESHOLD_NOTES = (
    "Je ne filtre pas sur un seuil (« {words} ») : voici les chiffres sans ce filtre.",
    "I do not filter on a threshold ('{words}'): here are the figures without it.",
)


def threshold_as_said(question: str) -> str | None:
    """The threshold in the question's own words (« au-dessus de 95 % »), for notes."""
    # one character for one, so the match's place is the same in the question
    plain = "".join((strip_accents(c.lower()) or c)[:1] for c in question)
    match = _THRESHOLD_SAID.search(plain.replace("-", " "))
    return question[match.start() : match.end()] if match else None


def read_threshold(text: str) -> tuple[str | None, str]:
    """« plus de 80 ans », "more than 90%": a threshold, which monthly aggregates cannot
    apply (on people, it asks for individual data)."""
    if match := _THRESHOLD.search(text):
        return match.group(), blank(text, match.start(), match.end())
    return None, text


def refuse_topic(rest: str) -> Refused | None:
    """Clinical words left once the metric's own words are used (« grippe »)."""
    for kind, pattern in _TOPIC_RES:
        if match := pattern.search(rest):
            return Refused(kind, match.group())
    return None


def reason(refused: Refused, lang: str, example: str | None = None) -> str:
    fr, en = REASONS[refused.kind]
    template = fr if lang == "fr" else en
    fr_example, en_example = _EXAMPLES["activity" if refused.kind in _ABOUT_PATIENTS else "staff"]
    default = fr_example if lang == "fr" else en_example
    return template.format(words=refused.words, example=example or default)


# How the hospital is doing as a whole: every domain.
GENERAL_WORDS = word_set(
    "hopital hospital etablissement ght groupe situation bilan point tableau va vont doing "
    "going performance sante"
)


def domains(text: str) -> tuple[str, ...]:
    found = set(text.split())
    named = tuple(d for d, words in DOMAIN_WORDS.items() if found & set(words.split()))
    return named or (tuple(DOMAIN_WORDS) if found & GENERAL_WORDS else ())


def vocabulary() -> set[str]:
    words = set(people.vocabulary())
    for _, pattern in [*_KINDS, *_TOPICS]:
        words.update(re.findall(r"[a-z]{3,}", pattern))
    for domain_words in DOMAIN_WORDS.values():
        words.update(domain_words.split())
    return words | GENERAL_WORDS
