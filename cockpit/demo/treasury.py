"""Monthly treasury of one establishment (the `treasury` extract): cash, debt, depreciation.

Cash moves around a number of days of expenses, lowest in January after the
year-end payments and highest in July; the debt is repaid a little every month.
"""

from __future__ import annotations

import numpy as np

from cockpit.demo.block import Block
from cockpit.demo.finance import DEPRECIATION_ACCOUNT, Finance
from cockpit.demo.months import MONTH, N_MONTHS, YEAR, in_year
from cockpit.demo.org import Establishment


def treasury_block(est: Establishment, finance: Finance, rng: np.random.Generator) -> Block:
    accounts = finance.block
    expenses = accounts.total("actual_eur", accounts.where(section="charges"))
    yearly_daily = np.array([expenses[in_year(y)].mean() * 12 / 365 for y in YEAR])
    drift = np.cumsum(rng.normal(0, 0.3, N_MONTHS))
    days = est.cash_days + 3.5 * np.sin(2 * np.pi * (MONTH - 4) / 12) + drift - drift.mean()
    cash = np.maximum(days, 3.0) * yearly_daily
    depreciation = accounts.total("actual_eur", accounts.where(account=DEPRECIATION_ACCOUNT))
    return Block(
        labels={"establishment_id": [est.finess]},
        values={
            "cash_eur": np.round(cash, 2)[None, :],
            "debt_outstanding_eur": np.round(finance.debt, 2)[None, :],
            "depreciation_eur": np.round(depreciation, 2)[None, :],
        },
    )
