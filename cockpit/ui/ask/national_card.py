"""The answer to a national question (« … par rapport aux CH comparables ? ») on the Question
screen: the question, the sentence, the indicator's card as on « Comparaison nationale »
(value, standing, bullet chart, trend) and the way to that page.

Such an answer carries `national` instead of a plan: its figure is the public one, so it
is no context for a follow-up.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from cockpit.engine import Engine, Perimeter
from cockpit.national.service import NationalError, national_for
from cockpit.ui.ask.card import quoted
from cockpit.ui.i18n import t
from cockpit.ui.pages.national import PATH, indicator_card


def is_national(answer: dict[str, Any]) -> bool:
    return answer.get("national") is not None


def national_card(
    engine: Engine, answer: dict[str, Any], lang: str, *, question: str, perimeter: Perimeter
) -> html.Section:
    national = answer["national"]
    shown = national["indicator"]
    group = national["peer_group"]
    parts: list = [quoted(question, lang), html.P(answer["answer"], className="ask-sentence")]
    try:
        comparison = national_for(engine).compare(
            national["finess"], year=shown["year"], perimeter=perimeter,
            group_id=None if group["kind"] == "category_size" else group["id"],
            indicators=[shown["id"]],
        )  # fmt: skip
    except NationalError:  # the public data changed since the answer: the sentence stays
        comparison = None
    if comparison is not None and comparison.indicators[0].selected is not None:
        peers_href = f"{PATH}/{shown['id']}?an={shown['year']}"
        parts.append(indicator_card(comparison.indicators[0], lang, peers_href))
    parts.append(dcc.Link(t("page_national", lang) + " ›", href=PATH, className="back"))
    return html.Section(parts, className="panel ask-card ask-answered")
