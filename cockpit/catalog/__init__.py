"""The metric catalog: `queries/*.yaml` definitions, validated into Metric models, and the
registry of dimensions they are filtered and broken down by (`queries/dimensions.yaml`)."""

from cockpit.catalog.dimensions import Dimension, DimensionRegistry
from cockpit.catalog.loader import Catalog, DefinitionError, load_catalog
from cockpit.catalog.model import Metric

__all__ = ["Catalog", "DefinitionError", "Dimension", "DimensionRegistry", "Metric", "load_catalog"]
