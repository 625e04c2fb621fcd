"""The compact prompt: one line per metric (id, labels, synonyms, ai_instructions) and the
names of poles, services and staff categories, then the question. The system part is the
same for every question, so a local server reuses its prompt cache."""

from __future__ import annotations

from datetime import date

from cockpit.catalog.model import Metric

RULES = """\
You fill plan_question for a French public hospital's steering dashboard. Questions are in \
French or English, often dictated on a phone, with typos and abbreviations.
- metric: the indicator id below that answers the question; null if none does.
- filters: only the places or staff the question restricts to; words = as written in the \
question (the code finds the exact name). A metric's own words are not a filter \
(« passages aux urgences » is er_visits, not the service Urgences).
- group_by: the dimension of « par pôle », "by service", « quel service… », "which pole…".
- rank: « le plus / the most / highest » → desc, « le moins / the lowest » → asc; limit = how \
many asked (1 if one); only with group_by.
- compare: previous_year (vs l'an dernier, N-1), budget, target (objectif) — only if asked.
- grain: month for « évolution », trend, monthly, « par mois »; otherwise null.
- period: null unless the question names months the code may have missed; YYYY-MM."""


def system_prompt(metrics: list[Metric], names: dict[str, list[str]]) -> str:
    """Rules, the dimension values and one line per metric."""
    lines = [RULES, "", "Values:"]
    lines += [f"{dim}: {', '.join(values)}" for dim, values in names.items() if values]
    lines += ["", "Indicators (id: names; notes):"]
    lines += [metric_line(m) for m in metrics]
    return "\n".join(lines)


def metric_line(metric: Metric) -> str:
    """`id: phrase, phrase…; ai_instructions`, each phrase once whatever its case."""
    said: dict[str, str] = {}
    for phrase in [metric.label.fr, metric.label.en, *metric.synonyms.fr, *metric.synonyms.en]:
        said.setdefault(phrase.casefold(), phrase)
    line = f"{metric.id}: {', '.join(said.values())}"
    if metric.ai_instructions:
        line += f"; {metric.ai_instructions.strip()}"
    return line


def messages(system: str, question: str, today: date) -> list[tuple[str, str]]:
    """The chat messages for one question (LangChain accepts (role, text) pairs)."""
    return [("system", system), ("human", f"Today: {today:%Y-%m-%d}. Question: {question}")]


def dimension_names(engine) -> dict[str, list[str]]:
    """The values of each dimension questions may name (the registry's `questions`), in the
    whole warehouse, so the model knows a service from a pole (the perimeter applies later,
    so the model sees names, never figures)."""
    return {dim: engine.dimension_values(dim) for dim in engine.catalog.dimensions.asked()}
