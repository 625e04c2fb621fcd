"""Which planner answers a question: `offline`, `llm` or `auto` (LLM when configured).

The offline planner needs nothing; the LLM planner needs `COCKPIT_LLM` (see config) and the
`llm` extra. `auto` with the LLM consults the model only when the offline planner is unsure.
"""

from __future__ import annotations

import logging
import os

from cockpit import config
from cockpit.nl.planner import OfflinePlanner, Planner

PLANNER_CHOICES = ("offline", "llm", "auto")

log = logging.getLogger(__name__)


class PlannerUnavailable(RuntimeError):
    """The planner asked for cannot run here; the message says what is missing."""


def planner_for(engine, choice: str | None = None) -> Planner:
    """The planner for `choice` (default: `COCKPIT_PLANNER`, else auto)."""
    choice = (choice or os.environ.get("COCKPIT_PLANNER") or "auto").strip().lower()
    if choice not in PLANNER_CHOICES:
        raise PlannerUnavailable(
            f"unknown planner {choice!r} (choose one of {', '.join(PLANNER_CHOICES)})"
        )
    if choice == "offline":
        return OfflinePlanner(engine)
    try:
        return _llm_planner(engine, consult="always" if choice == "llm" else "when_unsure")
    except PlannerUnavailable as exc:
        if choice == "llm":
            raise
        if config.llm_is_requested():
            # the app keeps answering; whoever set COCKPIT_LLM reads why it is not used
            log.warning("LLM planner unavailable, offline planner answers: %s", exc)
        return OfflinePlanner(engine)


def _llm_planner(engine, consult: str) -> Planner:
    try:
        settings = config.llm_settings()
    except config.ConfigError as exc:
        raise PlannerUnavailable(str(exc)) from None
    if settings is None:
        raise PlannerUnavailable(
            "no LLM is configured: set COCKPIT_LLM=openai:MODEL (with COCKPIT_LLM_BASE_URL "
            "for a local server) or mistralai:MODEL"
        )
    from cockpit.nl.llm.model import LLMUnavailable, chat_model
    from cockpit.nl.llm.planner import LLMPlanner

    try:
        model = chat_model(settings)
    except LLMUnavailable as exc:
        raise PlannerUnavailable(str(exc)) from None
    return LLMPlanner(engine, model, consult=consult, timeout_s=settings.timeout_s)
