"""The Question screen in a real headless Chromium against a real `cockpit serve` on the demo
hospital, at 390×844: typed questions get the engine's figure, a sentence, a chart and how
it was computed; follow-ups keep their context; rankings put the winner first; a
clarification is answered by a tap; a pole manager is refused on screen; the microphone
shows only where the browser can listen and dictation asks; nothing overflows at 360 px."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from cockpit.engine import Perimeter, QueryPlan
from cockpit.formatting import format_value
from cockpit.periods import Period, last_complete_month

pytestmark = pytest.mark.browser

OCCUPANCY = "Quel est le taux d'occupation du pôle Chirurgie en mars 2026 ?"
MARCH = Period.parse("2026-03")
NO_SPEECH = "delete window.SpeechRecognition; delete window.webkitSpeechRecognition;"
# A stand-in for the browser's speech recognition: hears one sentence, in the language asked.
FAKE_SPEECH = """
window.heardLang = null;
class FakeRecognition {
  start() {
    window.heardLang = this.lang;
    const said = "Quel est le taux d'occupation du pôle Médecine en mars 2026 ?";
    setTimeout(() => {
      const result = [{ transcript: said }];
      result.isFinal = true;
      this.onresult({ resultIndex: 0, results: [result] });
      this.onend();
    }, 50);
  }
  stop() {}
}
delete window.webkitSpeechRecognition;
window.SpeechRecognition = FakeRecognition;
"""


def text(s: str) -> str:
    return " ".join(s.split())


def shown(engine, metric_id: str, value) -> str:
    metric = engine.metric(metric_id)
    return text(format_value(value, metric.format, metric.unit, "fr"))


def value_of(engine, metric_id, period, **plan):
    return engine.run(QueryPlan.build(metric_id, period, **plan), Perimeter.everything())


def open_question(page) -> None:
    page.goto("/question")
    page.wait_for_selector(".frame .ask", state="attached")


def ask(page, question: str):
    """Type a question, press Enter; the answer card of that question."""
    box = page.get_by_label("Votre question")
    box.fill(question)
    box.press("Enter")
    card = page.locator(".ask-answer .ask-card").filter(has_text=question)
    expect(card).to_be_visible()
    return card


def test_a_typed_question_gets_figure_sentence_chart_and_how_it_was_computed(phone, engine):
    open_question(phone)
    card = ask(phone, "Évolution des entrées en 2025")
    series = value_of(engine, "admissions", Period.parse("2025-01", "2025-12"), grain="month")
    december = series.rows[-1]["value"]
    assert text(card.locator(".big-value").inner_text()) == shown(engine, "admissions", december)
    assert "Décembre 2025" in card.locator(".ask-caption").inner_text()
    assert "Entrées" in card.locator(".ask-sentence").inner_text()
    chart = card.locator(".ask-chart[role=img]")
    expect(chart.locator("svg").first).to_be_visible()
    label = chart.get_attribute("aria-label")
    assert "décembre 2025 " + shown(engine, "admissions", december) in text(label)
    sql = card.locator(".how-sql")
    expect(sql).to_be_hidden()
    card.get_by_text("Comment c'est calculé").click()
    expect(sql).to_be_visible()
    assert "FROM activity" in sql.inner_text()
    assert "tout le GHT" in card.locator(".ask-how").inner_text()


def test_a_follow_up_keeps_the_context_until_a_new_question(phone, engine):
    open_question(phone)
    ask(phone, OCCUPANCY)
    chip = phone.locator(".ask-followup")
    expect(chip).to_contain_text("Taux d'occupation des lits · Chirurgie · Mars 2026")
    card = ask(phone, "et pour la Médecine ?")
    medicine = value_of(engine, "bed_occupancy_rate", MARCH, filters={"pole": "Médecine"})
    assert text(card.locator(".big-value").inner_text()) == shown(
        engine, "bed_occupancy_rate", medicine.value
    )
    assert "Pôle Médecine · Mars 2026" in card.locator(".ask-caption").inner_text()
    expect(chip).to_contain_text("Médecine · Mars 2026")
    phone.get_by_role("link", name="Nouvelle question").click()
    expect(chip).to_be_hidden()
    expect(phone.locator(".ask-answer .ask-card")).to_have_count(0)
    expect(phone.get_by_label("Votre question")).to_be_focused()
    card = ask(phone, "et pour la Médecine ?")
    expect(card.locator(".big-value")).to_have_count(0)


def test_a_ranking_shows_the_winner_first_and_highlighted(phone, engine):
    open_question(phone)
    card = ask(phone, "Quel pôle a le plus d'intérim depuis janvier ?")
    last = last_complete_month(date.today())
    rows = value_of(engine, "interim_cost", Period(date(last.year, 1, 1), last), group_by=["pole"])
    winner = max(rows.rows, key=lambda r: r["value"])
    assert card.locator(".ask-caption").inner_text() == winner["pole"]
    first = card.locator("svg.ac .ac-row").first
    assert first.get_attribute("class") == "ac-row ac-win"
    assert first.locator(".ac-name").text_content() == winner["pole"]
    assert card.locator("svg.ac .ac-win").count() == 1


def test_a_tapped_last_question_is_asked_and_its_answer_brought_into_view(phone):
    open_question(phone)
    services = "Entrées par service en octobre 2026"
    ask(phone, services)  # a long chart, above the examples and the last questions
    phone.locator(".ask-recent-item").filter(has_text=services).click()
    expect(phone.locator(".ask-answer .ask-said")).to_be_in_viewport()
    example = phone.locator(".ask-example").last
    question = example.inner_text()
    example.click()
    card = phone.locator(".ask-answer .ask-answered").filter(has_text=question)
    expect(card.locator(".ask-said")).to_be_in_viewport()


def test_a_clarification_is_answered_by_a_tap(phone, engine):
    open_question(phone)
    card = ask(phone, "Quel est le taux en mars 2026 ?")
    expect(card.get_by_role("heading", name="Précisez votre question")).to_be_visible()
    card.get_by_role("button", name="Taux d'occupation des lits").click()
    answered = phone.locator(".ask-answer .ask-answered")
    expect(answered).to_be_visible()
    everyone = value_of(engine, "bed_occupancy_rate", MARCH)
    expected = shown(engine, "bed_occupancy_rate", everyone.value)
    assert text(answered.locator(".big-value").inner_text()) == expected


def test_a_pole_manager_asking_about_another_pole_is_refused_on_screen(
    open_context, pole_manager_state, engine
):
    _, page = open_context(state=pole_manager_state, service_workers="block")
    open_question(page)
    card = ask(page, "Combien d'entrées au pôle Médecine en mars 2026 ?")
    expect(card.get_by_role("heading", name="Hors de votre périmètre")).to_be_visible()
    assert "CH de Vallombre · Pôle Chirurgie" in card.inner_text()
    medicine = value_of(engine, "admissions", MARCH, filters={"pole": "Médecine"})
    assert shown(engine, "admissions", medicine.value) not in text(card.inner_text())
    assert card.locator(".big-value").count() == 0


def test_nothing_overflows_at_360px_and_chart_labels_never_overlap(open_context):
    _, page = open_context({"width": 360, "height": 780}, service_workers="block")
    open_question(page)
    card = ask(page, "Entrées par service en octobre 2026")
    card.get_by_text("Comment c'est calculé").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    boxes = card.locator("svg.ac text").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })"
    )
    assert len(boxes) > 10
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= 360, a
        for b in boxes[i + 1 :]:
            apart = (
                a[2] <= b[0] + 0.5
                or b[2] <= a[0] + 0.5
                or a[3] <= b[1] + 0.5
                or (b[3] <= a[1] + 0.5)
            )
            assert apart, (a, b)


def test_the_microphone_is_hidden_where_the_browser_cannot_listen(open_context):
    context, page = open_context(service_workers="block")
    context.add_init_script(NO_SPEECH)
    open_question(page)
    expect(page.get_by_label("Votre question")).to_be_visible()
    expect(page.locator(".ask-mic")).to_be_hidden()


def test_dictation_fills_the_box_in_french_and_asks(open_context, engine):
    context, page = open_context(service_workers="block")
    context.add_init_script(FAKE_SPEECH)
    open_question(page)
    mic = page.get_by_role("button", name="Dicter la question")
    expect(mic).to_be_visible()
    mic.click()
    card = page.locator(".ask-answer .ask-answered")
    expect(card).to_contain_text("pôle Médecine en mars 2026")
    medicine = value_of(engine, "bed_occupancy_rate", MARCH, filters={"pole": "Médecine"})
    assert text(card.locator(".big-value").inner_text()) == shown(
        engine, "bed_occupancy_rate", medicine.value
    )
    assert page.evaluate("window.heardLang") == "fr-FR"
