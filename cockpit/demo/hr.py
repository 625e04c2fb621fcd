"""Monthly human resources of one establishment (the `hr` extract).

One line per service and staff category: FTE paid against budget, headcount,
absenteeism (higher in winter and summer), overtime, interim, turnover, payroll.
"""

from __future__ import annotations

import numpy as np

from cockpit.demo.anomalies import multiplier
from cockpit.demo.block import Block
from cockpit.demo.months import ELAPSED_YEARS, MONTH, N_MONTHS, SUMMER, WINTER, WORKING_DAYS, YEAR
from cockpit.demo.org import Establishment, Service
from cockpit.demo.profiles import KINDS
from cockpit.demo.staff import (
    ABSENTEEISM,
    COST_PER_FTE,
    HEADCOUNT_PER_FTE,
    OVERTIME_HOURS_PER_FTE,
    STAFF_CATEGORIES,
)

MIN_FTE = 0.8  # smaller staffings are not worth a line
SALARY_GROWTH = 0.02  # a year (index point, Ségur measures, seniority)
FTE_BUDGET_GROWTH = 0.005  # a year
MONTHLY_TURNOVER = 0.0105  # hires (and departures) per head and month
_HIRES_SEASON = np.array([0.8, 0.8, 0.9, 0.9, 0.9, 0.9, 1.0, 0.9, 1.5, 1.4, 1.2, 0.8])
_DEPARTURES_SEASON = np.array([0.9, 0.8, 0.9, 0.9, 0.9, 1.2, 1.3, 1.3, 1.2, 0.9, 0.9, 0.8])
_OVERTIME_EUR_PER_HOUR = {"medical": 70.0, "non_medical": 27.0}


def staff_lines(est: Establishment) -> list[tuple[Service, str, float]]:
    """(service, category, budgeted FTE) for every staffed service and category."""
    lines = []
    for service in est.services:
        staffing = KINDS[service.kind].staffing
        for category in STAFF_CATEGORIES:
            fte = staffing.get(category, 0.0) * service.staffing_size
            if fte >= MIN_FTE and (est.teaching or category != "interne"):
                lines.append((service, category, fte))
    return lines


def hr_block(est: Establishment, rng: np.random.Generator) -> Block:
    lines = staff_lines(est)
    n = len(lines)
    shape = (n, N_MONTHS)
    poles = [service.pole for service, _, _ in lines]
    categories = [category for _, category, _ in lines]
    groups = [STAFF_CATEGORIES[c] for c in categories]
    base_fte = np.array([fte for *_, fte in lines])[:, None]
    interim_per_fte = np.array(
        [KINDS[service.kind].interim_per_fte.get(category, 0.0) for service, category, _ in lines]
    )[:, None]

    fte_budget = np.round(base_fte * (1 + FTE_BUDGET_GROWTH) ** (YEAR - YEAR[0]), 2)
    fte_gap = rng.normal(0, 0.018, (n, 1)) + rng.normal(0, 0.006, shape) - 0.01 * SUMMER
    fte_paid = np.round(fte_budget * (1 + fte_gap), 2)
    headcount_ratio = np.array([HEADCOUNT_PER_FTE.get(c, 1.1) for c in categories])[:, None]
    headcount = np.maximum(
        1, np.round(fte_paid * headcount_ratio * np.exp(rng.normal(0, 0.02, (n, 1))))
    )
    theoretical_days = np.round(fte_paid * WORKING_DAYS)

    usual_absenteeism = np.array([ABSENTEEISM[c] for c in categories])[:, None] * np.exp(
        rng.normal(0, 0.15, (n, 1))
    )
    absenteeism = np.clip(
        (usual_absenteeism + 0.02 * WINTER + 0.018 * SUMMER + rng.normal(0, 0.005, shape))
        * multiplier("absenteeism", est.finess, poles),
        0,
        0.6,
    )
    absence_days = np.round(theoretical_days * absenteeism)
    overtime_per_fte = np.array([OVERTIME_HOURS_PER_FTE.get(c, 1.5) for c in categories])[:, None]
    overtime_hours = np.round(
        fte_paid
        * overtime_per_fte
        * (1 + 4 * np.maximum(0, absenteeism - usual_absenteeism))
        * np.exp(rng.normal(0, 0.08, shape)),
        1,
    )
    interim = np.round(
        fte_paid
        * interim_per_fte
        * (1 + 1.2 * SUMMER)
        * (1 + 0.6 * WINTER)
        * multiplier("interim", est.finess, poles)
        * np.exp(rng.normal(0, 0.2, shape)),
        2,
    )
    hires = rng.poisson(headcount * MONTHLY_TURNOVER * _HIRES_SEASON[MONTH - 1])
    departures = rng.poisson(headcount * MONTHLY_TURNOVER * _DEPARTURES_SEASON[MONTH - 1])

    unit_cost = (
        np.array([COST_PER_FTE[c] for c in categories])[:, None]
        * (1 + SALARY_GROWTH) ** ELAPSED_YEARS
    )
    hourly = np.array([_OVERTIME_EUR_PER_HOUR[g] for g in groups])[:, None]
    payroll = np.round(
        fte_paid * unit_cost * np.exp(rng.normal(0, 0.008, shape)) + overtime_hours * hourly, 2
    )
    planned_payroll = fte_budget * unit_cost + fte_budget * overtime_per_fte * hourly
    planned_interim = base_fte * interim_per_fte * (1 + SUMMER + 0.5 * WINTER)

    return Block(
        labels={
            "pole": poles,
            "service": [service.name for service, _, _ in lines],
            "staff_group": groups,
            "staff_category": categories,
        },
        values={
            "fte_paid": fte_paid,
            "fte_budget": fte_budget,
            "headcount": headcount.astype(np.int64),
            "absence_days": absence_days.astype(np.int64),
            "theoretical_days": theoretical_days.astype(np.int64),
            "overtime_hours": overtime_hours,
            "interim_cost_eur": interim,
            "hires": hires,
            "departures": departures,
            "payroll_cost_eur": payroll,
            # Plans for the finance budget; the writer keeps only contract columns.
            "planned_payroll_eur": planned_payroll,
            "planned_interim_eur": planned_interim,
        },
    )
