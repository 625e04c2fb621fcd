"""Clean a normalized question of what typing fast and dictating add: filler words
(« euh », « dis-moi », "can you tell me"), letters spelled out (« d m s »), numbers
in words (« les trois services »), shorthands (« nb », « tx ») and apostrophes
left out (« taux doccupation »)."""

from __future__ import annotations

import re
from collections.abc import Callable

from cockpit.nl.normalize import word_set

_FILLER_PHRASES = sorted(
    {
        *word_set(
            "euh heu hum bah ben bon voila hein genre bref enfin stp svp merci ok okay um uh hmm "
            "please bonjour hello"
        ),
        "du coup",
        "en fait",
        "dis moi",
        "dites moi",
        "est ce que",
        "est ce qu",
        "qu est ce que",
        "tu peux me dire",
        "pouvez vous me dire",
        "peux tu me dire",
        "tu pourrais me dire",
        "j aimerais savoir",
        "je voudrais savoir",
        "je veux savoir",
        "s il te plait",
        "s il vous plait",
        "c est quoi",
        "can you tell me",
        "could you tell me",
        "tell me",
        "i want to know",
        "i d like to know",
        "alors",
        "donc",
    },
    key=len,
    reverse=True,
)
_FILLER_RE = re.compile(r"(?<= )(?:" + "|".join(re.escape(f) for f in _FILLER_PHRASES) + r")(?= )")

SHORTHANDS = {"nb": "nombre", "nbr": "nombre", "nbre": "nombre", "tx": "taux", "moy": "moyenne"}

NUMBER_WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
    "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
# A number word counts something when one of these follows it (« sept » alone is September).
_COUNTED = word_set(
    "pole service etablissement hopital site categorie metier unite mois month trimestre "
    "quarter an annee year semestre premier premiere dernier derniere plus moins meilleur pire "
    "first last top best worst highest lowest largest biggest smallest most least establishment "
    "hospital category"
)
_ELIDED = ("d", "l", "j", "qu", "n", "s", "c", "m", "t")


def clean(
    text: str, known: Callable[[str], bool], names: Callable[[str], bool] | None = None
) -> str:
    """`text` is normalized; `known` says whether a word belongs to Cockpit's vocabulary,
    `names` whether it names a metric or a place (default: `known`): spelled letters join
    only into a name (« d m s »), never into a little word (« à N-1 » is not « an »)."""
    text = _FILLER_RE.sub(" ", text)
    out: list[str] = []
    for word in text.split():
        out.extend(_unglue(SHORTHANDS.get(word, word), known))
    out = _join_spelled_letters(out, names or known)
    out = _numbers(out)
    return " " + " ".join(out) + " "


def _unglue(word: str, known: Callable[[str], bool]) -> list[str]:
    """« doccupation » → « d occupation » when the rest is a known word."""
    if known(word) or len(word) < 3:
        return [word]
    for elided in _ELIDED:
        rest = word[len(elided) :]
        if word.startswith(elided) and rest[:1] in "aeiouyh" and known(rest):
            return [elided, rest]
    return [word]


def _join_spelled_letters(ws: list[str], known: Callable[[str], bool]) -> list[str]:
    """« d m s » → « dms », « e t p » → « etp », when the letters make a known word."""
    out: list[str] = []
    i = 0
    while i < len(ws):
        j = i
        while j < len(ws) and len(ws[j]) == 1 and ws[j].isalpha():
            j += 1
        joined = "".join(ws[i:j])
        if j - i >= 2 and known(joined):
            out.append(joined)
            i = j
        else:
            out.append(ws[i])
            i += 1
    return out


def _numbers(ws: list[str]) -> list[str]:
    out = list(ws)
    for i, word in enumerate(ws):
        following = ws[i + 1 : i + 3]
        counted = any(w in _COUNTED for w in following)
        after_top = i > 0 and ws[i - 1] in ("top", "bottom")
        if word in NUMBER_WORDS and (counted or after_top):
            out[i] = str(NUMBER_WORDS[word])
    return out


def grammar_words() -> set[str]:
    """Words this step knows (so spelling correction leaves them alone)."""
    found = {w for phrase in _FILLER_PHRASES for w in phrase.split()}
    return found | set(SHORTHANDS) | set(SHORTHANDS.values()) | set(NUMBER_WORDS)
