"""One request's questions: the pipeline run inside the logged-in user's perimeter, and
the card and follow-up context made of its answer."""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import html

from cockpit.auth import current_perimeter
from cockpit.engine import Engine, Perimeter, PerimeterDenied, QueryError, QueryPlan
from cockpit.nl.ask import answer_plan, ask
from cockpit.nl.outcomes import Planned
from cockpit.nl.planners import planner_for
from cockpit.ui.ask.card import answered_card, clarify_card, refused_card
from cockpit.ui.ask.how import answer_period, freshness_text, how_it_was_computed, perimeter_text
from cockpit.ui.ask.landing_chart import landing_chart
from cockpit.ui.ask.national_card import is_national, national_card
from cockpit.ui.i18n import current_lang, t


def _scope(answer: dict[str, Any], lang: str) -> str:
    """« Pôle Chirurgie · Mars 2026 »: where and when the figure is."""
    filters = answer.get("filters") or {}
    where = [t("pole", lang, pole=v) if d == "pole" else v for d, v in filters.items()]
    return " · ".join([*where, answer_period(answer, lang)])


def ranking_context(engine: Engine, answer: dict[str, Any], perimeter: Perimeter) -> list[dict]:
    """The whole breakdown behind a ranking, in the ranking's order, so the chart can show
    the winners against the runners-up."""
    if not answer.get("rank") or answer.get("grain"):
        return []
    plan = QueryPlan.from_json({**answer, "rank": None})
    rows = [r for r in engine.run(plan, perimeter).rows if r.get("value") is not None]
    return sorted(rows, key=lambda r: r["value"], reverse=answer["rank"]["order"] == "desc")


class Asker:
    """The engine, this request's user's perimeter and the page's language."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.perimeter = current_perimeter()
        self.lang = current_lang()

    def question(
        self, text: str, previous: QueryPlan | None
    ) -> tuple[dict[str, Any], QueryPlan | None]:
        """(answer, the previous plan if the answer built on it, else None).

        A whole new question asked while a context is on screen does not build on it;
        telling the two apart keeps the audit log and the last questions truthful. The
        offline planner tells (milliseconds), whichever planner answered.
        """
        planner = planner_for(self.engine)
        today = date.today()
        answer = ask(
            text,
            self.engine,
            today=today,
            perimeter=self.perimeter,
            planner=planner,
            previous=previous,
        )
        if previous is not None and answer["status"] == "answered" and not is_national(answer):
            alone = planner_for(self.engine, "offline").plan(text, today, self.perimeter, None)
            if isinstance(alone, Planned) and alone.plan == QueryPlan.from_json(answer):
                previous = None
        return answer, previous

    def choice(self, plan: QueryPlan) -> dict[str, Any]:
        """A tapped clarification: the plan it carries runs as is, not re-planned."""
        return answer_plan(plan, self.engine, perimeter=self.perimeter, lang=self.lang)

    def card(self, answer: dict[str, Any], question: str) -> html.Section:
        lang = self.lang
        if answer["status"] == "clarify":
            return clarify_card(answer, lang, question=question)
        if answer["status"] == "answered" and is_national(answer):
            return national_card(
                self.engine, answer, lang, question=question, perimeter=self.perimeter
            )
        where = perimeter_text(self.engine, self.perimeter, lang)
        if answer["status"] != "answered":
            if self.perimeter.is_everything:
                return refused_card(answer, lang, question=question)
            outside = self._outside_perimeter(answer)
            return refused_card(answer, lang, question=question, perimeter=where, outside=outside)
        metric = self.engine.metric(answer["metric"])
        dimensions = self.engine.catalog.dimensions
        freshness = freshness_text(self.engine, lang)
        how = how_it_was_computed(answer, metric, lang, where, freshness, dimensions)
        return answered_card(
            answer,
            metric,
            lang,
            question=question,
            scope=_scope(answer, lang),
            period_text=answer_period(answer, lang),
            how=how,
            dimensions=dimensions,
            context_rows=ranking_context(self.engine, answer, self.perimeter),
            landing=landing_chart(self.engine, self.perimeter, answer, lang),
        )

    def _outside_perimeter(self, answer: dict[str, Any]) -> bool:
        """Whether a refused plan was refused for reaching outside the user's perimeter (the
        card then says so in the page's words, not the engine's)."""
        if not answer.get("metric"):
            return False
        try:
            self.engine.validate(QueryPlan.from_json(answer), self.perimeter)
        except PerimeterDenied:
            return True
        except QueryError:
            return False
        return False

    def context_of(self, answer: dict[str, Any]) -> dict[str, Any] | None:
        """What a follow-up builds on: the answered plan."""
        if answer["status"] != "answered" or is_national(answer):
            return None
        return QueryPlan.from_json(answer).as_json()
