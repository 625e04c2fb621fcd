"""Reading a question's words: normalisation, dictation clean-up, fuzzy words, language."""

from __future__ import annotations

import pytest

from cockpit.nl.dictation import clean
from cockpit.nl.fuzzy import ABBREVIATION, PREFIX, STEM, Speller, similarity
from cockpit.nl.language import language
from cockpit.nl.normalize import normalize, tokens


def known(*words):
    return set(words).__contains__


def test_normalize_folds_accents_case_elisions_and_plurals():
    assert tokens("L'Écart d’ETP") == ["l", "ecart", "d", "etp"]
    assert normalize("Passages aux Urgences") == " passage aux urgence "


def test_invariable_words_keep_their_final_letter():
    assert tokens("mois plus moins taux trois") == ["mois", "plus", "moins", "taux", "trois"]


def test_dictation_filler_words_are_dropped():
    said = clean(normalize("Euh alors, dis-moi le taux s'il te plaît"), known())
    assert said.split() == ["le", "taux"]


def test_letters_spelled_out_join_into_a_known_word_only():
    assert clean(" la d m s en cardio ", known("dms")).split() == ["la", "dms", "en", "cardio"]
    assert clean(" a l an dernier ", known("an")).split() == ["a", "l", "an", "dernier"]


def test_number_words_become_digits_before_what_they_count():
    assert clean(normalize("les trois services"), known()).split() == ["les", "3", "service"]
    assert clean(normalize("top five services"), known()).split() == ["top", "5", "service"]
    assert "sept" in clean(normalize("DMS en sept"), known()).split()  # September


def test_missing_apostrophe_is_put_back_when_the_rest_is_a_word():
    assert clean(" taux doccupation ", known("occupation")).split() == ["taux", "d", "occupation"]
    assert clean(" dossier ", known("occupation")).split() == ["dossier"]


def test_shorthands_are_spelled_out():
    assert clean(" nb d entree ", known()).split()[0] == "nombre"


@pytest.mark.parametrize(
    "said, known_word, expected",
    [
        ("occupe", "occupation", STEM),
        ("passe", "passage", STEM),
        ("cardio", "cardiologie", PREFIX),
        ("recrute", "recrutement", PREFIX),
        ("chirurgical", "chirurgie", STEM),
        ("rea", "reanimation", 0.0),  # three letters only with abbreviations allowed
        ("admitted", "admin", 0.0),
        ("interim", "interne", 0.0),
        ("moins", "mois", 0.0),
    ],
)
def test_word_similarity(said, known_word, expected):
    assert similarity(said, known_word) == expected


def test_three_letter_abbreviations_count_for_place_names():
    assert similarity("rea", "reanimation", abbreviations=True) == ABBREVIATION


def test_speller_corrects_one_close_word_and_leaves_abbreviations_and_ties():
    speller = Speller(["maternite", "oncologie", "absenta", "absente"], {"onco"}.__contains__)
    assert speller.correct("materniter") == "maternite"
    assert speller.correct("onco") == "onco"
    assert speller.correct("absentx") == "absentx"  # as close to two words: no guess
    assert speller.correct("zzzzzzz") == "zzzzzzz"


def test_language():
    assert language("How many ER visits in 2025?") == "en"
    assert language("Combien de passages aux urgences ?") == "fr"
