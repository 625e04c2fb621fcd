"""The fixed seed of the demo and the independent random streams drawn from it.

Streams are keyed by integers only (never by `hash()` of a string), so every run
in every process draws the same numbers.
"""

from __future__ import annotations

import numpy as np

SEED = 20_260_115
STREAMS = {"towns": 0, "structure": 1, "activity": 2, "hr": 3, "finance": 4, "treasury": 5}


def stream(name: str, key: int = 0) -> np.random.Generator:
    """The random stream `name` of establishment `key`."""
    return np.random.default_rng([SEED, STREAMS[name], key])
