"""LLMPlanner: the chat model chooses the metric and the dimensions; deterministic code does
the rest (refusals first, periods, entity resolution, validation) and falls back to the
offline planner whenever the model's output cannot be trusted, logging why."""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import date
from typing import Any

from cockpit.config import DEFAULT_LLM_TIMEOUT_S
from cockpit.engine import Perimeter, QueryError, QueryPlan, UnknownMetric
from cockpit.nl.llm.checks import Rejected, check_free_text, model_period, parse_draft
from cockpit.nl.llm.entities import EntityResolver, Resolution, words_in_question
from cockpit.nl.llm.grounding import names_something
from cockpit.nl.llm.prompt import dimension_names, messages, system_prompt
from cockpit.nl.llm.schema import draft_schema
from cockpit.nl.planner import (
    Clarification,
    OfflinePlanner,
    Parts,
    Planned,
    Refusal,
)
from cockpit.periods import default_period

log = logging.getLogger(__name__)

CONSULT = ("always", "when_unsure")
# Calls that outlive their timeout finish in the background; a few workers are enough.
_CALLS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="cockpit-llm")


def offline_is_sure(parts: Parts) -> bool:
    """One metric named by the catalog's words and every place named known."""
    return parts.metric is not None and not parts.candidates and not parts.unknown


class LLMPlanner:
    """A `Planner` over a LangChain chat model (anything with `with_structured_output`).

    consult="always" asks the model for every answerable question; "when_unsure" only when
    the offline planner found no single metric or an unknown place.
    """

    def __init__(
        self,
        engine,
        model: Any,
        *,
        consult: str = "always",
        timeout_s: float = DEFAULT_LLM_TIMEOUT_S,
    ):
        if consult not in CONSULT:
            raise ValueError(f"consult must be one of {', '.join(CONSULT)}, not {consult!r}")
        self.engine = engine
        self.model = model
        self.offline = OfflinePlanner(engine)
        self.resolver = EntityResolver(engine, self.offline)
        self.consult = consult
        self.timeout_s = timeout_s
        self._bound: tuple[tuple, Any] | None = None

    def bound(self) -> tuple[type, Any, str]:
        """(draft schema, structured model, system prompt) for the catalog as it is now: an
        analyst's new metric file is offered to the model with no restart."""
        metrics = self.engine.metrics()
        system = system_prompt(metrics, dimension_names(self.engine))
        key = (system, tuple((m.id, tuple(m.dimensions)) for m in metrics))
        if self._bound is None or self._bound[0] != key:
            schema = draft_schema(metrics, self.engine.catalog.dimensions.names)
            structured = self.model.with_structured_output(
                schema, method="function_calling", include_raw=True
            )
            self._bound = (key, (schema, structured, system))
        return self._bound[1]

    def plan(
        self, question: str, today: date, perimeter: Perimeter, previous: QueryPlan | None = None
    ) -> Planned | Clarification | Refusal:
        parts = self.offline.parse(question, today, perimeter)
        if parts.refusal or (previous is not None and parts.metric is None):
            # refusals stand, and a follow-up only changes what it says: no model needed
            return self.offline.plan(question, today, perimeter, previous)
        if self.consult == "when_unsure" and offline_is_sure(parts):
            return self._offline(parts, question, today, perimeter, previous)
        if not names_something(parts):
            # « quel est le taux en pédiatrie ? »: the offline planner asks back which one
            return self._offline(parts, question, today, perimeter, previous)
        started = time.perf_counter()
        try:
            outcome = self.compose(self.draft(question, today), parts, question, today)
        except Rejected as exc:
            log.warning("LLM plan not used (%s); offline planner answers", exc)
            return self._offline(parts, question, today, perimeter, previous)
        log.info("LLM plan %s in %.1f s", type(outcome).__name__, time.perf_counter() - started)
        return outcome

    def _offline(self, parts: Parts, question, today, perimeter, previous):
        """The offline planner's outcome, from the question already parsed when it can."""
        if previous is None:  # a follow-up is parsed with its context
            return self.offline.decide(parts, today)
        return self.offline.plan(question, today, perimeter, previous)

    def draft(self, question: str, today: date):
        """The model's validated draft, or Rejected (timeout, provider error, bad output)."""
        schema, structured, system = self.bound()
        call = _CALLS.submit(structured.invoke, messages(system, question, today))
        try:
            output = call.result(timeout=self.timeout_s)
        except FutureTimeout:
            call.cancel()
            raise Rejected("timeout", f"no answer in {self.timeout_s:g} s") from None
        except Exception as exc:  # any provider or transport failure means: do without it
            raise Rejected("provider_error", type(exc).__name__) from None
        return parse_draft(output, schema, {m.id for m in self.engine.metrics()})

    def compose(self, draft, parts: Parts, question: str, today: date) -> Planned | Clarification:
        """The plan from the model's choices and the deterministic parts of the question."""
        if draft.metric is None:
            raise Rejected("no_metric", "the model found no indicator")
        try:
            metric = self.engine.metric(draft.metric)
        except UnknownMetric:  # removed from the catalog since the model was asked
            raise Rejected("unknown_metric", draft.metric) from None
        check_free_text(draft)
        filters = dict(parts.filters)
        for item in draft.filters:
            if not words_in_question(item.words, question):
                raise Rejected("invented_value", f"filters.{item.dimension}")
            found = self.resolver.resolve(item.words, item.dimension, metric.dimensions, today)
            if found.value is None:
                return self.ask_back(found, parts.lang)
            filters.setdefault(found.dimension, found.value)
        period = parts.period
        if period is None and draft.period is not None:
            span = self.engine.months_available()
            period = model_period(draft.period, today, span[0] if span else None)
        rank = getattr(parts, "rank", None) or draft.rank
        plan = QueryPlan.build(
            metric.id,
            period or default_period(parts.grain or draft.grain, today),
            grain=parts.grain or draft.grain,
            filters=filters,
            group_by=parts.group_by or draft.group_by,
            compare=parts.compare or draft.compare,
            rank=rank.model_dump() if hasattr(rank, "model_dump") else rank,
        )
        try:
            self.engine.validate(plan, Perimeter.everything())
        except QueryError as exc:
            raise Rejected("invalid_plan", exc.code) from None
        return Planned(plan, parts.lang, period is not None)

    def ask_back(self, found: Resolution, lang: str) -> Clarification:
        """An unknown place or staff name: say so, with the close names, never guess."""
        registry = self.engine.catalog.dimensions
        known = found.dimension in registry
        kind = registry[found.dimension].plural_label(lang) if known else found.dimension
        if lang == "fr":
            text = f"Je ne trouve pas « {found.words} » parmi les {kind}."
            if found.close:
                text += f" Voulez-vous dire : {' ou '.join(found.close)} ?"
        else:
            text = f"I cannot find '{found.words}' among the {kind}."
            if found.close:
                text += f" Do you mean: {' or '.join(found.close)}?"
        return Clarification(text, [], lang)
