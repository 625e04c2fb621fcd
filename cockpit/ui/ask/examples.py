"""Example questions for the Question screen, written from the catalog: the labels of the
metrics on the user's home page (those with data in their perimeter), in four shapes (a
month, a breakdown, a trend, a ranking).

Only the grammar is written here; the vocabulary is the catalog's, so a renamed or new
metric changes the examples with no code change.
"""

from __future__ import annotations

from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter
from cockpit.periods import Period
from cockpit.ui.figures import data_span, home_metric_ids, kpis
from cockpit.ui.i18n import label_of

# (single figure, breakdown by {by}, monthly trend, ranking of {by}s), per language.
TEMPLATES = {
    "fr": (
        "{label} le mois dernier",
        "{label} par {by} depuis janvier",
        "{label} : évolution sur 12 mois",
        "{label} : quel {by} est le plus élevé depuis janvier ?",
    ),
    "en": (
        "{label} last month",
        "{label} by {by} year to date",
        "{label}: trend over the last 12 months",
        "Which {by} has the highest {lower} year to date?",
    ),
}


def _in_sentence(label: str) -> str:
    """A label inside a sentence: « bed occupancy rate », but « ER visits » stays."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


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
    """`count` questions the planner answers, cycling through the four shapes.

    A pole manager's breakdowns and rankings are by service (their perimeter is one pole);
    metrics without that dimension get the single-figure shape instead. None without data.
    """
    by = "service" if perimeter.pole else "pole"
    span = data_span(engine)
    if span is None:
        return []
    # The home's cards for this user: figures that mean something in their perimeter.
    cards = kpis(engine, perimeter, home_metric_ids(engine), Period.month(span[1]), {})
    metrics = [card.metric for card in cards]
    templates = TEMPLATES.get(lang, TEMPLATES["fr"])
    by_word = engine.catalog.dimensions.label(by, lang)
    questions = []
    for i, metric in enumerate(_one_per_domain(metrics, count)):
        template = templates[i % len(templates)]
        if "{by}" in template and by not in metric.dimensions:
            template = templates[0]
        label = label_of(metric.label, lang)
        questions.append(template.format(label=label, lower=_in_sentence(label), by=by_word))
    return questions


def metric_labels(engine: Engine, lang: str) -> list[str]:
    """Every visible metric's label, for the text box's suggestions."""
    return sorted({label_of(m.label, lang) for m in engine.metrics()}, key=str.casefold)
