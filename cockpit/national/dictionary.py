"""The indicator dictionary of the national comparison: `queries/national/indicators.yaml`.

Each indicator says how it reads from the public files, source by source and year by
year (a sum of published codes, or a ratio of sums), and what it means: labels, unit,
direction, the hospital's own metric it matches. Validated at load like `queries/`:
an error names the file, the indicator and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from cockpit.catalog.loader import DefinitionError
from cockpit.catalog.model import FormatPreset, Localized, LocalizedList, Unit

Source = Literal["hospidiag", "sae"]
Direction = Literal["higher_is_better", "lower_is_better", "neutral"]
Theme = Literal["activity", "capacity", "performance", "staff"]
THEMES: tuple[Theme, ...] = ("activity", "performance", "capacity", "staff")
SAE_TABLES = ("SYGEN", "MCO", "URGENCES2")

# Hospi Diag codes as ANAP writes them (CI_AC1, P12_bis); SAE codes with their table.
_CODE = {
    "hospidiag": re.compile(r"^[A-Z][A-Za-z0-9_]*$"),
    "sae": re.compile(rf"^({'|'.join(SAE_TABLES)})\.[A-Za-z][A-Za-z0-9_]*(\.[A-Z]+)?$"),
}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class Reading(BaseModel):
    """How one source publishes the indicator over some years."""

    model_config = ConfigDict(extra="forbid")
    source: Source
    years: tuple[int, int | None] | None = None  # first and last year (None: open)
    sum: list[str] = Field(min_length=1)  # published codes added up
    per: list[str] = Field(default_factory=list)  # codes whose sum divides (a ratio)
    scale: float = 1.0  # e.g. 0.01 for a rate published in percent

    @model_validator(mode="after")
    def _codes_of_the_source(self) -> Reading:
        pattern = _CODE[self.source]
        wrong = [c for c in [*self.sum, *self.per] if not pattern.match(c)]
        if wrong:
            hint = "e.g. P12" if self.source == "hospidiag" else "e.g. SYGEN.LIT_MCO"
            raise ValueError(f"not {self.source} code(s): {', '.join(wrong)} ({hint})")
        if self.years and self.years[1] is not None and self.years[1] < self.years[0]:
            raise ValueError(f"years: {self.years[1]} comes before {self.years[0]}")
        return self

    def covers(self, year: int) -> bool:
        if self.years is None:
            return True
        first, last = self.years
        return first <= year and (last is None or year <= last)

    @property
    def codes(self) -> list[str]:
        return [*self.sum, *self.per]


class OwnMetric(BaseModel):
    """The hospital's own catalog metric that measures the same thing, shown beside."""

    model_config = ConfigDict(extra="forbid")
    metric: str
    filters: dict[str, str] = Field(default_factory=dict)


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    label: Localized
    description: Localized
    theme: Theme
    unit: Unit
    format: FormatPreset
    direction: Direction
    sources: list[Reading] = Field(min_length=1)
    own: OwnMetric | None = None
    synonyms: LocalizedList = Field(default_factory=LocalizedList)

    @field_validator("id")
    @classmethod
    def _snake_case(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("must be snake_case (a-z, 0-9, _), starting with a letter")
        return value

    @property
    def volume(self) -> bool:
        """A plain count (no ratio): zero means the activity does not exist there."""
        return all(not r.per for r in self.sources)


class Category(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: Localized


class DictionaryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: Literal[1] = 1
    categories: dict[str, Category] = Field(default_factory=dict)
    indicators: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> DictionaryFile:
        seen: set[str] = set()
        for indicator in self.indicators:
            if indicator.id in seen:
                raise ValueError(f"indicator {indicator.id!r} is defined twice")
            seen.add(indicator.id)
        return self


@dataclass(frozen=True)
class Dictionary:
    path: Path
    indicators: tuple[Indicator, ...]
    categories: dict[str, Category]
    errors: tuple[DefinitionError, ...] = ()

    def get(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(f"unknown national indicator {indicator_id!r}")

    def category_label(self, code: str | None, lang: str) -> str | None:
        if code is None:
            return None
        found = self.categories.get(code)
        return getattr(found.label, lang, found.label.fr) if found else code


def dictionary_path(queries_dir: Path) -> Path:
    return queries_dir / "national" / "indicators.yaml"


def _field(raw: dict, loc: tuple) -> str:
    """'indicators[alos_mco].sources.0.per' rather than 'indicators.7.sources.0.per'."""
    parts: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int) and i and loc[i - 1] == "indicators":
            items = raw.get("indicators") if isinstance(raw, dict) else None
            item = items[part] if isinstance(items, list) and part < len(items) else None
            name = item.get("id") if isinstance(item, dict) else None
            parts[-1] += f"[{name}]" if name else f"[{part}]"
        else:
            parts.append(str(part))
    return ".".join(parts) or "(file)"


def load_dictionary(queries_dir: Path) -> Dictionary:
    """The dictionary under `queries_dir`; an invalid file gives no indicator and its errors."""
    path = dictionary_path(queries_dir)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Dictionary(path, (), {}, (DefinitionError(path, "(file)", "not found"),))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        error = DefinitionError(path, "(yaml)", str(exc).replace("\n", " "))
        return Dictionary(path, (), {}, (error,))
    try:
        parsed = DictionaryFile.model_validate(raw)
    except ValidationError as exc:
        errors = tuple(
            DefinitionError(path, _field(raw, tuple(e["loc"])), e["msg"]) for e in exc.errors()
        )
        return Dictionary(path, (), {}, errors)
    return Dictionary(path, tuple(parsed.indicators), parsed.categories)
