"""Yearly targets and alert thresholds of one establishment and its poles (`targets`).

Values are in each metric's own unit (rates as fractions, flows per month). Targets
come from the year's plans (FTE and payroll budgets, planned result) or from the
previous year's actuals (the first year uses its own), so the anomalies of a year
stand out against its targets. Thresholds follow the direction assumed for the
metric (DIRECTIONS, the same as in the catalog `queries/`):
higher_is_better: green if value ≥ amber, amber if ≥ red, else red;
lower_is_better:  green if value ≤ amber, amber if ≤ red, else red;
target_band:      green if |value − target| ≤ amber, amber if ≤ red, else red.
"""

from __future__ import annotations

import numpy as np

from cockpit.demo.block import Block
from cockpit.demo.finance import TITRE_4_SHARE
from cockpit.demo.months import DAYS, YEARS, in_year
from cockpit.demo.org import Establishment

DIRECTIONS = {
    "bed_occupancy_rate": "target_band",
    "alos": "lower_is_better",
    "ip_dms": "lower_is_better",
    "er_visits": "higher_is_better",
    "births": "higher_is_better",
    "admissions": "higher_is_better",
    "consultations": "higher_is_better",
    "surgeries": "higher_is_better",
    "ambulatory_surgery_rate": "higher_is_better",
    "t2a_valuation": "higher_is_better",
    "absenteeism_rate": "lower_is_better",
    "fte_paid": "lower_is_better",
    "interim_cost": "lower_is_better",
    "overtime_hours": "lower_is_better",
    "payroll_cost": "lower_is_better",
    "expense_execution_rate": "lower_is_better",
    "staff_cost_share": "lower_is_better",
    "gross_margin_rate": "higher_is_better",
    "operating_result": "higher_is_better",
    "days_of_cash": "higher_is_better",
}
GROWTH_AMBITION = 1.01  # activity targets: last year's level plus 1 %

Target = tuple[str, str, int, float, float, float]  # metric, pole, year, target, amber, red


def _target(metric: str, target: float, amber: float, red: float, digits: int = 3) -> tuple:
    """A target with absolute thresholds (deviations for target_band metrics)."""
    return metric, round(target, digits), round(amber, digits), round(red, digits)


def _relative(metric: str, target: float, amber: float, red: float, digits: int = 0) -> tuple:
    """A target whose thresholds are factors of it (e.g. 0.97 × target)."""
    return _target(metric, target, target * amber, target * red, digits)


def _monthly(block: Block, column: str, lines: np.ndarray, months: np.ndarray) -> float:
    """Average monthly total of a column over some lines and months."""
    return float(block.values[column][lines][:, months].sum()) / int(months.sum())


def _shared_targets(
    activity: Block, hr: Block, lines: tuple[np.ndarray, np.ndarray], basis, months
) -> list[tuple]:
    """Targets set both for a whole establishment and for each of its poles."""
    on_activity, on_hr = lines
    rows = []
    beds = activity.values["installed_beds"][on_activity][:, basis]
    capacity = float((beds * DAYS[basis]).sum())
    bed_days = _monthly(activity, "bed_days", on_activity, basis) * int(basis.sum())
    if capacity:
        rows.append(_target("bed_occupancy_rate", bed_days / capacity, 0.03, 0.06))
    if stays := _monthly(activity, "stays_full", on_activity, basis) * int(basis.sum()):
        rows.append(_relative("alos", bed_days / stays, 1.03, 1.08, 2))
    if admissions := _monthly(activity, "admissions", on_activity, basis):
        rows.append(_relative("admissions", GROWTH_AMBITION * admissions, 0.97, 0.93))
    absence = _monthly(hr, "absence_days", on_hr, basis)
    target = absence / _monthly(hr, "theoretical_days", on_hr, basis) - 0.005
    rows.append(_target("absenteeism_rate", target, target + 0.01, target + 0.025))
    fte_budget = _monthly(hr, "fte_budget", on_hr, months)
    rows.append(_relative("fte_paid", fte_budget, 1.01, 1.025, 1))
    if interim := _monthly(hr, "planned_interim_eur", on_hr, months):
        rows.append(_relative("interim_cost", interim, 1.2, 1.5, -2))
    return rows


def _establishment_only_targets(
    est: Establishment, activity: Block, hr: Block, finance: Block, year_index: int, basis, months
) -> list[tuple]:
    every_activity = np.ones(activity.n_lines, dtype=bool)
    every_hr = np.ones(hr.n_lines, dtype=bool)

    def last_year(column: str) -> float:
        return _monthly(activity, column, every_activity, basis)

    rows = [_relative("ip_dms", 1.0, 1.02, 1.05, 3)]
    for metric, column in (("er_visits", "er_visits"), ("births", "births")):
        if volume := last_year(column):
            rows.append(_relative(metric, volume, 0.95, 0.9))
    for metric, column, digits in (
        ("consultations", "consultations", 0),
        ("surgeries", "surgeries", 0),
        ("t2a_valuation", "t2a_valuation_eur", -2),
    ):
        if volume := last_year(column):
            rows.append(_relative(metric, GROWTH_AMBITION * volume, 0.97, 0.93, digits))
    if surgeries := last_year("surgeries"):
        rate = last_year("ambulatory_surgeries") / surgeries + 0.02
        rows.append(_target("ambulatory_surgery_rate", rate, rate - 0.03, rate - 0.06))
    overtime = _monthly(hr, "overtime_hours", every_hr, basis)
    rows.append(_relative("overtime_hours", 0.95 * overtime, 1.1, 1.25))
    payroll = _monthly(hr, "planned_payroll_eur", every_hr, months)
    rows.append(_relative("payroll_cost", payroll, 1.01, 1.03, -3))
    rows.append(_target("expense_execution_rate", 1.0, 1.005, 1.02))
    share = est.staff_share
    rows.append(_target("staff_cost_share", share, share + 0.01, share + 0.025))
    result_rate = est.planned_result_rate[year_index]
    margin = result_rate + TITRE_4_SHARE - 0.005
    rows.append(_target("gross_margin_rate", margin, margin - 0.01, margin - 0.025))
    expenses = _monthly(finance, "budget_eur", finance.where(section="charges"), months)
    result = result_rate * expenses
    rows.append(
        _target(
            "operating_result", result, result - 0.005 * expenses, result - 0.015 * expenses, -3
        )
    )
    rows.append(_relative("days_of_cash", est.cash_days, 0.8, 0.6, 1))
    return rows


def establishment_targets(
    est: Establishment, activity: Block, hr: Block, finance: Block
) -> list[Target]:
    """Targets of the establishment (pole "") and of each pole, for every demo year."""
    rows: list[Target] = []
    for year_index, year in enumerate(YEARS):
        months = in_year(year)
        basis = in_year(YEARS[max(year_index - 1, 0)])
        whole = (np.ones(activity.n_lines, dtype=bool), np.ones(hr.n_lines, dtype=bool))
        found = _shared_targets(activity, hr, whole, basis, months)
        found += _establishment_only_targets(est, activity, hr, finance, year_index, basis, months)
        rows += [(metric, "", year, *values) for metric, *values in found]
        for pole in est.poles:
            lines = (activity.where(pole=pole), hr.where(pole=pole))
            rows += [
                (metric, pole, year, *values)
                for metric, *values in _shared_targets(activity, hr, lines, basis, months)
            ]
    return rows
