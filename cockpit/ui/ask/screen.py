"""What the Question screen shows after a question (typed, dictated, tapped) or a tapped
clarification choice, posted from the page's forms: the answer card, the plan a follow-up
would build on, what stays in the text box and the user's last questions.

Runs behind the auth guard; the perimeter is the logged-in user's; every question goes
to the audit log with the plan it followed up on, if any.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dash.development.base_component import Component

from cockpit.auth import audit
from cockpit.engine import Engine, QueryError, QueryPlan, WarehouseMissing
from cockpit.nl.planners import PlannerUnavailable
from cockpit.ui.ask.asker import Asker
from cockpit.ui.ask.card import notice_card
from cockpit.ui.ask.forms import as_text
from cockpit.ui.ask.picks import followup_label, history
from cockpit.ui.i18n import current_lang, t
from cockpit.ui.ssr import to_html

MAX_QUESTION = 500


@dataclass
class Screen:
    card: Component | None = None
    context: dict[str, Any] | None = None  # the plan a follow-up builds on
    question: str = ""  # what stays in the text box
    history: list = field(default_factory=list)

    def as_json(self, engine: Engine, lang: str) -> dict[str, Any]:
        """For the page script: HTML to put in place and the values of the fields."""
        label = followup_label(engine, self.context, lang)
        return {
            "card": to_html(self.card),
            "context": as_text(self.context),
            "followup": label,
            "question": self.question,
            "placeholder": t("ask_placeholder_followup" if label else "ask_placeholder", lang),
            "history": to_html(self.history),
        }


def _plan_field(form: Mapping[str, str], name: str) -> QueryPlan | None:
    """A plan posted as JSON (the follow-up context, a tapped choice), checked for shape."""
    text = (form.get(name) or "").strip()
    if not text:
        return None
    try:
        return QueryPlan.from_json(json.loads(text))
    except ValueError as exc:  # JSONDecodeError and QueryError are both ValueErrors
        raise QueryError(f"{name}: {exc}") from None


def _ask(engine: Engine, form: Mapping[str, str]) -> Screen:
    asker = Asker(engine)
    previous = _plan_field(form, "context")
    choice = _plan_field(form, "choice")
    question = " ".join(str(form.get("question") or form.get("asked") or "").split())
    question = question[:MAX_QUESTION]
    if choice is not None:
        answer = asker.choice(choice)
        audit(
            "question",
            question=question,
            choice=choice.metric,
            status=answer["status"],
            metric=answer.get("metric"),
            source="app",
        )
    elif question:
        answer, built_on = asker.question(question, previous)
        audit(
            "question",
            question=question,
            context=built_on.as_json() if built_on else None,
            status=answer["status"],
            metric=answer.get("metric"),
            source="app",
        )
    else:
        return Screen(context=previous.as_json() if previous else None)
    kept = asker.context_of(answer) or (previous.as_json() if previous else None)
    return Screen(
        card=asker.card(answer, question),
        context=kept,
        question="" if answer["status"] == "answered" else question,
    )


def respond(engine: Engine, form: Mapping[str, str]) -> Screen:
    """The screen after a post; bad input gets a notice, never an error page."""
    lang = current_lang()
    try:
        screen = _ask(engine, form)
    except PlannerUnavailable as exc:
        screen = Screen(card=notice_card(t("ask_unavailable", lang, reason=exc)))
    except WarehouseMissing:
        screen = Screen(card=notice_card(t("no_warehouse", lang)))
    except QueryError:  # a context or choice that no longer makes a plan
        screen = Screen(card=notice_card(t("ask_bad_context", lang)))
    screen.history = history(engine, lang)
    return screen
