"""« Comparaison nationale » as the server renders it, for each kind of user: public figures
for everyone logged in, the hospital's own monthly figures only within a perimeter that
covers the establishment, a clear notice when something is missing."""

from __future__ import annotations

import json

import pytest
from real_data import AVIGNON

from cockpit.auth.demo_users import ROCHEBRUNE, VALLOMBRE
from cockpit.formatting import format_value
from cockpit.national.service import National

MAPPING = f"{VALLOMBRE}={AVIGNON}"


@pytest.fixture(scope="module")
def app(national_db, make_app, add_user):
    """The app on the public files, with a director of Rochebrune besides the USERS."""
    app = make_app(db=national_db)
    state = app.extensions["cockpit_auth"].state_dir
    add_user(state, "director_rochebrune", establishment_id=ROCHEBRUNE)
    return app


@pytest.fixture(scope="module")
def director(app, log_in):
    return log_in(app, "directeur")


@pytest.fixture(autouse=True)
def mapping(monkeypatch):
    monkeypatch.setenv("COCKPIT_NATIONAL_FINESS", MAPPING)


def page(client, path: str = "/comparaison") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return " ".join(response.get_data(as_text=True).split())


def test_director_sees_the_mapped_hospital_its_peers_and_its_own_figures(app, director):
    html = page(director)
    national = National(app.extensions["cockpit_engine"])
    rate = national.compare(VALLOMBRE).get("ambulatory_surgery_rate")
    shown = " ".join(format_value(rate.selected.value, "pct1", "pct", "fr").split())
    assert "Comparé comme CH HENRI DUFFAUT AVIGNON (FINESS 840006597)" in html
    assert "Centres hospitaliers, taille T4" in html
    assert 'data-indicator="ambulatory_surgery_rate"' in html and shown in html
    assert html.count('class="bullet-svg"') >= 14
    assert "Vos données mensuelles 2024" in html  # ER visits, FTE: 2024 is complete


def test_pole_manager_sees_public_figures_but_not_the_whole_establishment(app, log_in):
    html = page(log_in(app, "chef"))
    assert "CH HENRI DUFFAUT AVIGNON" in html
    assert "Vos données mensuelles" not in html
    assert "votre périmètre ne couvre pas tout l'établissement" in html


def test_an_establishment_not_in_the_public_files_says_how_to_map_it(app, log_in):
    html = page(log_in(app, "director_rochebrune"))
    assert f"(FINESS {ROCHEBRUNE}) n'est dans aucun fichier public importé" in html
    assert "COCKPIT_NATIONAL_FINESS" in html


def test_peers_of_an_indicator_are_listed_with_the_hospital_among_them(app, director):
    html = page(director, "/comparaison/ambulatory_surgery_rate?an=2022")
    national = National(app.extensions["cockpit_engine"])
    peers = national.peer_list(AVIGNON, "ambulatory_surgery_rate", 2022)
    assert len(peers) == 30 and html.count("<tr>") == len(peers) + 1
    assert "CH HENRI DUFFAUT AVIGNON (vous)" in html and "Les pairs en 2022" in html


def test_unknown_indicator_is_not_found(director):
    assert "Page introuvable" in page(director, "/comparaison/beds_everywhere")


def test_without_public_data_the_page_says_how_to_import_it(make_app, log_in):
    html = page(log_in(make_app(), "directeur"))
    assert "Aucune donnée publique importée" in html and "cockpit national import" in html


def test_the_list_of_peers_exports_as_on_screen(director):
    response = director.get(
        "/export/csv/comparaison/ambulatory_surgery_rate?an=2022&sort=value&dir=asc"
    )
    assert response.status_code == 200
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert len(lines) == 1 + 30 and "CH HENRI DUFFAUT AVIGNON (vous)" in "".join(lines)
    assert "CH DE LENS" in lines[-1]  # the highest rate last, sorted ascending as asked


@pytest.mark.parametrize(
    "question, indicator",
    [("Comment se situe notre taux de chirurgie ambulatoire par rapport aux CH comparables ?",
      "ambulatory_surgery_rate"),
     ("Notre DMS est-elle meilleure que la médiane nationale ?", "alos_mco")],
)  # fmt: skip
def test_the_question_screen_answers_a_national_question_with_the_indicator_card(
    director, question, indicator
):
    response = director.post(
        "/question", data={"question": question}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    screen = response.get_json()
    html = " ".join(json.dumps(screen, ensure_ascii=False).split())
    assert f'data-indicator=\\"{indicator}\\"' in html and "bullet-svg" in html
    assert "pour CH HENRI DUFFAUT AVIGNON" in html
    assert not screen["context"]  # public figures: nothing to follow up on
