"""The Question screen through the real Flask app on the demo hospital: its first HTML, its
forms posted as the page script posts them (logged in or not), the audit log, follow-ups,
clarification taps, perimeters and the last questions read back per user."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from cockpit.auth.audit_log import AuditLog
from cockpit.engine import Perimeter, QueryPlan
from cockpit.formatting import format_value
from cockpit.periods import Period

JSON = {"Accept": "application/json"}
OCCUPANCY = "Quel est le taux d'occupation du pôle Chirurgie en mars 2026 ?"


@pytest.fixture
def engine(app):
    return app.extensions["cockpit_engine"]


@pytest.fixture
def log(app) -> AuditLog:
    return app.extensions["cockpit_auth"].audit_log


def _march() -> Period:
    return Period.parse("2026-03")


def ask(client, **form):
    """POST a form of the screen as its page script does (JSON back)."""
    fields = {k: v if isinstance(v, str) else json.dumps(v) for k, v in form.items() if v}
    return client.post("/question", data=fields, headers=JSON)


def screen(response) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)[:800]
    return response.get_json()


def visible(text: str) -> str:
    return " ".join(text.replace("\\u00a0", " ").replace("\\u202f", " ").split())


def shown(engine, metric_id: str, value) -> str:
    metric = engine.metric(metric_id)
    return visible(format_value(value, metric.format, metric.unit, "fr"))


class Forms(HTMLParser):
    """The forms of a piece of HTML: their fields (name → value) and their button's text."""

    def __init__(self, markup: str):
        super().__init__()
        self.found: list[dict[str, str]] = []
        self._in_button = False
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.found.append({})
        elif tag == "input" and attrs.get("name") and self.found:
            self.found[-1][attrs["name"]] = attrs.get("value") or ""
        self._in_button = self._in_button or tag == "button"

    def handle_endtag(self, tag):
        self._in_button = self._in_button and tag != "button"

    def handle_data(self, data):
        if self._in_button and self.found:
            self.found[-1]["button"] = self.found[-1].get("button", "") + data


def post_form(client, fields: dict[str, str]):
    return ask(client, **{k: v for k, v in fields.items() if k != "button"})


def test_an_anonymous_post_is_refused_and_nothing_is_audited(client, log):
    response = ask(client, question=OCCUPANCY)
    assert response.status_code == 401
    assert log.read(event="question") == []


def test_the_page_is_a_form_without_the_dash_runtime(app, log_in):
    page = log_in(app, "directeur").get("/question").get_data(as_text=True)
    assert '<form action="/question" class="ask-form" method="post" data-ask' in page
    assert 'name="question"' in page and 'list="ask-metrics"' in page
    assert '<datalist id="ask-metrics"><option value=' in page
    assert page.count('class="ask-example"') == 4 and 'class="panel ask-card' not in page
    assert "_dash-component-suites" not in page and "/assets/cockpit.js" in page


def test_a_typed_question_gets_the_engines_figure_and_is_audited(app, engine, log, log_in):
    result = screen(ask(log_in(app, "directeur"), question=OCCUPANCY))
    plan = QueryPlan.build("bed_occupancy_rate", _march(), filters={"pole": "Chirurgie"})
    expected = engine.run(plan, Perimeter.everything())
    card = visible(result["card"])
    assert shown(engine, "bed_occupancy_rate", expected.value) in card
    assert "Comment c'est calculé" in card and "f.pole = 'Chirurgie'" in card
    assert json.loads(result["context"]) == plan.as_json() and result["question"] == ""
    assert result["followup"] == "Taux d'occupation des lits · Chirurgie · Mars 2026"
    [event] = log.read(event="question")
    assert (event.username, event.details["question"]) == ("directeur", OCCUPANCY)
    assert event.details["status"] == "answered" and event.details["source"] == "app"
    assert event.details["context"] is None


def test_a_follow_up_keeps_the_previous_plan_and_changes_what_it_says(app, engine, log, log_in):
    client = log_in(app, "directeur")
    first = screen(ask(client, question=OCCUPANCY))
    second = screen(ask(client, question="et pour la Médecine ?", context=first["context"]))
    plan = QueryPlan.build("bed_occupancy_rate", _march(), filters={"pole": "Médecine"})
    assert json.loads(second["context"]) == plan.as_json()
    value = engine.run(plan, Perimeter.everything()).value
    assert shown(engine, "bed_occupancy_rate", value) in visible(second["card"])
    event = log.read(event="question")[-1]
    assert event.details["context"] == json.loads(first["context"])


def test_a_whole_question_asked_during_a_follow_up_is_recorded_without_context(app, log, log_in):
    client = log_in(app, "directeur")
    first = screen(ask(client, question=OCCUPANCY))
    screen(ask(client, question="Combien d'entrées en mars 2026 ?", context=first["context"]))
    assert log.read(event="question")[-1].details["context"] is None


def test_a_clarification_offers_choices_and_a_tap_runs_its_plan(app, engine, log, log_in):
    client = log_in(app, "directeur")
    asked = screen(ask(client, question="Quel est le taux en mars 2026 ?"))
    assert "Précisez votre question" in asked["card"] and asked["context"] == ""
    assert asked["question"] == "Quel est le taux en mars 2026 ?"
    choices = {f["button"]: f for f in Forms(asked["card"]).found}
    assert len(choices) > 1
    tapped = screen(post_form(client, choices["Taux d'occupation des lits"]))
    plan = QueryPlan.from_json(json.loads(choices["Taux d'occupation des lits"]["choice"]))
    value = engine.run(plan, Perimeter.everything()).value
    assert shown(engine, "bed_occupancy_rate", value) in visible(tapped["card"])
    event = log.read(event="question")[-1]
    assert event.details["question"] == "Quel est le taux en mars 2026 ?"
    assert event.details["choice"] == "bed_occupancy_rate"


def test_a_pole_manager_asking_about_another_pole_is_refused_on_screen(app, engine, log, log_in):
    chef = log_in(app, "chef")
    result = screen(ask(chef, question="Combien d'entrées au pôle Médecine en mars 2026 ?"))
    card = visible(result["card"])
    assert "Hors de votre périmètre" in card and "CH de Vallombre · Pôle Chirurgie" in card
    medicine = QueryPlan.build("admissions", _march(), filters={"pole": "Médecine"})
    figure = shown(engine, "admissions", engine.run(medicine, Perimeter.everything()).value)
    assert figure not in card and result["context"] == ""
    [event] = log.read(event="question")
    assert event.username == "chef" and event.details["status"] == "refused"


@pytest.mark.parametrize(
    "form",
    [
        {"question": "et pour la Médecine ?", "context": "{not json"},
        {
            "question": "et pour la Médecine ?",
            "context": {"metric": "admissions", "period": {"start": "2026-13"}},
        },
        {"choice": {"metric": "admissions"}, "asked": "Entrées ?"},
    ],
)
def test_a_broken_context_or_choice_gets_a_clear_notice_not_a_server_error(app, log, form, log_in):
    result = screen(ask(log_in(app, "directeur"), **form))
    assert "n'est plus valable" in result["card"] and result["context"] == ""
    assert log.read(event="question") == []


def test_an_empty_question_changes_nothing(app, log, log_in):
    result = screen(ask(log_in(app, "directeur"), question="   "))
    assert result["card"] == "" and log.read(event="question") == []


def test_last_questions_are_per_user_newest_first_once_each_without_refusals(app, log, log_in):
    dg, chef = log_in(app, "directeur"), log_in(app, "chef")
    again = "  quel est le TAUX d'occupation du pôle Chirurgie en mars 2026 ?"
    for question in (
        OCCUPANCY,
        "Combien d'entrées en mars 2026 ?",
        again,
        "Raconte-moi une blague",
    ):
        last = screen(ask(dg, question=question))
    screen(ask(chef, question="Combien d'entrées au pôle Médecine en mars 2026 ?"))
    newest = [
        "quel est le TAUX d'occupation du pôle Chirurgie en mars 2026 ?",
        "Combien d'entrées en mars 2026 ?",
    ]
    assert log.recent_questions("directeur") == [(q, None) for q in newest]
    assert [f["question"] for f in Forms(last["history"]).found] == newest
    assert log.recent_questions("chef") == []
    page = dg.get("/question").get_data(as_text=True)
    assert page.index("quel est le TAUX") < page.index("Combien d'entrées en mars 2026 ?")


def test_a_tapped_last_question_is_asked_again_with_its_context(app, log_in):
    client = log_in(app, "directeur")
    first = screen(ask(client, question=OCCUPANCY))
    follow = screen(ask(client, question="et pour la Médecine ?", context=first["context"]))
    entry = next(f for f in Forms(follow["history"]).found if f["question"].startswith("et pour"))
    assert json.loads(entry["context"]) == json.loads(first["context"])
    assert "Suite de : Taux d'occupation des lits · Chirurgie · Mars 2026" in entry["button"]
    again = screen(post_form(client, entry))
    assert json.loads(again["context"]) == json.loads(follow["context"])


def test_without_the_page_script_a_post_gets_the_page_with_the_answer(app, engine, log_in):
    client = log_in(app, "directeur")
    response = client.post("/question", data={"question": OCCUPANCY})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "_dash-component-suites" not in page
    plan = QueryPlan.build("bed_occupancy_rate", _march(), filters={"pole": "Chirurgie"})
    value = engine.run(plan, Perimeter.everything()).value
    assert shown(engine, "bed_occupancy_rate", value) in visible(page)
    (main,) = [f for f in Forms(page).found if "context" in f and "question" in f]
    assert json.loads(main["context"]) == plan.as_json()


def test_a_last_question_whose_context_was_too_long_to_keep_is_left_out(tmp_path):
    log = AuditLog(tmp_path)
    huge = {"metric": "admissions", "filters": {"service": "x" * 600}}
    log.record(
        "question", username="dg", question="et pour la Médecine ?", context=huge, status="answered"
    )
    log.record("question", username="dg", question="Entrées ?", context=None, status="answered")
    assert log.recent_questions("dg") == [("Entrées ?", None)]
