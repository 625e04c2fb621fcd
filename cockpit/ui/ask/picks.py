"""Questions asked by a tap: the examples and the user's last questions.

Each is a button (pattern-matching id `{"type": PICK, "index": …}`) and an entry of the
page's `ask-picks` store: the question and, for a follow-up, the plan it built on, so a
tap on « et pour la Médecine ? » asks it again with the same context.
"""

from __future__ import annotations

from typing import Any

from dash import html

from cockpit.auth import recent_questions
from cockpit.engine import Engine, QueryError
from cockpit.ui.ask.card import context_label
from cockpit.ui.ask.how import answer_period
from cockpit.ui.i18n import t

PICK = "ask-pick"
RECENT = 6
Asked = tuple[str, dict[str, Any] | None]  # (question, context plan JSON or None)


def followup_note(engine: Engine, plan: dict[str, Any] | None, lang: str) -> str | None:
    """« Suite de : Taux d'occupation des lits · Chirurgie · Mars 2026 », or None."""
    if not plan:
        return None
    try:
        metric = engine.metric(plan["metric"])
        label = context_label(plan, metric, lang, answer_period(plan, lang))
    except (QueryError, KeyError, TypeError, ValueError):  # a metric since removed, an odd plan
        return None
    return f"{t('ask_followup', lang)} {label}"


def pick_buttons(
    engine: Engine, asked: list[Asked], prefix: str, css: str, lang: str
) -> tuple[list[html.Button], dict[str, dict[str, Any]]]:
    """(buttons, store entries) for questions asked by a tap."""
    buttons, entries = [], {}
    for i, (question, context) in enumerate(asked):
        index = f"{prefix}{i}"
        entries[index] = {"question": question, "context": context}
        note = followup_note(engine, context, lang)
        content = [question, html.Span(note, className="ask-pick-note")] if note else question
        buttons.append(
            html.Button(content, id={"type": PICK, "index": index}, className=css, type="button")
        )
    return buttons, entries


def history(engine: Engine, lang: str) -> tuple[list, dict[str, dict[str, Any]]]:
    """The user's last questions (read back from the audit log), newest first."""
    buttons, entries = pick_buttons(engine, recent_questions(RECENT), "r", "ask-recent-item", lang)
    if not buttons:
        return [html.P(t("ask_recent_none", lang), className="muted")], {}
    return buttons, entries
