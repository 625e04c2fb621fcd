"""Evaluate a catalog formula (`staff / expenses`, `coalesce(revenue, 0) - expenses`) over
numpy arrays, NaN standing for SQL NULL: the ratio of landed parts, draw by draw."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import numpy as np
from sqlglot import exp

from cockpit.catalog.expressions import ExpressionError, parse_fragment

_ARITHMETIC = {exp.Add: np.add, exp.Sub: np.subtract, exp.Mul: np.multiply}


@cache
def _tree(sql: str) -> exp.Expression:
    tree = parse_fragment(sql)
    for node in tree.walk():
        if not isinstance(node, (*_ARITHMETIC, exp.Div, exp.Paren, exp.Neg, exp.Literal,
                                 exp.Column, exp.Identifier, exp.Coalesce, exp.Null)):  # fmt: skip
            raise ExpressionError(f"{sql!r}: {node.key} cannot be projected part by part")
    return tree


def check_evaluable(sql: str) -> None:
    """Raise ExpressionError when the formula uses more than arithmetic and coalesce."""
    _tree(sql)


def evaluate(sql: str, values: Mapping[str, np.ndarray]) -> np.ndarray:
    """The formula with each input name bound to an array; a division by zero is NaN, as
    the engine's NULLIF makes it NULL."""
    return _evaluate(_tree(sql), values)


def _evaluate(node: exp.Expression, values: Mapping[str, np.ndarray]) -> np.ndarray:
    if isinstance(node, exp.Paren):
        return _evaluate(node.this, values)
    if isinstance(node, exp.Column):
        return np.asarray(values[node.name], dtype=float)
    if isinstance(node, exp.Literal):
        return np.asarray(float(node.this))
    if isinstance(node, exp.Null):
        return np.asarray(np.nan)
    if isinstance(node, exp.Neg):
        return -_evaluate(node.this, values)
    if isinstance(node, exp.Coalesce):
        result = _evaluate(node.this, values)
        for fallback in node.expressions:
            result = np.where(np.isnan(result), _evaluate(fallback, values), result)
        return result
    left, right = _evaluate(node.left, values), _evaluate(node.right, values)
    if isinstance(node, exp.Div):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # far-tail draws
            return np.where(right == 0, np.nan, left / np.where(right == 0, 1.0, right))
    return _ARITHMETIC[type(node)](left, right)
