"""Questions asked by a tap: the examples written from the catalog and the user's last
questions, read back from the audit log with the plan a follow-up built on, so a tap on
« et pour la Médecine ? » asks it again in the same context."""

from __future__ import annotations

from typing import Any

from dash import html

from cockpit.auth import recent_questions
from cockpit.engine import Engine, Perimeter, QueryError
from cockpit.ui.ask.card import context_label
from cockpit.ui.ask.examples import example_questions
from cockpit.ui.ask.forms import asking_button
from cockpit.ui.ask.how import answer_period
from cockpit.ui.i18n import t

RECENT = 6


def followup_label(engine: Engine, plan: dict[str, Any] | None, lang: str) -> str | None:
    """« Taux d'occupation des lits · Chirurgie · Mars 2026 » for a plan, or None."""
    if not plan:
        return None
    try:
        metric, period = engine.metric(plan["metric"]), answer_period(plan, lang)
        return context_label(plan, metric, lang, period, engine.catalog.dimensions)
    except (QueryError, KeyError, TypeError, ValueError):  # a metric since removed, an odd plan
        return None


def examples(engine: Engine, perimeter: Perimeter, lang: str) -> list[html.Form]:
    return [
        asking_button(q, "ask-example", question=q)
        for q in example_questions(engine, perimeter, lang)
    ]


def history(engine: Engine, lang: str) -> list:
    """The user's last questions, newest first; a follow-up says what it followed."""
    items = []
    for question, context in recent_questions(RECENT):
        label = followup_label(engine, context, lang)
        body = [question, html.Span(f"{t('ask_followup', lang)} {label}", className="ask-note")]
        shown = body if label else question
        items.append(asking_button(shown, "ask-recent-item", question=question, context=context))
    return items or [html.P(t("ask_recent_none", lang), className="muted")]
