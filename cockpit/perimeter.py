"""The Perimeter: the rows a user may see (whole group, one establishment, one pole).

A plain value with no dependencies, so auth, the engine and every front end share it
without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Perimeter:
    """The rows a user may see. Taken from the server-side user, never from a request."""

    establishment_id: str | None = None
    pole: str | None = None

    @classmethod
    def everything(cls) -> Perimeter:
        return cls()

    @property
    def is_everything(self) -> bool:
        return self.establishment_id is None and self.pole is None

    def __str__(self) -> str:
        if self.is_everything:
            return "all establishments"
        parts = []
        if self.establishment_id:
            parts.append(f"establishment {self.establishment_id}")
        if self.pole:
            parts.append(f"pole {self.pole}")
        return ", ".join(parts)
