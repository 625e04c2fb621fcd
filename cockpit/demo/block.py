"""Monthly figures of one establishment for one extract, and their flattening into rows.

A Block holds one line per (pole, service, …) and one column per demo month; the
writer only ever sees flat columns of numbers and vocabulary codes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cockpit.demo.months import MONTH_INDEX, N_MONTHS

Columns = dict[str, np.ndarray]
NO_PERIOD = -1  # `period` code of rows keyed by year (targets)


class Vocabulary:
    """Every text value of the output, coded as an int32 in order of first use."""

    def __init__(self) -> None:
        self._codes: dict[str, int] = {}

    def code(self, text: str) -> int:
        return self._codes.setdefault(text, len(self._codes))

    def codes(self, texts: list[str]) -> np.ndarray:
        return np.array([self.code(t) for t in texts], dtype=np.int32)

    @property
    def strings(self) -> list[str]:
        return list(self._codes)


@dataclass
class Block:
    labels: dict[str, list[str]]  # text columns, one value per line
    values: dict[str, np.ndarray]  # numeric columns, lines × months

    @property
    def n_lines(self) -> int:
        return len(next(iter(self.labels.values())))

    def where(self, **labels: str) -> np.ndarray:
        """Boolean mask of the lines whose labels equal the given values."""
        mask = np.ones(self.n_lines, dtype=bool)
        for name, value in labels.items():
            mask &= np.array([v == value for v in self.labels[name]], dtype=bool)
        return mask

    def total(self, column: str, mask: np.ndarray | None = None) -> np.ndarray:
        """Monthly total of a column over the masked lines."""
        values = self.values[column]
        return (values if mask is None else values[mask]).sum(axis=0)

    def by(self, label: str, column: str) -> dict[str, np.ndarray]:
        """Monthly totals of a column per value of a label, in order of first appearance."""
        keys = list(dict.fromkeys(self.labels[label]))
        return {key: self.total(column, self.where(**{label: key})) for key in keys}

    def flatten(
        self, vocab: Vocabulary, constants: dict[str, str], names: tuple[str, ...]
    ) -> Columns:
        """Rows ordered by month, then line, with the columns in `names` only;
        `constants` are text columns shared by all rows."""
        n = self.n_lines
        columns: Columns = {"period": np.repeat(MONTH_INDEX.astype(np.int32), n)}
        for name, text in constants.items():
            columns[name] = np.full(n * N_MONTHS, vocab.code(text), dtype=np.int32)
        for name, texts in self.labels.items():
            columns[name] = np.tile(vocab.codes(texts), N_MONTHS)
        for name, matrix in self.values.items():
            if name in names:
                columns[name] = np.ascontiguousarray(matrix.T).ravel()
        return columns


def concat(parts: list[Columns]) -> Columns:
    """One set of columns from the per-establishment parts, in order."""
    return {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}
