"""The Question screen through the real Flask app on the demo hospital: its first HTML, its
callback posted as the browser posts it (logged in or not), the audit log, follow-ups,
clarification taps, perimeters and the last questions read back per user."""

from __future__ import annotations

import json

import pytest
from auth_client import (  # noqa: F401 (fast_passwords is an autouse fixture)
    SAME_ORIGIN,
    VALLOMBRE,
    add_user,
    fast_passwords,
    logged_in,
    make_app,
)

from cockpit.auth.audit_log import AuditLog
from cockpit.engine import Perimeter, QueryPlan
from cockpit.formatting import format_value
from cockpit.periods import Period
from cockpit.ui.ask.callbacks import OUTPUTS

JSON = {**SAME_ORIGIN, "Content-Type": "application/json"}
OCCUPANCY = "Quel est le taux d'occupation du pôle Chirurgie en mars 2026 ?"


@pytest.fixture
def state(tmp_path):
    state = tmp_path / "state"
    add_user(state, "dg")
    add_user(state, "chef", "pole_manager", pole="Chirurgie", establishment_id=VALLOMBRE)
    return state


@pytest.fixture
def app(demo_warehouse, state):
    return make_app(demo_warehouse, state)


@pytest.fixture
def engine(app):
    return app.extensions["cockpit_engine"]


def _march() -> Period:
    return Period.parse("2026-03")


def ask(client, *, typed=None, trigger="enter", context=None, choices=None, picks=None):
    """POST the screen's callback as dash-renderer does after a user action."""
    picks = picks or {}
    options = (choices or {}).get("choices") or []
    clicked = {"submit": None, "enter": None, "new": None}
    if trigger in clicked:
        clicked[trigger] = 1
    inputs = [
        {"id": "ask-submit", "property": "n_clicks", "value": clicked["submit"]},
        {"id": "ask-input", "property": "n_submit", "value": clicked["enter"]},
        {"id": "ask-new", "property": "n_clicks", "value": clicked["new"]},
        [
            {
                "id": {"type": "ask-pick", "index": k},
                "property": "n_clicks",
                "value": 1 if trigger == ("pick", k) else None,
            }
            for k in picks
        ],
        [
            {
                "id": {"type": "ask-choice", "index": i},
                "property": "n_clicks",
                "value": 1 if trigger == ("choice", i) else None,
            }
            for i in range(len(options))
        ],
    ]
    if isinstance(trigger, tuple):
        kind = {"pick": "ask-pick", "choice": "ask-choice"}[trigger[0]]
        changed = json.dumps({"index": trigger[1], "type": kind}, separators=(",", ":"))
        changed += ".n_clicks"
    else:
        changed = {
            "submit": "ask-submit.n_clicks",
            "enter": "ask-input.n_submit",
            "new": "ask-new.n_clicks",
        }[trigger]
    outputs = [{"id": o.component_id, "property": o.component_property} for o in OUTPUTS.values()]
    body = {
        "output": "...".join(f"{o['id']}.{o['property']}" for o in outputs).join(["..", ".."]),
        "outputs": outputs,
        "inputs": inputs,
        "state": [
            {"id": "ask-input", "property": "value", "value": typed},
            {"id": "ask-context", "property": "data", "value": context},
            {"id": "ask-choices", "property": "data", "value": choices},
            {"id": "ask-picks", "property": "data", "value": picks},
        ],
        "changedPropIds": [changed],
    }
    return client.post("/_dash-update-component", data=json.dumps(body), headers=JSON)


def screen(response) -> dict:
    """The callback's outputs by name ('answer', 'context'…), the answer card as text."""
    assert response.status_code == 200, response.get_data(as_text=True)[:800]
    by_id = response.get_json()["response"]
    found = {}
    for name, output in OUTPUTS.items():
        props = by_id.get(output.component_id, {})
        if output.component_property in props:
            found[name] = props[output.component_property]
    if found.get("answer") is not None:
        found["text"] = json.dumps(found["answer"], ensure_ascii=False)
    return found


def visible(text: str) -> str:
    return " ".join(text.replace("\\u00a0", " ").replace("\\u202f", " ").split())


def shown(engine, metric_id: str, value) -> str:
    metric = engine.metric(metric_id)
    return visible(format_value(value, metric.format, metric.unit, "fr"))


def test_an_anonymous_callback_is_refused_and_nothing_is_audited(app, state):
    response = ask(app.test_client(), typed=OCCUPANCY)
    assert response.status_code == 401
    assert AuditLog(state).read(event="question") == []


def test_the_first_html_paints_the_box_the_examples_and_no_answer(app):
    page = logged_in(app, "dg").get("/question").get_data(as_text=True)
    assert 'class="dash-input-container ask-input"' in page and 'list="ask-metrics"' in page
    assert page.count('class="ask-example"') == 4 and "<option value=" in page
    assert 'class="panel ask-card' not in page and "dash_renderer" in page


def test_a_typed_question_gets_the_engines_figure_and_is_audited(app, engine, state):
    result = screen(ask(logged_in(app, "dg"), typed=OCCUPANCY))
    plan = QueryPlan.build("bed_occupancy_rate", _march(), filters={"pole": "Chirurgie"})
    expected = engine.run(plan, Perimeter.everything())
    text = visible(result["text"])
    assert shown(engine, "bed_occupancy_rate", expected.value) in text
    assert "Comment c'est calculé" in text and "f.pole = 'Chirurgie'" in text
    assert result["context"]["plan"] == plan.as_json() and result["hidden"] is False
    assert result["input"] == "" and "Chirurgie" in result["followup"]
    [event] = AuditLog(state).read(event="question")
    assert (event.username, event.details["question"]) == ("dg", OCCUPANCY)
    assert event.details["status"] == "answered" and event.details["source"] == "app"
    assert event.details["context"] is None


def test_a_follow_up_keeps_the_previous_plan_and_changes_what_it_says(app, engine, state):
    client = logged_in(app, "dg")
    first = screen(ask(client, typed=OCCUPANCY))
    second = screen(ask(client, typed="et pour la Médecine ?", context=first["context"]))
    plan = QueryPlan.build("bed_occupancy_rate", _march(), filters={"pole": "Médecine"})
    assert second["context"]["plan"] == plan.as_json()
    value = engine.run(plan, Perimeter.everything()).value
    assert shown(engine, "bed_occupancy_rate", value) in visible(second["text"])
    event = AuditLog(state).read(event="question")[-1]
    assert event.details["context"] == first["context"]["plan"]


def test_a_whole_question_asked_during_a_follow_up_is_recorded_without_context(app, state):
    client = logged_in(app, "dg")
    first = screen(ask(client, typed=OCCUPANCY))
    screen(ask(client, typed="Combien d'entrées en mars 2026 ?", context=first["context"]))
    assert AuditLog(state).read(event="question")[-1].details["context"] is None


def test_new_question_clears_the_context(app):
    result = screen(ask(logged_in(app, "dg"), trigger="new", context={"plan": {}, "label": "x"}))
    assert result["context"] is None and result["hidden"] is True and result["answer"] is None


def test_a_clarification_offers_choices_and_a_tap_runs_its_plan(app, engine, state):
    client = logged_in(app, "dg")
    asked = screen(ask(client, typed="Quel est le taux en mars 2026 ?"))
    choices = asked["choices"]["choices"]
    assert len(choices) > 1 and asked["text"].count('"type": "ask-choice"') == len(choices)
    index = next(i for i, c in enumerate(choices) if c["metric"] == "bed_occupancy_rate")
    tapped = screen(ask(client, trigger=("choice", index), choices=asked["choices"]))
    plan = QueryPlan.from_json(choices[index]["plan"])
    value = engine.run(plan, Perimeter.everything()).value
    assert shown(engine, "bed_occupancy_rate", value) in visible(tapped["text"])
    event = AuditLog(state).read(event="question")[-1]
    assert event.details["question"] == "Quel est le taux en mars 2026 ?"
    assert event.details["choice"] == "bed_occupancy_rate"


def test_a_pole_manager_asking_about_another_pole_is_refused_on_screen(app, engine, state):
    chef = logged_in(app, "chef")
    result = screen(ask(chef, typed="Combien d'entrées au pôle Médecine en mars 2026 ?"))
    text = visible(result["text"])
    assert "Hors de votre périmètre" in text and "CH de Vallombre · Pôle Chirurgie" in text
    medicine = QueryPlan.build("admissions", _march(), filters={"pole": "Médecine"})
    figure = shown(engine, "admissions", engine.run(medicine, Perimeter.everything()).value)
    assert figure not in text and "context" not in result
    [event] = AuditLog(state).read(event="question")
    assert event.username == "chef" and event.details["status"] == "refused"


def test_tampered_context_gets_a_clear_notice_not_a_server_error(app):
    bad = {"plan": {"metric": "admissions", "period": {"start": "2026-13"}}, "label": "x"}
    result = screen(ask(logged_in(app, "dg"), typed="et pour la Médecine ?", context=bad))
    assert "n'est plus valable" in result["text"]
    assert result["context"] is None


def test_last_questions_are_per_user_newest_first_once_each_without_refusals(app, state):
    dg, chef = logged_in(app, "dg"), logged_in(app, "chef")
    again = "  quel est le TAUX d'occupation du pôle Chirurgie en mars 2026 ?"
    for question in (
        OCCUPANCY,
        "Combien d'entrées en mars 2026 ?",
        again,
        "Raconte-moi une blague",
    ):
        screen(ask(dg, typed=question))
    screen(ask(chef, typed="Combien d'entrées au pôle Médecine en mars 2026 ?"))
    assert AuditLog(state).recent_questions("dg") == [
        ("quel est le TAUX d'occupation du pôle Chirurgie en mars 2026 ?", None),
        ("Combien d'entrées en mars 2026 ?", None),
    ]
    assert AuditLog(state).recent_questions("chef") == []
    page = dg.get("/question").get_data(as_text=True)
    assert page.index("quel est le TAUX") < page.index("Combien d'entrées en mars 2026 ?")


def test_a_tapped_last_question_is_asked_again_with_its_context(app, engine):
    client = logged_in(app, "dg")
    first = screen(ask(client, typed=OCCUPANCY))
    follow = screen(ask(client, typed="et pour la Médecine ?", context=first["context"]))
    entry = next(k for k, v in follow["picks"].items() if v["question"] == "et pour la Médecine ?")
    assert follow["picks"][entry]["context"] == first["context"]["plan"]
    assert "Suite de" in json.dumps(follow["history"], ensure_ascii=False)
    again = screen(ask(client, trigger=("pick", entry), picks=follow["picks"]))
    assert again["context"]["plan"] == follow["context"]["plan"]
