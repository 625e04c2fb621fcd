"""The metric ids SPEC §4 requires the catalog to ship (other tools depend on them)."""

SPEC_METRIC_IDS: tuple[str, ...] = (
    # activity
    "admissions", "stays_full", "stays_ambulatory", "bed_days", "installed_beds",
    "bed_occupancy_rate", "alos", "ip_dms", "er_visits", "er_admission_rate", "consultations",
    "surgeries", "ambulatory_surgery_rate", "births", "t2a_valuation",
    # hr
    "fte_paid", "fte_budget", "fte_gap", "absenteeism_rate", "overtime_hours", "interim_cost",
    "turnover_rate", "hires", "departures", "payroll_cost",
    # finance
    "total_expenses", "total_revenue", "staff_expenses", "medical_expenses", "general_expenses",
    "depreciation_expenses", "health_insurance_revenue", "operating_result",
    "expense_execution_rate", "budget_gap", "gross_margin_rate", "self_financing_capacity",
    "cash", "days_of_cash", "debt_outstanding", "debt_payback_years", "staff_cost_share",
    # cross-domain
    "t2a_per_fte",
)  # fmt: skip
