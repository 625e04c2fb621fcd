"""Questions about where the hospital stands among comparable hospitals are answered from the
public data, inside the caller's perimeter; other questions go on to the planner."""

from __future__ import annotations

import pytest
from real_data import AVIGNON

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine, Perimeter
from cockpit.national.service import National
from cockpit.nl.ask import ask

VALLOMBRE, ROCHEBRUNE = "990000012", "990000020"
QUESTION = "Comment se situe notre taux de chirurgie ambulatoire par rapport aux CH comparables ?"


@pytest.fixture(scope="module")
def engine(national_db) -> Engine:
    return Engine(national_db, PROJECT_ROOT / "queries")


@pytest.fixture(autouse=True)
def mapping(monkeypatch):
    monkeypatch.setenv("COCKPIT_NATIONAL_FINESS", f"{VALLOMBRE}={AVIGNON}")


def test_the_issue_question_is_answered_from_the_public_tables(engine):
    answer = ask(QUESTION, engine)
    expected = National(engine).compare(VALLOMBRE).get("ambulatory_surgery_rate").selected
    assert answer["status"] == "answered" and answer["metric"] == "ambulatory_surgery_rate"
    assert answer["value"] == expected.value and answer["period"] == {
        "start": "2022-01", "end": "2022-12"}  # fmt: skip
    national = answer["national"]
    assert (national["finess"], national["establishment"]) == (AVIGNON, VALLOMBRE)
    assert national["indicator"]["peers"]["median"] == expected.peers.median
    text = " ".join(answer["answer"].split())
    assert text.startswith("Taux de chirurgie ambulatoire 2022 pour CH HENRI DUFFAUT AVIGNON : ")
    assert "en dessous de la médiane des 29 établissements comparables" in text
    assert "parmi les 20 % les moins bons" in text and "Vos données mensuelles 2025" in text


def test_english_and_a_year_asked(engine):
    answer = ask("How do our emergency visits compare with similar hospitals in 2022?", engine)
    assert answer["status"] == "answered" and answer["period"]["start"] == "2022-01"
    assert answer["answer"].startswith("Emergency visits 2022 for CH HENRI DUFFAUT AVIGNON: ")


def test_a_pole_manager_gets_public_figures_without_the_establishment_s_own(engine):
    answer = ask(QUESTION, engine, perimeter=Perimeter(VALLOMBRE, "Chirurgie"))
    assert answer["status"] == "answered" and "Vos données mensuelles" not in answer["answer"]
    assert answer["national"]["own_figures"] == "hidden_by_perimeter"
    assert answer["national"]["indicator"]["own"] is None


def test_an_establishment_without_public_finess_is_told_so(engine):
    answer = ask(QUESTION, engine, perimeter=Perimeter(ROCHEBRUNE))
    assert answer["status"] == "refused"
    assert answer["answer"] == (
        "CH de Rochebrune (FINESS 990000020) n'est dans aucun fichier public importé : "
        "indiquez son FINESS public dans COCKPIT_NATIONAL_FINESS."
    )
    assert answer["value"] is None


def test_questions_without_peers_go_to_the_planner(engine):
    answer = ask("Quel est le taux de chirurgie ambulatoire en mars 2026 ?", engine)
    assert "national" not in answer and answer["metric"] == "ambulatory_surgery_rate"
