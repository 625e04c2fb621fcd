"""Checks on what the model returned, before any of it is used: known metric, well-formed
draft, no SQL or instructions in the free-text fields, a period inside the data. Each failure
is a `Rejected` with a short reason code for the log (never the question's text)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from cockpit.periods import Period, PeriodError, last_complete_month

# A field that names a place never holds code, comments or orders to the model.
_SUSPICIOUS = re.compile(
    r"[;`{}<>=]|--|/\*|\b(?:select|insert|update|delete|drop|alter|union|truncate|create|"
    r"exec|from\s+\w+\s+where|ignore|instructions?|prompt|system)\b",
    re.IGNORECASE,
)


class Rejected(Exception):
    """The model's output is not used; `reason` is a short code for the log."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def parse_draft(output: dict[str, Any], schema: type[BaseModel], metric_ids: set[str]):
    """The validated draft from `with_structured_output(..., include_raw=True)`'s output."""
    parsed = output.get("parsed")
    if parsed is not None and output.get("parsing_error") is None:
        return parsed
    calls = getattr(output.get("raw"), "tool_calls", None) or []
    if not calls:
        raise Rejected("no_tool_call", "the model answered in prose")
    args = calls[0].get("args")
    if not isinstance(args, dict):
        raise Rejected("malformed_output", "tool arguments are not an object")
    metric = args.get("metric")
    if metric is not None and metric not in metric_ids:
        raise Rejected("unknown_metric", str(metric)[:40])
    try:
        return schema.model_validate(args)
    except ValidationError as exc:
        fields = ", ".join(".".join(map(str, e["loc"])) for e in exc.errors()[:3])
        raise Rejected("malformed_output", fields) from None


def check_free_text(draft) -> None:
    """Filter words are the only free text: refuse SQL or instructions smuggled there."""
    for item in draft.filters:
        if _SUSPICIOUS.search(item.words):
            raise Rejected("suspicious_field", f"filters.{item.dimension}")


def model_period(draft_period, today: date, first_month: date | None) -> Period:
    """A period the model read: well-formed, not in the future, not before the data."""
    try:
        period = Period.parse(draft_period.start, draft_period.end)
    except (PeriodError, ValueError) as exc:
        raise Rejected("invalid_period", str(exc)) from None
    if period.end > last_complete_month(today):
        raise Rejected("future_period", f"{period.end:%Y-%m}")
    if first_month is not None and period.start < first_month:
        raise Rejected("period_before_data", f"{period.start:%Y-%m}")
    return period
