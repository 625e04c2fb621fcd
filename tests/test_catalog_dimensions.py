"""The registry of dimensions (`queries/dimensions.yaml`): declared once, checked against the
extracts, each error named by file and field; metrics use only what it declares."""

from __future__ import annotations

import pytest
import yaml

from cockpit.catalog import load_catalog
from cockpit.catalog.dimensions import REGISTRY_FILE


def _edit_registry(queries, **entries) -> None:
    path = queries / REGISTRY_FILE
    registry = yaml.safe_load(path.read_text(encoding="utf-8"))
    registry["dimensions"].update(entries)
    path.write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), "utf-8")


def _edit_metric(queries, metric_id: str, **changes) -> None:
    path = queries / f"{metric_id}.yaml"
    definition = yaml.safe_load(path.read_text(encoding="utf-8"))
    definition.update(changes)
    path.write_text(yaml.safe_dump(definition, allow_unicode=True, sort_keys=False), "utf-8")


def _errors(queries) -> dict[tuple[str, str], str]:
    """(file name, field) → the messages about it, joined."""
    found: dict[tuple[str, str], str] = {}
    for e in load_catalog(queries).errors:
        key = (e.path.name, e.field)
        found[key] = f"{found[key]}; {e.message}" if key in found else e.message
    return found


LABEL = {"fr": "discipline", "en": "discipline"}


@pytest.mark.parametrize(
    ("entry", "field", "message"),
    [
        ({"label": LABEL, "column": "ward", "listed_in": "structure"}, "column", "no fact"),
        ({"label": LABEL, "column": "pole", "listed_in": "payroll"}, "listed_in", "unknown"),
        ({"label": LABEL, "structure": "floor"}, "structure", "not a column of structure"),
        ({"label": LABEL, "from": "ward", "values": {"MCO": ["Cardiologie"]}}, "from", "above"),
        ({"label": LABEL, "from": "service", "values": {"MCO": ["SSR"], "SSR": ["SSR"]}},
         "values.SSR", "already in group 'MCO'"),
        ({"label": LABEL, "column": "pole"}, "(dimension)", "listed_in"),
        ({"label": LABEL, "column": "pole", "structure": "site"}, "(dimension)", "exactly one"),
        ({"column": "pole", "listed_in": "structure"}, "label", "required"),
    ],
)  # fmt: skip
def test_a_broken_registry_entry_is_named_by_file_and_field(queries, entry, field, message):
    _edit_registry(queries, discipline=entry)
    errors = _errors(queries)
    where = "dimensions.discipline" + ("" if field == "(dimension)" else f".{field}")
    assert message in errors[(REGISTRY_FILE, where)], errors


def test_a_broken_entry_leaves_the_other_dimensions_and_metrics_working(queries):
    _edit_registry(queries, discipline={"label": LABEL, "structure": "floor"})
    catalog = load_catalog(queries)
    assert "discipline" not in catalog.dimensions and "site" in catalog.dimensions
    assert "admissions" in catalog.metrics


def test_perimeters_need_establishment_and_pole(queries):
    _edit_registry(queries, pole={"label": LABEL, "column": "service", "listed_in": "structure"})
    assert "must be pole" in _errors(queries)[(REGISTRY_FILE, "dimensions.pole.column")]


def test_a_metric_names_only_declared_dimensions_its_table_can_give(queries):
    _edit_metric(queries, "admissions", dimensions=["establishment", "ward"])
    _edit_metric(queries, "cash", dimensions=["establishment", "site"])
    errors = _errors(queries)
    assert "unknown dimension(s) ['ward']" in errors[("admissions.yaml", "dimensions")]
    assert "needs column(s) pole, service" in errors[("cash.yaml", "dimensions")]


def test_two_cards_at_one_place_are_named_with_both_files(queries):
    _edit_metric(queries, "births", placement={"home": 30})
    message = _errors(queries)[("births.yaml", "placement.home")]
    assert "already admissions's (admissions.yaml)" in message


def test_a_hidden_helper_has_no_card(queries):
    _edit_metric(queries, "headcount", placement={"page": 5})
    assert "no card" in _errors(queries)[("headcount.yaml", "(file)")]


def test_a_queries_directory_without_a_registry_says_where_to_declare(queries):
    (queries / REGISTRY_FILE).unlink()
    assert "not found" in _errors(queries)[(REGISTRY_FILE, "(file)")]
