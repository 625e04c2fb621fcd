"""Example questions for the Question screen, written from the catalog: the labels of the
metrics a director looks at first, in three shapes (a month, a breakdown, a trend).

Only the grammar is written here; the vocabulary is the catalog's, so a renamed or new
metric changes the examples with no code change.
"""

from __future__ import annotations

from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter
from cockpit.ui.figures import HOME_METRICS
from cockpit.ui.i18n import label_of

# (single figure, breakdown by {by}, monthly trend), per language.
TEMPLATES = {
    "fr": (
        "{label} le mois dernier",
        "{label} par {by} depuis janvier",
        "{label} : évolution sur 12 mois",
    ),
    "en": (
        "{label} last month",
        "{label} by {by} year to date",
        "{label}: trend over the last 12 months",
    ),
}
_BY = {"fr": {"pole": "pôle", "service": "service"}, "en": {"pole": "pole", "service": "service"}}


def _one_per_domain(metrics: list[Metric], count: int) -> list[Metric]:
    """The first metric of each domain in home order, then the next ones, up to `count`."""
    chosen: list[Metric] = []
    seen: set[str] = set()
    for metric in metrics:
        if metric.domain not in seen:
            chosen.append(metric)
            seen.add(metric.domain)
    chosen += [m for m in metrics if m not in chosen]
    return chosen[:count]


def example_questions(engine: Engine, perimeter: Perimeter, lang: str, count: int = 4) -> list[str]:
    """`count` questions the planner answers, cycling through the three shapes.

    A pole manager's breakdown is by service (their perimeter is one pole); metrics
    without that dimension get the single-figure shape instead.
    """
    by = "service" if perimeter.pole else "pole"
    metrics = [m for m in (engine.metric(i) for i in HOME_METRICS) if not m.hidden]
    if perimeter.pole:
        metrics = [m for m in metrics if "pole" in m.dimensions]
    single, split, trend = TEMPLATES.get(lang, TEMPLATES["fr"])
    questions = []
    for i, metric in enumerate(_one_per_domain(metrics, count)):
        template = (single, split, trend)[i % 3]
        if template is split and by not in metric.dimensions:
            template = single
        by_word = _BY.get(lang, _BY["fr"])[by]
        questions.append(template.format(label=label_of(metric.label, lang), by=by_word))
    return questions


def metric_labels(engine: Engine, lang: str) -> list[str]:
    """Every visible metric's label, for the text box's suggestions."""
    return sorted({label_of(m.label, lang) for m in engine.metrics()}, key=str.casefold)
