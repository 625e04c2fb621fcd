"""The OfflinePlanner: question → Plan, Clarification or Refusal, in named steps.

normalize → dictation → spelling → intent (refusals) → compare → period → grouping →
ranking → linking (metric + places) → decide. The planner never builds SQL and reads
the warehouse only through the Engine (catalog, dimension values).
"""

from __future__ import annotations

import re
from datetime import date

from cockpit.engine import Perimeter, QueryPlan
from cockpit.nl import clarify, dictation, intent, people
from cockpit.nl.compare import read_compare, read_compare_year
from cockpit.nl.context import follow_up
from cockpit.nl.dimension_words import DimensionWords
from cockpit.nl.entities import Entities, EntityMatch, unknown_places
from cockpit.nl.grouping import read_grouping
from cockpit.nl.landing_answer import landing_plan
from cockpit.nl.landing_words import read_landing
from cockpit.nl.language import language, votes
from cockpit.nl.lexicon import lexicon_for
from cockpit.nl.linking import Links, link
from cockpit.nl.normalize import GAP, blank, normalize
from cockpit.nl.outcomes import Clarification, Parts, Planned, Planner, Reading, Refusal
from cockpit.nl.people import raw_words
from cockpit.nl.periods import read_period
from cockpit.nl.ranking import asked_dimension, ranked_dimension, read_ranking, to_rank
from cockpit.periods import default_period

__all__ = ["Clarification", "OfflinePlanner", "Parts", "Planned", "Planner", "Refusal"]

_CONTINUES = ("et", "and", "meme", "pareil", "idem", "same", "also", "aussi", "what about",
              "how about", "puis")  # fmt: skip
# years named one by one: « en 2024 et 2025 », "2024, 2025 and 2026"
_YEAR_BY_YEAR = re.compile(r"(?<![a-z0-9])20\d\d(?: 20\d\d)* (?:et|and) 20\d\d(?![a-z0-9])")
_WHOLE = re.compile(
    r"(?<![a-z0-9])(?:(?:pour |sur |de |a )?(?:tout|toute|l ensemble de) (?:l hopital|le ght|"
    r"le groupe|l etablissement)|tous les (?:pole|service)|au global|globalement|sans filtre"
    r"|(?:for |across )?the whole (?:hospital|group)|overall|all (?:pole|service)s?)(?![a-z0-9])"
)


class OfflinePlanner:
    """Grammar- and catalog-driven planner; no network, no model weights."""

    def __init__(self, engine):
        self.engine = engine

    def parse(
        self, question: str, today: date, perimeter: Perimeter, *, follow_up: bool = False
    ) -> Parts:
        """What the question says; `follow_up` when a previous plan gives the context."""
        lexicon = lexicon_for(self.engine)
        lang = language(question)
        said = dictation.clean(normalize(question), lexicon.known, lexicon.names)
        text = lexicon.speller.correct_text(said)
        parts = Parts(lang=lang, continues=text.startswith(tuple(f" {c} " for c in _CONTINUES)))
        parts.landing, text = read_landing(text)
        refused = intent.refuse_before_linking(
            text, question, lexicon.known, lexicon.speller.correct
        )
        parts.compare_year, text = read_compare_year(text)
        parts.compare, text = read_compare(text)
        parts.compare = parts.compare or ("previous_year" if parts.compare_year else None)
        period = read_period(text, today)
        parts.period, parts.unreadable_period = period.period, period.unreadable
        parts.relative_year = period.relative_year
        if period.note:
            parts.notes.append(period.note[0] if lang == "fr" else period.note[1])
        nouns = lexicon.dimensions.nouns
        grouping = read_grouping(period.rest, nouns)
        parts.group_by, parts.grain = grouping.group_by, grouping.grain
        if parts.grain is None and parts.compare is None and _YEAR_BY_YEAR.search(text):
            parts.grain = "year"  # « la DMS en 2024 et 2025 »: each year, side by side
        threshold, text = intent.read_threshold(grouping.rest)
        if threshold and not refused and set(text.split()) & people.ROLES:
            refused = intent.Refused("record", threshold)  # « patients de plus de 80 ans »
        elif threshold:
            said = intent.threshold_as_said(question) or threshold
            parts.notes.append(intent.THRESHOLD_NOTES[lang == "en"].format(words=said))
        parts.ranking, text = read_ranking(text, question, nouns)
        asked = asked_dimension(text, nouns) if parts.ranking else None
        if whole := _WHOLE.search(text):
            parts.clear_places, text = True, blank(text, whole.start(), whole.end())
        links = link(
            text, lexicon, lang, lambda m: self.engine.metric(m).dimensions, follow_up=follow_up
        )
        self._read_links(parts, links, lexicon.dimensions)
        if parts.compare is None and " budget " in links.rest:
            # « où en est le budget des dépenses ? »: « budget » left once the metric is read
            parts.compare = "budget"
        if links.metrics and len(set(votes(question))) == 1:  # no small word to tell
            parts.lang = lang = links.metrics[0].lang
        if parts.ranking and not parts.group_by:
            parts.ranked, links.rest = ranked_dimension(links.rest, nouns)
            parts.ranked = asked or parts.ranked
        elif threshold and not parts.group_by:  # « les services à plus de 90 % »: list them
            dimension, links.rest = ranked_dimension(links.rest, nouns)
            parts.group_by = [dimension] if dimension else []
        if refused:
            parts.refusal = intent.reason(refused, lang, self._example(parts))
        elif topic := intent.refuse_topic(links.rest):
            parts.refusal = intent.reason(topic, lang)
        parts.domains = intent.domains(links.rest)
        parts.generic = any(f" {w} " in links.rest for w in ("taux", "rate", "ratio", "indicateur"))
        parts.unknown = unknown_places(links.rest.split(), set(), lexicon.known, nouns)
        parts.unknown += _unknown_names(question, links.rest, lexicon.known)
        parts.unread = tuple(w for w in links.rest.split() if w != GAP)
        if parts.metric and parts.ranking:
            parts.rank = self._rank(parts, parts.metric)
        return parts

    def _read_links(self, parts: Parts, links: Links, words: DimensionWords) -> None:
        parts.metric = links.metric
        parts.candidates = [m.metric for m in links.metrics] if len(links.metrics) > 1 else []
        parts.filters = links.entities.filters
        parts.partly = links.partly
        parts.readings = _readings(parts, links.entities, words)
        several = [r for r in parts.readings if r.group_by]
        if several and len(parts.readings) - 1 == len(
            self.engine.dimension_values(several[0].group_by[0])
        ):
            # every value named (« Rochebrune vs Vallombre »): side by side, no question
            parts.filters, parts.group_by, parts.readings = (
                several[0].filters,
                several[0].group_by,
                [],
            )

    def _rank(self, parts: Parts, metric_id: str):
        metric = self.engine.metric(metric_id)
        dimension = (parts.group_by or [parts.ranked])[0]
        count = len(self.engine.dimension_values(dimension)) if dimension else 1
        return to_rank(parts.ranking, metric.direction, count)

    def _example(self, parts: Parts) -> str | None:
        if not parts.metric:
            return None
        label = getattr(self.engine.metric(parts.metric).label, parts.lang)
        return f"« {label} »" if parts.lang == "fr" else f"'{label}'"

    def plan(
        self, question: str, today: date, perimeter: Perimeter, previous: QueryPlan | None = None
    ) -> Planned | Clarification | Refusal:
        parts = self.parse(question, today, perimeter, follow_up=previous is not None)
        if previous is not None and not parts.refusal and (parts.metric is None or parts.continues):
            return follow_up(self, previous, parts, today)
        return self.decide(parts, today)

    def decide(self, parts: Parts, today: date) -> Planned | Clarification | Refusal:
        lang = parts.lang
        if parts.refusal:
            return Refusal(parts.refusal, lang)
        if parts.unknown:
            return Refusal(_unknown_reason(parts.unknown[0], lang), lang)
        if parts.metric is None:
            return self._without_metric(parts, today)
        if parts.unreadable_period:
            return clarify.period(parts, parts.metric, today)
        metric = self.engine.metric(parts.metric)
        label = getattr(metric.label, lang)
        if parts.ranking:
            if not parts.group_by and not parts.ranked:
                words = lexicon_for(self.engine).dimensions
                dims = [d for d in words.ranked_by_default if d in metric.dimensions]
                rank = parts.rank or to_rank(parts.ranking, "higher_is_better", 1)
                return clarify.breakdown(parts, metric.id, dims, rank, today, words)
            if parts.rank is None:
                limit = parts.ranking.limit or 1
                parts.group_by = parts.group_by or [parts.ranked]
                return clarify.direction(parts, metric.id, label, limit, today)
            parts.group_by = parts.group_by or [parts.ranked]
        readings = [r for r in parts.readings if set(r.filters) <= set(metric.dimensions)]
        if len(readings) == 1:  # the metric settles it (a staff category cannot filter beds)
            parts.filters, readings = readings[0].filters, []
        if readings:
            parts.readings = readings
            return clarify.places(parts, metric.id, label, today)
        if parts.landing:
            return landing_plan(parts, metric.id, today)
        compare, notes = parts.compare, list(parts.notes)
        period = parts.period or default_period(parts.grain, today)
        if parts.compare_year and parts.compare_year != period.start.year - 1:
            compare = None  # only the year before can be compared: say so
            notes.append(
                f"Comparaison avec {parts.compare_year} non faite : je compare à N-1 seulement."
                if lang == "fr"
                else f"No comparison with {parts.compare_year}: only the year before is compared."
            )
        if compare == "budget" and not metric.budget_expr:
            compare = None  # never silently: the answer says so
            if "budget" not in metric.id:  # a gap to budget is itself the comparison
                notes.append(
                    "Pas de budget pour cet indicateur : comparaison non faite."
                    if lang == "fr"
                    else "This indicator has no budget: no comparison made."
                )
        plan = QueryPlan.build(
            metric.id,
            period,
            grain=parts.grain,
            filters=parts.filters,
            group_by=parts.group_by,
            compare=compare,
            rank=parts.rank,
        )
        return Planned(plan, lang, parts.period is not None, notes)

    def _without_metric(self, parts: Parts, today: date) -> Clarification | Refusal:
        label = self._label(parts.lang)
        # one metric said in part beside a domain word (« situation financière ») is no guide
        partly = parts.partly if len(parts.partly) > 1 or not parts.domains else []
        if parts.candidates or partly:
            ids = self._fitting(parts.candidates or partly, parts)
            return clarify.metrics(parts, ids, label, today)
        metrics = self.engine.metrics()
        domains = parts.domains or _domains_of_places(parts, lexicon_for(self.engine).dimensions)
        if parts.ranking and (parts.group_by or parts.ranked):
            # « quel est le meilleur pôle ? »: best at what? each choice ranks the poles
            parts.group_by = parts.group_by or [parts.ranked]
            domains = domains or tuple(dict.fromkeys(m.domain for m in metrics))
            ids = [
                m.id
                for m in _a_few_per_domain(metrics, domains)
                if set(parts.group_by) <= set(m.dimensions) and self._rank(parts, m.id)
            ]
            return clarify.metrics(parts, ids, label, today, lambda m: self._rank(parts, m))
        if domains:
            fitting = [m for m in metrics if m.id in self._fitting([m.id for m in metrics], parts)]
            ids = [m.id for m in _a_few_per_domain(fitting or metrics, domains)]
            return clarify.metrics(parts, ids, label, today)
        if parts.generic:
            return clarify.metrics(parts, [m.id for m in metrics if m.unit == "pct"][:6], label,
                                   today)  # fmt: skip
        if parts.unreadable_period:
            return clarify.period(parts, None, today)
        return Refusal(
            "Je ne trouve aucun indicateur du catalogue qui réponde à cette question : "
            "essayez par exemple « taux d'occupation du pôle Médecine le mois dernier »."
            if parts.lang == "fr"
            else "No indicator in the catalogue answers this question: try for example "
            "'bed occupancy in the Medicine pole last month'.",
            parts.lang,
        )

    def _fitting(self, ids: list[str], parts: Parts) -> list[str]:
        """The metrics that can be filtered as the question says (all of them if none)."""
        said = set(parts.filters) | set(parts.group_by)
        fit = [m for m in ids if said <= set(self.engine.metric(m).dimensions)]
        return fit or ids

    def _label(self, lang: str):
        return lambda metric_id: getattr(self.engine.metric(metric_id).label, lang)


def _readings(parts: Parts, found: Entities, words: DimensionWords) -> list[Reading]:
    """Two values of one dimension (« cardiologie et pneumologie »), or two close readings
    of the same words (« urgences »): one reading each, for the planner to ask back."""
    by_dimension: dict[str, list[EntityMatch]] = {}
    for match in found.chosen:
        by_dimension.setdefault(match.dimension, []).append(match)
    several = next((ms for ms in by_dimension.values() if len(ms) > 1), None)
    if several:
        alternatives, replaced = several, several[0]
    elif found.rivals:
        replaced = next(m for m in found.chosen if m.indices == found.rivals[0].indices)
        alternatives = [replaced, *found.rivals]
    else:
        return []
    base = {d: v for d, v in parts.filters.items() if d != replaced.dimension}
    readings = [
        Reading({**base, m.dimension: m.value},
                f"{words.label(m.dimension, parts.lang)} {m.value}")
        for m in alternatives
    ]  # fmt: skip
    if several:  # or all of them side by side
        word = "par" if parts.lang == "fr" else "by"
        label = f"{word} {words.label(replaced.dimension, parts.lang)}"
        readings.append(Reading(base, label, [replaced.dimension]))
    return readings


def _a_few_per_domain(metrics: list, domains: tuple[str, ...], total: int = 6) -> list:
    per_domain = max(1, total // len(domains))
    return [m for d in domains for m in [m for m in metrics if m.domain == d][:per_domain]]


def _domains_of_places(parts: Parts, words: DimensionWords) -> tuple[str, ...]:
    if any(d in parts.filters for d in words.staff):
        return ("hr",)
    return ("activity",) if parts.filters else ()


def _unknown_names(question: str, rest: str, known) -> list[str]:
    """Capitalised words (not the first) that are neither places nor words we know."""
    left = set(rest.split()) - {GAP}
    names = [w for w in raw_words(question)[1:] if w.capitalised and w.norm.isalpha()]
    return [w.surface for w in names if w.norm in left and not known(w.norm)]


def _unknown_reason(word: str, lang: str) -> str:
    if lang == "fr":
        return (
            f"Je ne connais pas « {word} » : ce n'est ni un pôle, ni un service, ni un "
            "établissement de l'entrepôt. S'il s'agit d'une personne, je ne donne aucune "
            "information individuelle."
        )
    return (
        f"I do not know '{word}': it is not a pole, a service or an establishment in the "
        "warehouse. If it is a person, I give no individual information."
    )
