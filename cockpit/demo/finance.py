"""Monthly accounts of one establishment (the `finance` extract, M21 nomenclature).

Charges titre 1 follow the HR payroll pole by pole; titres 2–4 are planned as shares
of total expenses; produits follow activity, and the annual dotations (MIGAC, DAF,
forfaits) close the planned result. Budgets are the plans, actuals add noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cockpit.demo.anomalies import multiplier
from cockpit.demo.block import Block
from cockpit.demo.ledger import Ledger
from cockpit.demo.months import ELAPSED_YEARS, MONTH, WINTER, YEAR, YEARS, in_year
from cockpit.demo.org import Establishment

INSTITUTION = ""  # pole of the rows kept at establishment level
LOADED_TO_GROSS = {"non_medical": 1.45, "medical": 1.40}  # employer charges on top of salaries
INTERIM_ACCOUNT = "6211"
# Titre 2 (charges à caractère médical): per pole, then for the institution.
MEDICAL_BY_POLE = {"6021": 0.45, "6022": 0.33, "6066": 0.10}
MEDICAL_INSTITUTION = {"6111": 0.07, "6151": 0.05}
# Titre 3 (charges à caractère hôtelier et général): food follows bed-days,
# supplies follow staff, the rest is the institution's.
FOOD, SUPPLIES = ("6063", 0.09), ("6068", 0.07)
GENERAL_INSTITUTION = {
    "6061": 0.15,  # energy and water, more in winter
    "6152": 0.12,
    "6161": 0.05,
    "6226": 0.04,
    "6242": 0.07,
    "6283": 0.10,
    "6288": 0.31,
}
# Titre 4 (amortissements, provisions, charges financières et exceptionnelles).
TITRE_4_SHARE = 0.075
DEPRECIATION_ACCOUNT, DEPRECIATION_SHARE = "6811", 0.05
PROVISIONS_ACCOUNT = "6815"
INTEREST_RATE = 0.027
DEBT_REPAID_PER_YEAR = 0.06  # of the 2023 debt
DOTATIONS = {"73113": 0.2, "73114": 0.4, "73117": 0.4}  # forfaits, MIGAC, DAF
MIN_DOTATIONS = 0.03  # of expenses: every CH gets some MIGAC and forfaits

_YEAR_INDEX = YEAR - YEAR[0]
_MONTHS_IN_YEAR = np.bincount(_YEAR_INDEX)[_YEAR_INDEX]
_DECEMBER = MONTH == 12


@dataclass
class Finance:
    block: Block
    debt: np.ndarray  # outstanding debt at the end of each month


def _yearly(values: np.ndarray) -> np.ndarray:
    """Per-month array of the total of each month's calendar year."""
    totals = {y: values[in_year(y)].sum() for y in YEARS}
    return np.array([totals[int(y)] for y in YEAR])


def debt_outstanding(est: Establishment, annual_expenses: float) -> np.ndarray:
    """Debt at the end of each month, repaid linearly from its 2023 level."""
    repaid = DEBT_REPAID_PER_YEAR * (ELAPSED_YEARS + 1 / 12)
    return est.debt_to_revenue * annual_expenses * (1 - repaid)


def _payroll_accounts(hr: Block, pole: str, column: str) -> dict[str, np.ndarray]:
    """Split one pole's payroll (or planned payroll) into M21 titre 1 accounts."""
    doctors = hr.where(pole=pole, staff_category="médecin")
    interns = hr.where(pole=pole, staff_category="interne")
    others = hr.where(pole=pole) & ~doctors & ~interns
    non_medical, medical, residents = (hr.total(column, m) for m in (others, doctors, interns))
    gross = non_medical / LOADED_TO_GROSS["non_medical"]
    return {
        "6411": 0.8 * gross,
        "6413": 0.2 * gross,
        "6451": non_medical - gross,
        "6421": medical / LOADED_TO_GROSS["medical"],
        "6423": residents / LOADED_TO_GROSS["medical"],
        "6452": (medical + residents) * (1 - 1 / LOADED_TO_GROSS["medical"]),
    }


def _shares(weights: dict[str, np.ndarray], poles: tuple[str, ...]) -> dict[str, float]:
    totals = {pole: float(np.sum(weights.get(pole, 0.0))) for pole in poles}
    grand = sum(totals.values()) or 1.0
    return {pole: total / grand for pole, total in totals.items()}


def _staff_charges(ledger: Ledger, est: Establishment, hr: Block) -> None:
    for pole in est.poles:
        planned = _payroll_accounts(hr, pole, "planned_payroll_eur")
        for account, actual in _payroll_accounts(hr, pole, "payroll_cost_eur").items():
            ledger.charge(pole, "1", account, planned[account], actual)
        lines = hr.where(pole=pole)
        planned_interim = hr.total("planned_interim_eur", lines)
        ledger.charge(
            pole, "1", INTERIM_ACCOUNT, planned_interim, hr.total("interim_cost_eur", lines)
        )


def _medical_charges(
    ledger: Ledger, est: Establishment, activity: Block, hr: Block, planned_expenses: np.ndarray
) -> None:
    plan = est.medical_share * planned_expenses * (1 + 0.03 * WINTER)
    payroll, t2a = hr.by("pole", "payroll_cost_eur"), activity.by("pole", "t2a_valuation_eur")
    care = {p: payroll.get(p, 0.0) + 0.5 * t2a.get(p, 0.0) for p in est.poles}
    for pole, share in _shares(care, est.poles).items():
        for account, account_share in MEDICAL_BY_POLE.items():
            ledger.charge(pole, "2", account, plan * share * account_share)
    for account, account_share in MEDICAL_INSTITUTION.items():
        ledger.charge(INSTITUTION, "2", account, plan * account_share)


def _general_charges(
    ledger: Ledger, est: Establishment, activity: Block, hr: Block, planned_expenses: np.ndarray
) -> None:
    plan = (1 - est.staff_share - est.medical_share - TITRE_4_SHARE) * planned_expenses
    drift = multiplier("general_expenses", est.finess, [INSTITUTION])[0]
    for (account, account_share), weights in (
        (FOOD, activity.by("pole", "bed_days")),
        (SUPPLIES, hr.by("pole", "payroll_cost_eur")),
    ):
        for pole, share in _shares(weights, est.poles).items():
            pole_plan = plan * share * account_share
            ledger.charge(pole, "3", account, pole_plan, ledger.noisy(pole_plan) * drift)
    heating = 1 + 0.3 * np.cos(2 * np.pi * (MONTH - 1) / 12)
    for account, account_share in GENERAL_INSTITUTION.items():
        account_plan = plan * account_share * (heating if account == "6061" else 1)
        ledger.charge(INSTITUTION, "3", account, account_plan, ledger.noisy(account_plan) * drift)


def _titre_4_charges(ledger: Ledger, planned_expenses: np.ndarray, debt: np.ndarray) -> None:
    depreciation = DEPRECIATION_SHARE * _yearly(planned_expenses) / _MONTHS_IN_YEAR
    interest = debt * INTEREST_RATE / 12
    ledger.charge(INSTITUTION, "4", DEPRECIATION_ACCOUNT, depreciation, depreciation)
    ledger.charge(INSTITUTION, "4", "6611", interest, interest)
    provisions = planned_expenses * 0.004 * (1 + 4 * _DECEMBER)  # most at year end
    ledger.charge(INSTITUTION, "4", PROVISIONS_ACCOUNT, provisions)
    ledger.charge(INSTITUTION, "4", "6718", planned_expenses * 0.002)


def _activity_revenue(ledger: Ledger, activity: Block, planned_expenses: np.ndarray) -> None:
    t2a, bed_days = activity.total("t2a_valuation_eur"), activity.total("bed_days")
    noisy = ledger.noisy
    ledger.product("1", "73111", t2a)
    ledger.product("1", "73112", noisy(0.06 * t2a, 0.05))  # drugs and devices billed on top
    ledger.product("2", "7321", noisy(0.05 * t2a + 20.0 * bed_days, 0.02))  # co-payments
    ledger.product("2", "7322", noisy(9.0 * activity.total("consultations"), 0.02))
    ledger.product("2", "7331", noisy(4.5 * bed_days, 0.04))
    ledger.product("3", "7071", noisy(0.012 * planned_expenses, 0.08))
    ledger.product("3", "7588", noisy(0.015 * planned_expenses, 0.06))
    ledger.product("3", "777", 0.004 * _yearly(planned_expenses) / _MONTHS_IN_YEAR)
    ledger.product("3", "7815", noisy(0.002 * planned_expenses * (1 + 4 * _DECEMBER), 0.1))


def _dotations(ledger: Ledger, est: Establishment) -> None:
    """Dotations close each year's planned result on the budgets; where activity alone
    would overshoot it, the surplus goes to provisions."""
    expenses = _yearly(ledger.budgeted("charges"))
    result_rate = np.array(est.planned_result_rate)[_YEAR_INDEX]
    needed = (expenses * (1 + result_rate) - _yearly(ledger.budgeted("produits"))) / _MONTHS_IN_YEAR
    dotations = np.maximum(needed, MIN_DOTATIONS * expenses / _MONTHS_IN_YEAR)
    ledger.top_up(PROVISIONS_ACCOUNT, dotations - needed)
    for account, share in DOTATIONS.items():
        ledger.notified("1", account, dotations * share)


def finance_block(
    est: Establishment, activity: Block, hr: Block, rng: np.random.Generator
) -> Finance:
    ledger = Ledger(rng)
    _staff_charges(ledger, est, hr)
    planned_staff = hr.total("planned_payroll_eur") + hr.total("planned_interim_eur")
    planned_expenses = planned_staff / est.staff_share
    _medical_charges(ledger, est, activity, hr, planned_expenses)
    _general_charges(ledger, est, activity, hr, planned_expenses)
    debt = debt_outstanding(est, 12 * planned_expenses[:12].mean())
    _titre_4_charges(ledger, planned_expenses, debt)
    _activity_revenue(ledger, activity, planned_expenses)
    _dotations(ledger, est)
    return Finance(block=ledger.block(), debt=debt)
