"""The metric catalog: `queries/*.yaml` definitions, validated into Metric models."""

from cockpit.catalog.loader import Catalog, DefinitionError, load_catalog
from cockpit.catalog.model import DIMENSIONS, Metric

__all__ = ["Catalog", "DefinitionError", "DIMENSIONS", "Metric", "load_catalog"]
