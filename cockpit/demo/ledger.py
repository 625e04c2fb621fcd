"""The account lines of one establishment being drawn up: labels, actual and budget per month.

Budgets are the plans scaled by the year's budget bias; actuals are the plans with
monthly noise unless given.
"""

from __future__ import annotations

import numpy as np

from cockpit.demo.block import Block
from cockpit.demo.months import N_MONTHS, YEAR, YEARS

_LABELS = ("pole", "section", "titre", "account")


class Ledger:
    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.labels: dict[str, list[str]] = {name: [] for name in _LABELS}
        self.actual: list[np.ndarray] = []
        self.budget: list[np.ndarray] = []
        year = YEAR - YEAR[0]
        self.expense_bias = (1 + rng.uniform(-0.006, 0.006, len(YEARS)))[year]
        self.revenue_bias = (1 + rng.uniform(-0.005, 0.005, len(YEARS)))[year]

    def noisy(self, plan: np.ndarray, sigma: float = 0.03) -> np.ndarray:
        return plan * np.exp(self.rng.normal(0, sigma, N_MONTHS))

    def charge(self, pole: str, titre: str, account: str, plan, actual=None) -> None:
        """An expense line: budget from the plan, actual given or the plan with noise."""
        actual = self.noisy(plan) if actual is None else actual
        self._add(pole, "charges", titre, account, actual, np.asarray(plan) * self.expense_bias)

    def product(self, titre: str, account: str, actual: np.ndarray) -> None:
        """A revenue line of the institution; its budget was a close forecast."""
        budget = self.noisy(actual, 0.02) * self.revenue_bias
        self._add("", "produits", titre, account, actual, budget)

    def notified(self, titre: str, account: str, amount: np.ndarray) -> None:
        """A revenue line known in advance (dotations): budget equals actual."""
        self._add("", "produits", titre, account, amount, amount)

    def top_up(self, account: str, amount: np.ndarray) -> None:
        """Add a planned amount to the actual and budget of an existing account line."""
        i = self.labels["account"].index(account)
        self.actual[i] = self.actual[i] + amount
        self.budget[i] = self.budget[i] + amount

    def budgeted(self, section: str) -> np.ndarray:
        """Monthly budget total of a section."""
        lines = np.array([s == section for s in self.labels["section"]], dtype=bool)
        return np.array(self.budget)[lines].sum(axis=0)

    def block(self) -> Block:
        return Block(
            labels=self.labels,
            values={
                "actual_eur": np.round(np.array(self.actual), 2),
                "budget_eur": np.round(np.array(self.budget), 2),
            },
        )

    def _add(self, pole, section, titre, account, actual, budget) -> None:
        actual = np.broadcast_to(np.asarray(actual, dtype=float), (N_MONTHS,))
        if not actual.any():
            return
        for name, value in zip(_LABELS, (pole, section, titre, account), strict=True):
            self.labels[name].append(value)
        self.actual.append(actual)
        self.budget.append(np.broadcast_to(np.asarray(budget, dtype=float), (N_MONTHS,)))
