"""Which extract a file is, recognised from its header row (file names are not trusted).

Headers are compared case- and accent-insensitively, whitespace-trimmed, with
the French aliases of each contract.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from cockpit.contracts import CONTRACTS, Contract


def normalise_header(name: str) -> str:
    """'  Période ' → 'periode'; 'Réalisé EUR' → 'realise_eur'."""
    decomposed = unicodedata.normalize("NFKD", name.replace("\ufeff", "").strip())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-.]+", "_", ascii_only.lower()).strip("_")


def _aliases(contract: Contract) -> dict[str, str]:
    aliases = {normalise_header(k): v for k, v in contract.french_headers.items()}
    aliases.update({name: name for name in contract.names})
    return aliases


@dataclass
class HeaderMatch:
    """How the columns of one file map onto one contract."""

    contract: Contract
    # canonical column -> position of the source column holding it
    positions: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # source headers not in the contract
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # (canonical, h1, h2)

    @property
    def missing(self) -> list[str]:
        missing = [c for c in self.contract.required if c not in self.positions]
        if self.contract.kind == "targets" and not {"period", "year"} & self.positions.keys():
            missing.append("period or year")
        return missing

    def names(self, width: int) -> list[str | None]:
        """Canonical name for each source position, None for ignored columns."""
        by_position: list[str | None] = [None] * width
        for canonical, position in self.positions.items():
            by_position[position] = canonical
        return by_position


def match_contract(headers: list[str], contract: Contract) -> HeaderMatch:
    aliases = _aliases(contract)
    match = HeaderMatch(contract)
    for position, header in enumerate(headers):
        canonical = aliases.get(normalise_header(header))
        if canonical is None:
            match.ignored.append(header)
        elif canonical in match.positions:
            first = headers[match.positions[canonical]]
            match.duplicates.append((canonical, first, header))
        else:
            match.positions[canonical] = position
    return match


class UnknownExtract(ValueError):
    """The header row fits no contract well enough to name the missing columns."""


def detect_kind(headers: list[str]) -> HeaderMatch:
    """The contract whose columns the headers carry.

    A complete match wins (the one using most columns, if several); otherwise
    the contract most nearly matched is returned so that the caller can name
    its missing columns, provided at least half of them are there.
    """
    matches = [match_contract(headers, c) for c in CONTRACTS.values()]
    complete = [m for m in matches if not m.missing]
    if complete:
        return max(complete, key=lambda m: len(m.positions))

    def coverage(m: HeaderMatch) -> float:
        required = len(m.contract.required) or 1
        return (len(m.contract.required) - len(m.missing)) / required

    best = max(matches, key=coverage)
    if coverage(best) >= 0.5:
        return best
    expected = "; ".join(f"{c.kind}: {', '.join(c.required)}" for c in CONTRACTS.values())
    shown = ", ".join(headers) or "(no header)"
    raise UnknownExtract(
        f"cannot tell which extract this is from its columns ({shown}). "
        f"Expected the columns of one of — {expected}"
    )
