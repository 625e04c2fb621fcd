"""Questions about individuals, read from the grammar of the raw question (capitals kept):
a title and a name (« Mme Leroy », "Dr. Smith"), a role and a name (« l'infirmière
Sophie », « le patient 123456 »), one person (« le patient », « chaque médecin »), a
record (« le dossier de »), a list of people (« liste des agents absents », « quels
médecins »), or a first name and a surname. A plural count (« combien de patients »,
« nombre d'agents ») is an aggregate and is not caught here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from cockpit.nl.function_words import COMMON, GLUE
from cockpit.nl.normalize import fold, strip_accents, word_set

TITLES = word_set(
    "monsieur madame mademoiselle docteur professeur doctor mister mr mrs ms miss mme mlle "
    "dr pr prof"
)
ROLES = word_set(
    "patient patiente malade agent infirmier infirmiere medecin docteur praticien interne "
    "soignant soignante sage salarie salariee employe employee collaborateur "
    "collaboratrice personne nurse doctor physician worker person resident individu "
    "individual beneficiaire"
)
_ONE = word_set("le la l du ce cet cette mon ma son sa the this that my his her quel quelle which")
_EACH = word_set("chaque each every")
_LIST = word_set("liste lister listing list nom noms name names nominatif nominative")
_WHICH = word_set("quels quelles quel quelle which")
_COUNTING = word_set("combien nombre many number")
_GIVE = word_set(
    "donne donnez montre montrez affiche affichez liste listez sors extrais give show "
    "display export"
)
_ME = word_set("moi nous me us")
RECORDS = (
    "dossier", "dossiers", "record", "records", "fiche", "ipp", "nir", "securite sociale",
    "date de naissance", "date of birth", "birth date", "adresse", "address", "telephone",
    "phone number", "identite", "identity", "nominatif", "nominative", "age", "ages",
)  # fmt: skip
_WHO = word_set("qui who whom")
_OF = word_set("de d du of pour for chez a")
_WHO_VERBS = word_set("a est sont etait ont fait has is are was did had does")
FIRST_NAMES = word_set("""
    jean marie pierre michel philippe alain nicolas christophe patrick daniel bernard eric
    laurent frederic stephane david julien thomas sebastien olivier francois isabelle nathalie
    sylvie catherine sophie christine valerie sandrine veronique celine stephanie julie aurelie
    camille lea manon emma chloe ines sarah laura anne monique francoise martine nicole
    jacques andre louis antoine lucas hugo arthur jules gabriel raphael maxime romain
    vincent mathieu guillaume benoit cedric damien jerome fabrice thierry didier gerard
    brigitte chantal dominique helene elodie emilie marion pauline justine mathilde alice
    john james robert william richard charles joseph mary patricia jennifer linda elizabeth
    susan jessica karen nancy lisa betty sandra ashley emily michelle amanda
    """)


@dataclass(frozen=True)
class Word:
    surface: str  # as typed, capitals kept
    norm: str  # lower case, no accents, plural folded, spelt
    plural: bool = False  # the plural fold took a final s or x off

    @property
    def capitalised(self) -> bool:
        return self.surface[:1].isupper() and not self.surface.isupper()


@dataclass(frozen=True)
class Individual:
    """What makes a question about individuals: kind person | patient | record | list."""

    kind: str
    words: str


def raw_words(question: str, correct: Callable[[str], str] = str) -> list[Word]:
    """The question's words, capitals kept; `correct` spells each normalized word."""
    words = []
    for surface in re.findall(r"[^\W_]+\.?", question.replace("’", "'")):
        plain = strip_accents(surface.lower()).rstrip(".")
        words.append(Word(surface, correct(fold(plain)), fold(plain) != plain))
    return words


def find_individual(
    question: str, known: Callable[[str], bool], correct: Callable[[str], str] = str
) -> Individual | None:
    """The first sign that the question is about individuals, or None (« Madamme Leroy »
    is read once `correct` has spelt it)."""
    ws = raw_words(question, correct)
    text = " " + " ".join(w.norm for w in ws) + " "
    for record in RECORDS:
        if f" {record} " in text:
            return Individual("record", record)
    for i, word in enumerate(ws):
        after = ws[i + 1] if i + 1 < len(ws) else None
        before = ws[i - 1].norm if i else ""
        if _is_title(word, after) and after and _is_name(after, known):
            return Individual("person", f"{word.surface} {after.surface}")
        if word.norm in ROLES and not word.plural:
            kind = "patient" if word.norm in ("patient", "patiente", "malade") else "person"
            if after and (_is_name(after, known) or after.norm.isdigit()):
                return Individual(kind, f"{word.surface} {after.surface}")
            attributive = after and known(after.norm) and after.norm not in GLUE | COMMON
            if (before in _ONE or before in _EACH) and not attributive:  # not "the nurse rate"
                return Individual(kind, f"{ws[i - 1].surface} {word.surface}")
        if word.norm in ROLES and _asks_which(ws[max(0, i - 4) : i]):
            return Individual("list", " ".join(w.surface for w in ws[max(0, i - 3) : i + 1]))
        if word.norm in ROLES and before in _LIST:
            return Individual("list", f"{ws[i - 1].surface} {word.surface}")
        if word.norm in _LIST and _role_within(ws[i + 1 : i + 4]):
            return Individual("list", word.surface)
        if word.norm in FIRST_NAMES and not known(word.norm):
            if after and _is_name(after, known):
                return Individual("person", f"{word.surface} {after.surface}")
            if before in _OF:  # « l'absentéisme de julie »
                return Individual("person", f"{ws[i - 1].surface} {word.surface}")
        pair = after and word.capitalised and after.capitalised and i > 0
        if pair and not known(word.norm) and not known(after.norm):
            return Individual("person", f"{word.surface} {after.surface}")
    if len(ws) > 1 and ws[0].norm in _WHO and ws[1].norm in _WHO_VERBS:
        return Individual("person", f"{ws[0].surface} {ws[1].surface}")
    return None


def _is_title(word: Word, after: Word | None) -> bool:
    if word.norm in TITLES and not word.plural:
        return True
    # « M. Bernard »: a capital M alone, then a name
    return word.surface in ("M.", "M") and after is not None and after.capitalised


def _is_name(word: Word, known: Callable[[str], bool]) -> bool:
    """A proper name: capitalised or unknown, and not a word of the question grammar."""
    if not word.norm.isalpha() or len(word.norm) < 2:
        return False
    return not known(word.norm) and (word.capitalised or word.surface.islower())


def _asks_which(words: list[Word]) -> bool:
    """« quels médecins », « quels sont les agents », "which are the nurses", « qui sont
    les … », « donne-moi les patients »: the people themselves are the answer (the words
    are those just before the role)."""
    said = [w.surface.lower() for w in words]
    if said and said[-1] in _WHICH:
        return True
    if len(said) >= 3 and said[-2:] in (["sont", "les"], ["are", "the"]):
        return said[-3] in _WHICH or said[-3] == "qui"
    object_of = said[-3:-1] if len(said) >= 3 and said[-2] in _ME else said[-2:-1]
    return (
        bool(said)
        and said[-1] in ("les", "the", "tous")
        and bool(object_of)
        and (object_of[0] in _GIVE)
    )


def _role_within(words: list[Word]) -> bool:
    return any(w.norm in ROLES for w in words)


def vocabulary() -> set[str]:
    words = set(TITLES | ROLES | _ONE | _EACH | _LIST | _WHICH | _WHO | _WHO_VERBS)
    for record in RECORDS:
        words.update(record.split())
    return words
