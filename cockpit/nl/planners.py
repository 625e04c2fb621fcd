"""Which planner answers a question: `offline`, `llm` or `auto` (LLM when configured).

The offline planner needs nothing; the LLM planner needs `COCKPIT_LLM` (see config).
"""

from __future__ import annotations

import os

from cockpit.nl.planner import OfflinePlanner, Planner

PLANNER_CHOICES = ("offline", "llm", "auto")


class PlannerUnavailable(RuntimeError):
    """The planner asked for cannot run here; the message says what is missing."""


def planner_for(engine, choice: str | None = None) -> Planner:
    """The planner for `choice` (default: `COCKPIT_PLANNER`, else auto)."""
    choice = (choice or os.environ.get("COCKPIT_PLANNER") or "auto").strip().lower()
    if choice not in PLANNER_CHOICES:
        raise PlannerUnavailable(
            f"unknown planner {choice!r} (choose one of {', '.join(PLANNER_CHOICES)})"
        )
    if choice == "llm":
        raise PlannerUnavailable("no LLM planner is configured: set COCKPIT_LLM")
    return OfflinePlanner(engine)
