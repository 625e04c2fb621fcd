"""The demo hospital: the GHT « Vallée de l'Ombre » of SPEC §7 and larger synthetic groups.

`write_demo(out, establishments)` generates the six extracts deterministically.
"""

from __future__ import annotations

from pathlib import Path

from cockpit.demo.generate import generate
from cockpit.demo.writer import write_extracts


def write_demo(out: Path, establishments: int = 2) -> dict[str, int]:
    """Write structure/activity/hr/finance/treasury/targets CSVs; returns rows per file."""
    tables, vocab = generate(establishments)
    return write_extracts(tables, vocab, Path(out))
