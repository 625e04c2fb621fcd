"""Questions about where the hospital stands among comparable hospitals, answered from the
public data: « Comment se situe notre taux de chirurgie ambulatoire par rapport aux CH
comparables ? » → the public value, the peers' median and quartiles, the rank, the best 20 %.

A question is one of these when it says whom it compares with (comparable hospitals,
peers, the national level) and names an indicator of the national dictionary (its label,
its synonyms or those of the hospital's own matching metric). The answer is the usual
answer object with `national` (the comparison, as GET /api/v1/national gives it per
indicator) and the value being the hospital's published one.
"""

from __future__ import annotations

import re
from typing import Any

from cockpit.engine import Engine, Perimeter
from cockpit.formatting import format_percent, format_value
from cockpit.national.dictionary import Indicator
from cockpit.national.figures import Comparison, IndicatorComparison
from cockpit.national.service import NationalError, NoNationalData, UnknownFiness, national_for
from cockpit.nl.language import language
from cockpit.nl.normalize import contains, normalize

# Who the question compares with (normalized: no accents, plurals folded).
_PEER_WORDS = (
    "comparable", "similaire", "equivalent", "pair", "autre hopitaux", "autre hopital",
    "autre ch", "autre etablissement", "ch de meme taille", "au niveau national",
    "moyenne nationale", "mediane nationale", "national", "nationale", "benchmark",
    "peer", "similar hospital", "other hospital", "comparable hospital", "nationally",
)  # fmt: skip
_YEAR = re.compile(r"\b(20\d\d)\b")


def is_national_question(question: str) -> bool:
    text = normalize(question)
    return any(contains(text, normalize(w).strip()) for w in _PEER_WORDS)


def _phrases(indicator: Indicator, engine: Engine) -> list[str]:
    words = [indicator.label.fr, indicator.label.en, *indicator.synonyms.fr,
             *indicator.synonyms.en]  # fmt: skip
    if indicator.own is not None:
        metric = engine.catalog.metrics.get(indicator.own.metric)
        if metric is not None:
            words += [*metric.synonyms.fr, *metric.synonyms.en]
    return [normalize(w).strip() for w in words if w.strip()]


def matched_indicator(question: str, engine: Engine) -> Indicator | None:
    """The indicator whose longest phrase the question contains (longest wins: « lits de
    chirurgie » over « chirurgie »)."""
    text = normalize(question)
    best: tuple[int, Indicator] | None = None
    for indicator in national_for(engine).dictionary.indicators:
        for phrase in _phrases(indicator, engine):
            if contains(text, phrase) and (best is None or len(phrase) > best[0]):
                best = (len(phrase), indicator)
    return best[1] if best else None


def _establishment(engine: Engine, perimeter: Perimeter, question: str) -> str | None:
    """« notre »: the user's establishment, else the one the question names, else the first
    establishment compared as a public FINESS."""
    if perimeter.establishment_id:
        return perimeter.establishment_id
    names = engine.establishments()
    text = normalize(question)
    for finess, name in names.items():
        if contains(text, normalize(name).strip()):
            return finess
    mapping = national_for(engine).mapping()
    return next((e for e in names if e in mapping), next(iter(names), None))


def national_answer(
    question: str, engine: Engine, *, perimeter: Perimeter
) -> dict[str, Any] | None:
    """The answer to a national-comparison question, or None when the question is not one."""
    if not is_national_question(question):
        return None
    indicator = matched_indicator(question, engine)
    if indicator is None:
        return None
    lang = language(question)
    year = _YEAR.search(question)
    establishment = None
    try:
        establishment = _establishment(engine, perimeter, question)
        if establishment is None:
            raise NationalError("no establishment to compare")
        comparison = national_for(engine).compare(
            establishment, year=int(year.group(1)) if year else None,
            perimeter=perimeter, indicators=[indicator.id],
        )  # fmt: skip
    except NationalError as exc:
        return _answer("refused", _why_not(exc, establishment, engine, lang), indicator)
    item = comparison.indicators[0]
    figure = item.selected
    if figure is None or figure.value is None:
        return _answer("answered", no_value_sentence(comparison, item, lang), indicator,
                       comparison)  # fmt: skip
    text = comparison_sentence(comparison, item, peers_words(engine, comparison, lang), lang)
    return _answer("answered", text, indicator, comparison, value=figure.value,
                   year=figure.year)  # fmt: skip


def _why_not(exc: NationalError, establishment: str | None, engine: Engine, lang: str) -> str:
    if isinstance(exc, NoNationalData):
        return ("Aucune donnée publique n'est importée (cockpit national import)." if lang == "fr"
                else "No public data is imported yet (cockpit national import).")  # fmt: skip
    if isinstance(exc, UnknownFiness) and establishment:
        name = engine.establishments().get(establishment, establishment)
        if lang == "fr":
            return (f"{name} (FINESS {establishment}) n'est dans aucun fichier public importé : "
                    "indiquez son FINESS public dans COCKPIT_NATIONAL_FINESS.")  # fmt: skip
        return (f"{name} (FINESS {establishment}) is in none of the imported public files: "
                "set its public FINESS in COCKPIT_NATIONAL_FINESS.")  # fmt: skip
    return f"Je ne peux pas comparer : {exc}." if lang == "fr" else f"I cannot compare: {exc}."


def _answer(status, text, indicator, comparison: Comparison | None = None, *, value=None,
            year=None) -> dict[str, Any]:  # fmt: skip
    national = None
    if comparison is not None:
        national = {
            **{k: v for k, v in comparison.as_json().items() if k != "indicators"},
            "indicator": comparison.indicators[0].as_json(),
        }
    return {
        "status": status,
        "metric": indicator.own.metric if indicator.own else None,
        "period": {"start": f"{year}-01", "end": f"{year}-12"} if year else None,
        "grain": None,
        "filters": {},
        "group_by": [],
        "compare": None,
        "value": value,
        "rows": None,
        "unit": indicator.unit,
        "answer": text,
        "sql": None,
        "national": national,
    }


def peers_words(engine: Engine, comparison: Comparison, lang: str) -> str:
    """« CH du Sud-Est » for a named group, « Centres hospitaliers, taille T4 » by default."""
    group = comparison.group
    if group.label is not None:
        return getattr(group.label, lang)
    category = national_for(engine).dictionary.category_label(comparison.category, lang)
    category = category or ("catégorie inconnue" if lang == "fr" else "unknown category")
    size = comparison.size_class
    if not size:
        return category
    return f"{category}, taille {size}" if lang == "fr" else f"{category}, size {size}"


def comparison_sentence(
    comparison: Comparison, item: IndicatorComparison, peers: str, lang: str
) -> str:
    figure, ind = item.selected, item.indicator
    label = getattr(ind.label, lang)

    def shown(v: float | None) -> str:
        return format_value(v, ind.format, ind.unit, lang)

    value = shown(figure.value)
    who = comparison.name or comparison.finess
    stats = figure.peers
    head = (f"{label} {figure.year} pour {who} : {value}" if lang == "fr"
            else f"{label} {figure.year} for {who}: {value}")  # fmt: skip
    if stats is None:
        tail = (f". Moins de 5 établissements comparables ({peers}) le publient." if lang == "fr"
                else f". Fewer than 5 comparable hospitals ({peers}) publish it.")  # fmt: skip
        return head + tail
    position = _position(figure.value, stats.median, lang)
    if lang == "fr":
        text = (f"{head}, {position} la médiane des {stats.count} établissements comparables "
                f"({peers}) : {shown(stats.median)} (moitié centrale {shown(stats.q1)} à "
                f"{shown(stats.q3)}).")  # fmt: skip
    else:
        text = (f"{head}, {position} the median of the {stats.count} comparable hospitals "
                f"({peers}): {shown(stats.median)} (middle half {shown(stats.q1)} to "
                f"{shown(stats.q3)}).")  # fmt: skip
    return " ".join([text, *_rank_words(figure, ind, lang), *_own_words(item, lang)])


def _position(value: float, median: float, lang: str) -> str:
    if value == median:
        return "égal à" if lang == "fr" else "equal to"
    above = value > median
    if lang == "fr":
        return "au-dessus de" if above else "en dessous de"
    return "above" if above else "below"


def _rank_words(figure, ind: Indicator, lang: str) -> list[str]:
    if figure.percentile is None:
        return []
    if ind.direction == "neutral":
        share = format_percent(figure.percentile, lang, signed=False, decimals=0)
        return [f"Plus élevé que chez {share} d'entre eux." if lang == "fr"
                else f"Higher than {share} of them."]  # fmt: skip
    share = format_percent(figure.better_than, lang, signed=False, decimals=0)
    words = [f"Mieux que {share} d'entre eux" if lang == "fr" else f"Better than {share} of them"]
    threshold = format_value(figure.best20_threshold, ind.format, ind.unit, lang)
    if figure.in_best20:
        words.append("parmi les 20 % meilleurs" if lang == "fr" else "among the best 20%")
    elif figure.in_worst20:
        words.append("parmi les 20 % les moins bons" if lang == "fr" else "in the bottom 20%")
    op = (
        ("ou plus" if lang == "fr" else "or more")
        if ind.direction == "higher_is_better"
        else ("ou moins" if lang == "fr" else "or less")
    )
    tail = (f" (seuil des 20 % meilleurs : {threshold} {op})." if lang == "fr"
            else f" (best 20%: {threshold} {op}).")  # fmt: skip
    return [(" ; " if lang == "fr" else "; ").join(words) + tail]


def _own_words(item: IndicatorComparison, lang: str) -> list[str]:
    own = item.own
    if own is None or own.value is None:
        return []
    value = format_value(own.value, own.format, own.unit, lang)
    return [f"Vos données mensuelles {own.year} : {value}." if lang == "fr"
            else f"Your monthly data, {own.year}: {value}."]  # fmt: skip


def no_value_sentence(comparison: Comparison, item: IndicatorComparison, lang: str) -> str:
    label = getattr(item.indicator.label, lang)
    who = comparison.name or comparison.finess
    year = item.selected.year if item.selected else None
    if lang == "fr":
        return f"{label} : pas de valeur publiée pour {who}" + (f" en {year}." if year else ".")
    return f"{label}: no value published for {who}" + (f" in {year}." if year else ".")
