"""Dimension values in a question: pole, service, establishment, staff group/category,
plus group-by ("par pôle", "by service") and grain ("évolution", "trend", "monthly").

Values come from the warehouse through engine.dimension_values / establishments;
matching is accent/case-insensitive on whole words, with a small bilingual
vocabulary for English names of French services and staff categories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cockpit.nl.normalize import contains, normalize, remove

FILTER_DIMENSIONS = ("service", "pole", "establishment", "staff_category", "staff_group")

# English (and common French variant) words → a canonical French value's normalized form.
ALIASES = {
    "surgery": "chirurgie",
    "medicine": "medecine",
    "geriatric": "geriatrie",
    "geriatrics": "geriatrie",
    "psychiatry": "psychiatrie",
    "cardiology": "cardiologie",
    "maternity": "maternite",
    "pediatric": "pediatrie",
    "paediatric": "pediatrie",
    "intensive care": "reanimation",
    "icu": "reanimation",
    "emergency department": "urgence",
    "pharmacy": "pharmacie",
    "imaging": "imagerie",
    "radiology": "imagerie",
    "laboratory": "laboratoire",
    "pulmonology": "pneumologie",
    "neonatology": "neonatologie",
    "ophthalmology": "ophtalmologie",
    "nurse": "infirmier",
    "infirmiere": "infirmier",
    "nursing assistant": "aide soignant",
    "care assistant": "aide soignant",
    "midwife": "sage femme",
    "midwive": "sage femme",
    "doctor": "medecin",
    "physician": "medecin",
    "resident": "interne",
    "medical staff": "medical",
    "personnel medical": "medical",
    "personnel non medical": "non medical",
    "non medical staff": "non medical",
    "pnm": "non medical",
    "pm": "medical",
    "maternite": "maternite",
    "reanimation": "reanimation",
}
_GROUP_WORDS = {
    "pole": "pole",
    "service": "service",
    "etablissement": "establishment",
    "establishment": "establishment",
    "hopital": "establishment",
    "hospital": "establishment",
    "site": "site",
    "categorie": "staff_category",
    "category": "staff_category",
    "metier": "staff_category",
    "groupe": "staff_group",
}
_GRAIN_MONTH = [
    "evolution",
    "tendance",
    "trend",
    "mensuel",
    "mensuelle",
    "par moi",
    "by month",
    "monthly",
    "month by month",
    "moi par moi",
    "over the last",
    "courbe",
    "per month",
    "chaque moi",
    "serie",
]
_GRAIN_QUARTER = ["par trimestre", "by quarter", "quarterly", "trimestriel", "trimestrielle"]
_GRAIN_YEAR = ["par an", "par annee", "by year", "yearly", "annuel", "annuelle"]


@dataclass
class DimensionMatch:
    filters: dict[str, str] = field(default_factory=dict)
    group_by: list[str] = field(default_factory=list)
    grain: str | None = None
    unknown: list[str] = field(default_factory=list)  # "pôle X" with X not in the warehouse
    rest: str = ""


def vocabulary(engine, perimeter) -> dict[str, tuple[str, str]]:
    """normalized phrase → (dimension, canonical value)."""
    vocab: dict[str, tuple[str, str]] = {}
    for dim in FILTER_DIMENSIONS:
        try:
            values = engine.dimension_values(dim, perimeter)
        except Exception:  # a dimension the warehouse lacks
            continue
        for value in values:
            key = normalize(value.replace("_", " ")).strip()
            vocab.setdefault(key, (dim, value))
            if dim == "establishment":
                # "Rochebrune" alone names "CH de Rochebrune"
                short = re.sub(r"^(ch|chu|chr|hopital|centre hospitalier) (de |du |d )?", "", key)
                vocab.setdefault(short, (dim, value))
    for alias, target in ALIASES.items():
        key = normalize(alias).strip()
        if normalize(target).strip() in vocab and key not in vocab:
            vocab[key] = vocab[normalize(target).strip()]
    return vocab


def match_dimensions(text: str, engine, perimeter) -> DimensionMatch:
    out = DimensionMatch(rest=text)
    for phrase in sorted(_GRAIN_MONTH, key=len, reverse=True):
        if contains(out.rest, normalize(phrase).strip()):
            out.grain = "month"
            out.rest = remove(out.rest, normalize(phrase).strip())
    for phrases, grain in ((_GRAIN_QUARTER, "quarter"), (_GRAIN_YEAR, "year")):
        for phrase in phrases:
            if contains(out.rest, normalize(phrase).strip()):
                out.grain = grain
                out.rest = remove(out.rest, normalize(phrase).strip())
    for word, dim in _GROUP_WORDS.items():
        for lead in ("par", "by", "per", "selon", "for each", "pour chaque"):
            phrase = f"{lead} {word}"
            if contains(out.rest, phrase):
                out.group_by.append(dim)
                out.rest = remove(out.rest, phrase)
    vocab = vocabulary(engine, perimeter)
    for key in sorted(vocab, key=len, reverse=True):
        dim, value = vocab[key]
        if dim in out.filters or not contains(out.rest, key):
            continue
        out.filters[dim] = value
        out.rest = remove(out.rest, key)
    for word in ("pole", "service"):
        match = re.search(rf" (?:du |au |le )?{word} (?:de |d )?([a-z][a-z\-]+) ", out.rest)
        if match and word not in out.filters and match.group(1) not in ("de", "des", "du"):
            out.unknown.append(f"{word} {match.group(1)}")
    return out
