"""How each public file is laid out: which columns name the entity, which hold numbers.

Hospi Diag publishes one row per legal entity; SAE one row per site with its legal
entity (URGENCES2 one row per site and kind of ER: GEN, PED). Every column not
named here as identity or text must hold numbers, '.c' (withheld), '.z' (not
applicable) or nothing: a new or renamed numeric column is imported as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cockpit.warehouse.national.files import NationalFile

# Text columns that are no indicator: names, legal categories, « label : count » lists.
_HOSPIDIAG_TEXT = re.compile(
    r"^(finess|rs|champ_pmsi|taa|cat|taille_(mco|m|c|o)|ci_a1[678]_.*)$", re.IGNORECASE
)
_SAE_TEXT = re.compile(r"^(bor|an|fi|fi_ej|rs|urg|acc)$", re.IGNORECASE)


@dataclass(frozen=True)
class EntityColumns:
    """Headers of the columns describing the entity (None when the file has none)."""

    name: str | None
    category: str | None
    size_class: str | None = None
    region: str | None = None
    department: str | None = None


@dataclass(frozen=True)
class Layout:
    legal_entity: str  # header of the legal entity's FINESS
    site: str | None  # header of the site's FINESS (SAE)
    code_prefix: str = ""  # 'SYGEN.': SAE codes are named with their table
    qualifier: str | None = None  # URGENCES2: the kind of ER, appended to each code
    numbers: tuple[str, ...] = ()  # wide files: headers of the numeric columns
    long: tuple[str, str] | None = None  # long files: (code column, value column)
    entity: EntityColumns | None = None  # the file also says who each entity is
    year_column: str | None = None  # SAE 'AN': compared with the file's year
    # SYGEN 2019 leaves FI_EJ empty for some sites: their legal entity is then read from
    # the ID table of the year (the view `national` does it), not refused.
    legal_entity_optional: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        """Columns that identify a row of the file (a repeated key is refused)."""
        own = (self.site or self.legal_entity,)
        if self.qualifier:
            own += (self.qualifier,)
        if self.long:
            own += (self.long[0],)
        return own

    @property
    def has_values(self) -> bool:
        return bool(self.numbers or self.long)


class MissingColumns(ValueError):
    def __init__(self, missing: list[str]):
        super().__init__(f"missing column(s): {', '.join(missing)}")
        self.missing = missing


def layout_of(nf: NationalFile) -> Layout:
    """The layout of a recognised file; MissingColumns when its header lacks what it needs."""
    if nf.source == "sae":
        return _sae(nf)
    return _hospidiag(nf)


def _found(nf: NationalFile, *names: str) -> list[str]:
    headers = [nf.column(n) for n in names]
    missing = [n for n, h in zip(names, headers, strict=True) if h is None]
    if missing:
        raise MissingColumns(missing)
    return headers  # type: ignore[return-value]


def _sae(nf: NationalFile) -> Layout:
    site, legal_entity = _found(nf, "FI", "FI_EJ")
    year = nf.column("AN")
    if nf.dataset == "ID":
        name, category = _found(nf, "rs", "catr")
        entity = EntityColumns(name, category, None, nf.column("reg"), nf.column("dep"))
        return Layout(legal_entity, site, entity=entity, year_column=year)
    qualifier = nf.column("URG") if nf.dataset == "URGENCES2" else None
    numbers = tuple(h for h in nf.headers if not _SAE_TEXT.match(h))
    return Layout(
        legal_entity, site, f"{nf.dataset}.", qualifier, numbers, year_column=year,
        legal_entity_optional=True,
    )  # fmt: skip


def _hospidiag(nf: NationalFile) -> Layout:
    (finess,) = _found(nf, "finess")
    if nf.dataset == "lits_places":
        code, value = _found(nf, "Indicateur", "Valeur")
        return Layout(finess, None, long=(code, value))
    numbers = tuple(h for h in nf.headers if not _HOSPIDIAG_TEXT.match(h))
    if nf.dataset == "activite_globale":
        return Layout(finess, None, numbers=numbers)
    name, category, size_class = _found(nf, "rs", "cat", "taille_MCO")
    entity = EntityColumns(name, category, size_class)
    return Layout(finess, None, numbers=numbers, entity=entity)
