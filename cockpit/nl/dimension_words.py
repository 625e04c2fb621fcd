"""Dimension words, kept in one place: which dimensions a question may filter on, the nouns
that name a dimension (« pôle », "service"), and other names for some values (English
names, abbreviations of the trade) that neither spelling nor prefixes can reach.

Metric words never live here: they come from the catalog (`queries/*.yaml`).
"""

from __future__ import annotations

# The dimensions a question can filter on: places, coarse to fine, then staff.
PLACE_DIMENSIONS: tuple[str, ...] = ("establishment", "site", "pole", "service")
STAFF_DIMENSIONS: tuple[str, ...] = ("staff_category", "staff_group")
FILTER_DIMENSIONS: tuple[str, ...] = PLACE_DIMENSIONS + STAFF_DIMENSIONS
# What a ranking that names nothing to rank is offered (« par pôle ou par service ? »).
RANKED_BY_DEFAULT: tuple[str, ...] = ("pole", "service", "establishment")

# How a dimension is named to a person, (French, English).
DIMENSION_LABELS: dict[str, tuple[str, str]] = {
    "pole": ("pôle", "pole"),
    "service": ("service", "service"),
    "establishment": ("établissement", "establishment"),
    "site": ("site", "site"),
    "staff_category": ("catégorie", "staff category"),
    "staff_group": ("personnel", "staff group"),
}

# A noun (normalized) → the dimension it names: « quel pôle », "by service", « par métier ».
DIMENSION_NOUNS: dict[str, str] = {
    "pole": "pole",
    "service": "service",
    "unite": "service",
    "ward": "service",
    "department": "service",
    "departement": "service",
    "etablissement": "establishment",
    "establishment": "establishment",
    "hopital": "establishment",
    "hospital": "establishment",
    "site": "site",
    "categorie": "staff_category",
    "category": "staff_category",
    "metier": "staff_category",
    "profession": "staff_category",
    "groupe": "staff_group",
    "group": "staff_group",
    "filiere": "staff_group",
}

# Other names of a value → the value's normalized name (used when that value exists).
ALIASES: dict[str, str] = {
    "surgery": "chirurgie",
    "surgical": "chirurgie",
    "medicine": "medecine",
    "geriatric": "geriatrie",
    "psychiatric": "psychiatrie",
    "intensive care": "reanimation",
    "icu": "reanimation",
    "rea": "reanimation",
    "emergency department": "urgence",
    "emergency": "urgence",
    "sau": "urgence",
    "radiology": "imagerie",
    "imaging": "imagerie",
    "lab": "laboratoire",
    "maternity": "maternite",
    "obstetric": "maternite",
    "long term care": "unite soin longue duree",
    "usld": "unite soin longue duree",
    "rehabilitation": "ssr",
    "nurse": "infirmier",
    "nursing": "infirmier",
    "infirmiere": "infirmier",
    "ide": "infirmier",
    "nursing assistant": "aide soignant",
    "care assistant": "aide soignant",
    "aide soignante": "aide soignant",
    "midwife": "sage femme",
    "doctor": "medecin",
    "physician": "medecin",
    "docteur": "medecin",
    "praticien": "medecin",
    "resident": "interne",
    "intern": "interne",
    "admin": "administratif",
    "administrative": "administratif",
    "medical staff": "medical",
    "personnel medical": "medical",
    "pm": "medical",
    "personnel non medical": "non medical",
    "non medical staff": "non medical",
    "pnm": "non medical",
}


def vocabulary() -> set[str]:
    words = set(DIMENSION_NOUNS)
    for alias in ALIASES:
        words.update(alias.split())
    return words
