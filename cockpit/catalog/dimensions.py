"""The registry of dimensions (`queries/dimensions.yaml`): what each dimension is called, where
its values come from and the words questions use for it. Declared once; catalog validation,
the engine, the API, the planners and the dashboard read it from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cockpit.catalog.errors import DefinitionError
from cockpit.catalog.localized import Localized, LocalizedList
from cockpit.catalog.model import TABLES
from cockpit.catalog.yaml_file import read_mapping, validation_errors
from cockpit.contracts import CONTRACTS

REGISTRY_FILE = "dimensions.yaml"
# A structure dimension is read from the structure extract, joined on each row's service.
STRUCTURE_KEYS: tuple[str, ...] = ("establishment_id", "pole", "service")
# Perimeters are set by establishment and pole: the registry must declare both.
REQUIRED = {"establishment": "establishment_id", "pole": "pole"}
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class QuestionWords(BaseModel):
    """How questions speak of a dimension (absent: questions cannot filter on it)."""

    model_config = ConfigDict(extra="forbid")
    # place: organisation (a new place replaces the previous one in a follow-up); staff: who.
    kind: Literal["place", "staff", "other"]
    words: LocalizedList = Field(default_factory=LocalizedList)  # « par pôle », "which ward"
    aliases: dict[str, str] = Field(default_factory=dict)  # another name → a value
    rank_choice: int | None = Field(default=None, ge=1)  # offered when a ranking names nothing


class Dimension(BaseModel):
    """One dimension: exactly one source — a column of the fact tables (`column`, its values
    listed in `listed_in`), a column of the structure extract (`structure`), or groups of
    another dimension's values (`from` + `values`)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    name: str = ""
    label: Localized
    plural: Localized | None = None
    column: str | None = None
    listed_in: str | None = None
    named_by: str | None = None
    structure: str | None = None
    from_: str | None = Field(default=None, alias="from")
    values: dict[str, list[str]] | None = None
    questions: QuestionWords | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Dimension:
        sources = [s for s in ("column", "structure", "from") if self._source(s) is not None]
        if len(sources) != 1:
            raise ValueError("give exactly one of 'column', 'structure' or 'from'")
        if (self.values is None) != (self.from_ is None):
            raise ValueError("'from' and 'values' go together")
        if self.column is not None and self.listed_in is None:
            raise ValueError(
                "a 'column' dimension needs 'listed_in': the extract listing its values"
            )
        if self.column is None and (self.listed_in or self.named_by):
            raise ValueError("'listed_in' and 'named_by' go with 'column'")
        return self

    def _source(self, name: str) -> str | None:
        return self.from_ if name == "from" else getattr(self, name)

    @property
    def kind(self) -> str:
        """column | structure | derived."""
        if self.column is not None:
            return "column"
        return "structure" if self.structure is not None else "derived"

    def plural_label(self, lang: str) -> str:
        return getattr(self.plural or self.label, lang)

    def group_of(self, value: str) -> str | None:
        """A derived dimension's value for one value of the dimension it comes from."""
        return next((g for g, members in (self.values or {}).items() if value in members), None)


class RegistryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: Literal[1] = 1
    dimensions: dict[str, dict]


@dataclass(frozen=True)
class DimensionRegistry:
    """The declared dimensions, in file order (places coarse to fine)."""

    dimensions: dict[str, Dimension] = field(default_factory=dict)

    def __contains__(self, name: object) -> bool:
        return name in self.dimensions

    def __iter__(self) -> Iterator[Dimension]:
        return iter(self.dimensions.values())

    def __getitem__(self, name: str) -> Dimension:
        return self.dimensions[name]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.dimensions)

    def fact_columns(self, name: str) -> tuple[str, ...]:
        """The columns a fact table needs for this dimension."""
        dimension = self.dimensions[name]
        if dimension.kind == "column":
            return (dimension.column,)
        if dimension.kind == "structure":
            return STRUCTURE_KEYS
        return self.fact_columns(dimension.from_)

    def joins_structure(self, name: str) -> bool:
        dimension = self.dimensions[name]
        if dimension.kind == "derived":
            return self.joins_structure(dimension.from_)
        return dimension.kind == "structure"

    def asked(self, kind: str | None = None) -> tuple[str, ...]:
        """The dimensions questions may filter on (of one kind: place, staff, other)."""
        return tuple(
            d.name
            for d in self
            if d.questions is not None and (kind is None or d.questions.kind == kind)
        )

    def merged_into(self, fresh: DimensionRegistry, broken: set[Path]) -> DimensionRegistry:
        """`fresh`, plus these dimensions it lost while its file is broken (last good)."""
        if not any(p.name == REGISTRY_FILE for p in broken):
            return fresh
        kept = {**self.dimensions, **fresh.dimensions}
        return DimensionRegistry({n: kept[n] for n in [*self.names, *fresh.names] if n in kept})

    def label(self, name: str, lang: str) -> str:
        found = self.dimensions.get(name)
        return getattr(found.label, lang) if found else name


def _check(name: str, dimension: Dimension, known: dict[str, Dimension]) -> list[tuple[str, str]]:
    """(field, message) for what a dimension declares that the extracts cannot give."""
    problems = []
    if not NAME_PATTERN.match(name):
        problems.append(("", "a name is snake_case (a-z, 0-9, _), starting with a letter"))
    if dimension.kind == "column":
        if not any(dimension.column in CONTRACTS[t].names for t in TABLES):
            problems.append(("column", f"{dimension.column!r} is a column of no fact extract"))
        listing = CONTRACTS.get(dimension.listed_in)
        if listing is None:
            problems.append(("listed_in", f"unknown extract {dimension.listed_in!r}"))
        else:
            for part in ("column", "named_by"):
                wanted = getattr(dimension, part)
                if wanted and wanted not in listing.names:
                    problems.append(
                        (part, f"{wanted!r} is not a column of extract {dimension.listed_in}")
                    )
    elif dimension.kind == "structure" and dimension.structure not in CONTRACTS["structure"].names:
        problems.append(("structure", f"{dimension.structure!r} is not a column of structure"))
    elif dimension.kind == "derived":
        if dimension.from_ not in known:
            problems.append(("from", f"{dimension.from_!r} is not a dimension declared above"))
        seen: dict[str, str] = {}
        for group, members in (dimension.values or {}).items():
            if not members:
                problems.append((f"values.{group}", "lists no value"))
            for member in members:
                if member in seen:
                    problems.append(
                        (f"values.{group}", f"{member!r} is already in group {seen[member]!r}")
                    )
                seen[member] = group
    wanted_column = REQUIRED.get(name)
    if wanted_column and dimension.column != wanted_column:
        problems.append(("column", f"must be {wanted_column} (perimeters are set by it)"))
    return problems


def load_dimensions(path: Path) -> tuple[DimensionRegistry, list[DefinitionError]]:
    """The registry in `path`, each error named by field; a broken entry is left out."""
    if not path.exists():
        message = "not found: declare here the dimensions metrics use (see queries/README.md)"
        return DimensionRegistry(), [DefinitionError(path, "(file)", message)]
    raw, errors = read_mapping(path)
    if raw is None:
        return DimensionRegistry(), errors
    try:
        registry_file = RegistryFile.model_validate(raw)
    except ValidationError as exc:
        return DimensionRegistry(), validation_errors(path, exc)
    found: dict[str, Dimension] = {}
    for name, entry in registry_file.dimensions.items():
        where = f"dimensions.{name}"
        try:
            dimension = Dimension.model_validate({**(entry or {}), "name": name})
        except ValidationError as exc:
            errors += validation_errors(path, exc, prefix=where)
            continue
        problems = _check(name, dimension, found)
        errors += [DefinitionError(path, f"{where}.{f}".rstrip("."), m) for f, m in problems]
        if not problems:
            found[name] = dimension
    for name in REQUIRED:
        if name not in found and not any(e.field.startswith(f"dimensions.{name}") for e in errors):
            errors.append(DefinitionError(path, f"dimensions.{name}", "must be declared"))
    return DimensionRegistry(found), errors
