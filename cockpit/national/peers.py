"""Peer groups: by default the same category and size class; or a named list of FINESS
numbers from `queries/national/peers.yaml`, validated at load with errors naming the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cockpit.catalog.loader import DefinitionError
from cockpit.catalog.model import Localized
from cockpit.contracts import FINESS_PATTERN

DEFAULT_GROUP = "category_size"
_FINESS = re.compile(f"^{FINESS_PATTERN}$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class NamedGroup(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    label: Localized
    finess: list[str] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _snake_case(cls, value: str) -> str:
        if not _ID.match(value) or value == DEFAULT_GROUP:
            raise ValueError(f"must be snake_case and not {DEFAULT_GROUP!r}")
        return value

    @field_validator("finess", mode="before")
    @classmethod
    def _finess_numbers(cls, value):
        if not isinstance(value, list):
            return value
        numbers = [str(v).strip() for v in value]
        wrong = [n for n in numbers if not _FINESS.match(n)]
        if wrong:
            raise ValueError(f"not FINESS numbers (9 characters): {', '.join(wrong)}")
        return numbers


class PeersFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: Literal[1] = 1
    groups: list[NamedGroup] = Field(default_factory=list)


@dataclass(frozen=True)
class PeerGroup:
    """Who a hospital is compared with: `kind` category_size, or named with its FINESS list."""

    id: str
    kind: Literal["category_size", "named"]
    label: Localized | None = None  # named groups; the default one is described by its class
    finess: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label.model_dump() if self.label else None,
            "finess": list(self.finess) or None,
        }


SAME_CLASS = PeerGroup(DEFAULT_GROUP, "category_size")


def peers_path(queries_dir: Path) -> Path:
    return queries_dir / "national" / "peers.yaml"


def load_peer_groups(queries_dir: Path) -> tuple[dict[str, PeerGroup], list[DefinitionError]]:
    """The default group and the named ones (a missing file simply names none)."""
    path = peers_path(queries_dir)
    groups = {SAME_CLASS.id: SAME_CLASS}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return groups, []
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return groups, [DefinitionError(path, "(yaml)", str(exc).replace("\n", " "))]
    try:
        parsed = PeersFile.model_validate(raw or {})
    except ValidationError as exc:
        return groups, [
            DefinitionError(path, ".".join(map(str, e["loc"])) or "(file)", e["msg"])
            for e in exc.errors()
        ]
    errors = []
    for group in parsed.groups:
        if group.id in groups:
            errors.append(DefinitionError(path, f"groups[{group.id}]", "defined twice"))
            continue
        groups[group.id] = PeerGroup(group.id, "named", group.label, tuple(group.finess))
    return groups, errors
