"""Red/amber/green status of a figure from its metric's direction and thresholds.

Thresholds come from the `targets` extract (per establishment, pole, year or
month) or, failing that, from the definition's defaults. Monthly flow targets
scale with the number of months a figure covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["green", "amber", "red"]


@dataclass(frozen=True)
class Threshold:
    target: float | None
    amber: float | None
    red: float | None

    def scaled(self, factor: float) -> Threshold:
        def scale(x: float | None) -> float | None:
            return None if x is None else x * factor

        return Threshold(scale(self.target), scale(self.amber), scale(self.red))

    def plus(self, other: Threshold) -> Threshold:
        def add(a: float | None, b: float | None) -> float | None:
            return None if a is None or b is None else a + b

        return Threshold(
            add(self.target, other.target), add(self.amber, other.amber), add(self.red, other.red)
        )


def status_of(value: float | None, direction: str, threshold: Threshold | None) -> Status | None:
    """green/amber/red, or None when there is no value or nothing to compare with."""
    if value is None or threshold is None:
        return None
    amber, red = threshold.amber, threshold.red
    if direction == "target_band":
        if threshold.target is None or amber is None:
            return None
        gap = abs(value - threshold.target)
        if gap <= amber:
            return "green"
        return "amber" if red is None or gap <= red else "red"
    if amber is None and red is None:
        return None
    if direction == "higher_is_better":
        if amber is not None and value >= amber:
            return "green"
        if red is None or value >= red:
            return "amber" if amber is not None else "green"
        return "red"
    if amber is not None and value <= amber:
        return "green"
    if red is None or value <= red:
        return "amber" if amber is not None else "green"
    return "red"
