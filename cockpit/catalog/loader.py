"""Load `queries/*.yaml` into a Catalog: each file validated, each error named by file and field.

An invalid definition is reported and left out; the other metrics keep working.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from cockpit.catalog.dimensions import REGISTRY_FILE, DimensionRegistry, load_dimensions
from cockpit.catalog.errors import DefinitionError
from cockpit.catalog.expressions import ExpressionError, check_columns, check_formula
from cockpit.catalog.model import Metric
from cockpit.catalog.yaml_file import read_mapping, validation_errors
from cockpit.contracts import CONTRACTS


@dataclass
class Catalog:
    metrics: dict[str, Metric] = field(default_factory=dict)
    errors: list[DefinitionError] = field(default_factory=list)
    sources: dict[str, Path] = field(default_factory=dict)
    dimensions: DimensionRegistry = field(default_factory=DimensionRegistry)

    def get(self, metric_id: str) -> Metric:
        try:
            return self.metrics[metric_id]
        except KeyError:
            raise KeyError(f"unknown metric {metric_id!r}") from None

    def visible(self) -> list[Metric]:
        return [m for m in self.metrics.values() if not m.hidden]

    def dimensions_of(self, metric_id: str) -> list[str]:
        return list(self.get(metric_id).dimensions)


def _sql_errors(path: Path, metric: Metric) -> list[DefinitionError]:
    errors = []
    if metric.table:
        for name in ("expr", "numerator", "denominator", "filter", "budget_expr"):
            sql = getattr(metric, name)
            if sql:
                try:
                    check_columns(sql, metric.table)
                except ExpressionError as exc:
                    errors.append(DefinitionError(path, name, str(exc)))
    if metric.formula and metric.inputs:
        for name in ("formula", "undefined_when"):
            sql = getattr(metric, name)
            if sql:
                try:
                    check_formula(sql, set(metric.inputs))
                except ExpressionError as exc:
                    errors.append(DefinitionError(path, name, str(exc)))
    return errors


def _dimension_errors(
    path: Path, metric: Metric, registry: DimensionRegistry
) -> list[DefinitionError]:
    """Every dimension is declared in the registry and readable from the metric's table."""
    unknown = [d for d in metric.dimensions if d not in registry]
    if unknown:
        message = f"unknown dimension(s) {unknown}; known: {list(registry.names)}"
        return [DefinitionError(path, "dimensions", message)]
    if not metric.table:
        return []  # a formula's dimensions are checked against its inputs'
    columns = CONTRACTS[metric.table].names
    errors = []
    for dimension in metric.dimensions:
        missing = [c for c in registry.fact_columns(dimension) if c not in columns]
        if missing:
            errors.append(
                DefinitionError(
                    path,
                    "dimensions",
                    f"{dimension!r} needs column(s) {', '.join(missing)}, "
                    f"which table {metric.table} does not have",
                )
            )
    return errors


def _parse_file(path: Path, registry: DimensionRegistry) -> tuple[Metric | None, list]:
    raw, errors = read_mapping(path)
    if raw is None:
        return None, errors
    try:
        metric = Metric.model_validate(raw)
    except ValidationError as exc:
        return None, validation_errors(path, exc)
    if metric.id != path.stem:
        return None, [DefinitionError(path, "id", f"{metric.id!r} must match the file name")]
    errors = _sql_errors(path, metric) + _dimension_errors(path, metric, registry)
    return (None if errors else metric), errors


def _check_references(catalog: Catalog) -> None:
    """Inputs and budget metrics must exist, share dimensions, and not loop."""
    for metric_id in list(catalog.metrics):
        metric = catalog.metrics.get(metric_id)
        if metric is None:
            continue
        path = catalog.sources[metric_id]
        problems: list[DefinitionError] = []
        for name, spec in (metric.inputs or {}).items():
            source = catalog.metrics.get(spec.metric)
            if source is None:
                problems.append(
                    DefinitionError(
                        path, f"inputs.{name}.metric", f"unknown metric {spec.metric!r}"
                    )
                )
                continue
            missing = set(metric.dimensions) - set(source.dimensions)
            if missing:
                problems.append(
                    DefinitionError(
                        path,
                        "dimensions",
                        f"{sorted(missing)} not available in input {spec.metric!r}",
                    )
                )
        if _has_cycle(catalog, metric_id, ()):
            problems.append(DefinitionError(path, "inputs", "inputs refer back to this metric"))
        if problems:
            catalog.errors.extend(problems)
            del catalog.metrics[metric_id]


def _has_cycle(catalog: Catalog, metric_id: str, trail: tuple[str, ...]) -> bool:
    if metric_id in trail:
        return True
    metric = catalog.metrics.get(metric_id)
    if metric is None or not metric.inputs:
        return False
    return any(_has_cycle(catalog, i.metric, trail + (metric_id,)) for i in metric.inputs.values())


def _placement_errors(catalog: Catalog) -> list[DefinitionError]:
    """Two cards at the same place of the same page: the order would be left to chance."""
    taken: dict[tuple[str, int], str] = {}
    errors = []
    for metric in sorted(catalog.metrics.values(), key=lambda m: m.id):
        for page, position, field_name in (
            ("home", metric.placement.home, "placement.home"),
            (metric.page, metric.placement.page, "placement.page"),
            ("landing", metric.placement.landing, "placement.landing"),
        ):
            if position is None:
                continue
            other = taken.setdefault((page, position), metric.id)
            if other != metric.id:
                errors.append(
                    DefinitionError(
                        catalog.sources[metric.id],
                        field_name,
                        f"position {position} is already {other}'s ({catalog.sources[other].name})",
                    )
                )
    return errors


def metric_files(directory: Path) -> list[Path]:
    """The definition files of a directory (every YAML file but the dimension registry)."""
    return [p for p in sorted(directory.glob("*.y*ml")) if p.name != REGISTRY_FILE]


def load_catalog(directory: Path) -> Catalog:
    catalog = Catalog()
    if not directory.is_dir():
        catalog.errors.append(DefinitionError(directory, "(directory)", "not found"))
        return catalog
    catalog.dimensions, catalog.errors = load_dimensions(directory / REGISTRY_FILE)
    for path in metric_files(directory):
        metric, errors = _parse_file(path, catalog.dimensions)
        catalog.errors.extend(errors)
        if metric is None:
            continue
        if metric.id in catalog.metrics:
            catalog.errors.append(
                DefinitionError(
                    path, "id", f"{metric.id!r} is already defined in {catalog.sources[metric.id]}"
                )
            )
            continue
        catalog.metrics[metric.id] = metric
        catalog.sources[metric.id] = path
    # Removing a broken metric can break the formulas that use it: repeat to a fixed point.
    while True:
        before = len(catalog.metrics)
        _check_references(catalog)
        if len(catalog.metrics) == before:
            break
    catalog.errors.extend(_placement_errors(catalog))
    return catalog


__all__ = ["Catalog", "DefinitionError", "load_catalog", "metric_files"]
