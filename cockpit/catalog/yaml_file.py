"""Read one YAML file of `queries/` into a mapping, every error named by file and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cockpit.catalog.errors import DefinitionError

# libyaml's safe loader when PyYAML was built with it: 5× faster, so the CLI starts sooner.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_mapping(path: Path) -> tuple[dict[str, Any] | None, list[DefinitionError]]:
    """The file's fields, or None and why not (unreadable, not YAML, not a mapping)."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # nosec B506 # a safe loader (libyaml's or PyYAML's)
    except OSError as exc:
        return None, [DefinitionError(path, "(file)", exc.strerror or "cannot be read")]
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [DefinitionError(path, "(yaml)", str(exc).replace("\n", " "))]
    if not isinstance(raw, dict):
        return None, [DefinitionError(path, "(file)", "must be a YAML mapping of fields")]
    return raw, []


def validation_errors(
    path: Path, error: ValidationError, prefix: str = ""
) -> list[DefinitionError]:
    """One DefinitionError per pydantic error, its field as a dotted path."""
    found = []
    for item in error.errors():
        where = ".".join(str(part) for part in (prefix, *item["loc"]) if part != "") or "(file)"
        found.append(DefinitionError(path, where, item["msg"]))
    return found
