"""The Question screen's one callback: a question (typed, dictated, tapped) or a tapped
clarification choice → the question pipeline → the answer card and the new screen state.

Runs behind the auth guard like every Dash callback; the perimeter is the logged-in
user's, every question goes to the audit log (with the plan a follow-up built on), and
the previous answer's plan travels in the page (`ask-context`), so a follow-up changes
only what it says.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from cockpit.auth import audit
from cockpit.engine import Engine, QueryError, QueryPlan, WarehouseMissing
from cockpit.nl.planners import PlannerUnavailable
from cockpit.ui.ask.asker import Asker
from cockpit.ui.ask.card import CHOICE, notice_card
from cockpit.ui.ask.picks import PICK, history
from cockpit.ui.components.raw_html import islands
from cockpit.ui.i18n import current_lang, t

MAX_QUESTION = 500
OUTPUTS = {
    "answer": Output("ask-answer", "children"),
    "context": Output("ask-context", "data"),
    "choices": Output("ask-choices", "data"),
    "input": Output("ask-input", "value"),
    "placeholder": Output("ask-input", "placeholder"),
    "followup": Output("ask-followup-text", "children"),
    "hidden": Output("ask-followup", "hidden"),
    "history": Output("ask-history", "children"),
    "picks": Output("ask-picks", "data"),
}


def _triggered() -> Any:
    """The id of what the user did; a matching button merely appearing (no clicks) is nothing."""
    if ctx.triggered_id is None or not any(item.get("value") for item in ctx.triggered):
        raise PreventUpdate
    return ctx.triggered_id


def _cleared(lang: str) -> dict[str, Any]:
    return {
        "answer": None,
        "context": None,
        "choices": None,
        "input": "",
        "hidden": True,
        "placeholder": t("ask_placeholder", lang),
    }


def _what_was_asked(trigger, typed, context, picks) -> tuple[str, dict | None]:
    """(question, context plan JSON) of a typed question or a tapped example / last question."""
    if isinstance(trigger, dict):
        picked = (picks or {}).get(str(trigger.get("index")))
        if not picked:
            raise PreventUpdate
        return str(picked["question"]), picked.get("context")
    return typed or "", (context or {}).get("plan")


def respond(engine: Engine, trigger, typed, context, choices, picks) -> dict[str, Any]:
    """The new state of the screen, keyed like OUTPUTS (a key left out stays as it is)."""
    lang = current_lang()
    if trigger == "ask-new":
        return _cleared(lang)
    asker = Asker(engine)
    if isinstance(trigger, dict) and trigger.get("type") == CHOICE:
        items = (choices or {}).get("choices") or []
        index = trigger.get("index")
        if not isinstance(index, int) or not 0 <= index < len(items):
            raise PreventUpdate
        question = str((choices or {}).get("question") or items[index].get("label"))
        answer = asker.choice(items[index])
        audit(
            "question",
            question=question,
            choice=items[index].get("metric"),
            status=answer["status"],
            metric=answer.get("metric"),
            source="app",
        )
    else:
        question, plan = _what_was_asked(trigger, typed, context, picks)
        question = " ".join(question.split())[:MAX_QUESTION]
        if not question:
            raise PreventUpdate
        answer, built_on = asker.question(question, QueryPlan.from_json(plan) if plan else None)
        plan = built_on.as_json() if built_on else None
        audit(
            "question",
            question=question,
            context=plan,
            status=answer["status"],
            metric=answer.get("metric"),
            source="app",
        )
    recent, recent_entries = history(engine, lang)
    examples = {k: v for k, v in (picks or {}).items() if not k.startswith("r")}
    new = {
        "answer": islands(asker.card(answer, question)),
        "history": recent,
        "picks": {**examples, **recent_entries},
    }
    if answer["status"] == "clarify":
        new["choices"] = {"question": question, "choices": answer.get("choices") or []}
    kept = asker.context_of(answer)
    if kept is not None:
        new.update(
            context=kept,
            followup=kept["label"],
            hidden=False,
            input="",
            placeholder=t("ask_placeholder_followup", lang),
        )
    return new


def install_question(app: Dash, engine: Engine) -> None:
    @app.callback(
        *OUTPUTS.values(),
        Input("ask-submit", "n_clicks"),
        Input("ask-input", "n_submit"),
        Input("ask-new", "n_clicks"),
        Input({"type": PICK, "index": ALL}, "n_clicks"),
        Input({"type": CHOICE, "index": ALL}, "n_clicks"),
        State("ask-input", "value"),
        State("ask-context", "data"),
        State("ask-choices", "data"),
        State("ask-picks", "data"),
        prevent_initial_call=True,
    )
    def answer(_submit, _enter, _new, _picks, _choices, typed, context, choices, picks):
        trigger = _triggered()
        lang = current_lang()
        try:
            new = respond(engine, trigger, typed, context, choices, picks)
        except PlannerUnavailable as exc:
            new = {"answer": notice_card(t("ask_unavailable", lang, reason=exc))}
        except WarehouseMissing:
            new = {"answer": notice_card(t("no_warehouse", lang))}
        except QueryError:  # a context or choice from the page that no longer makes a plan
            new = {**_cleared(lang), "answer": notice_card(t("ask_bad_context", lang))}
        return [new.get(name, no_update) for name in OUTPUTS]
