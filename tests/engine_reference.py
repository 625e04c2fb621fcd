"""Independent pandas computations of every shipped metric, written from SPEC §4.

Deliberately naive: select rows, sum, divide. If the engine's SQL and these
agree on the hand-made fixture, the metric is right.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

CARE = {"infirmier", "aide-soignant", "sage-femme"}


def _months_back(end: date, n: int) -> date:
    index = end.year * 12 + end.month - 1 - (n - 1)
    return date(index // 12, index % 12 + 1, 1)


class Reference:
    def __init__(self, data: dict[str, pd.DataFrame], start: date, end: date, filters: dict):
        self.d = data
        self.start, self.end = start, end
        self.filters = filters

    def rows(self, table: str, start: date | None = None, end: date | None = None) -> pd.DataFrame:
        df = self.d[table]
        df = df[(df.period >= (start or self.start)) & (df.period <= (end or self.end))]
        for dim, value in self.filters.items():
            column = "establishment_id" if dim == "establishment" else dim
            df = df[df[column] == value]
        return df

    @staticmethod
    def ratio(a: float, b: float) -> float | None:
        return None if b == 0 else a / b

    # activity
    def act(self, column: str) -> float:
        return float(self.rows("activity")[column].sum())

    def installed_beds(self) -> float:
        return float(self.rows("activity").groupby("period").installed_beds.sum().mean())

    def bed_occupancy_rate(self):
        a = self.rows("activity")
        days = a.period.map(lambda p: pd.Timestamp(p).days_in_month)
        return self.ratio(a.bed_days.sum(), (a.installed_beds * days).sum())

    # hr
    def hr(self, column: str) -> float:
        return float(self.rows("hr")[column].sum())

    def hr_avg(self, column: str, care_only: bool = False) -> float:
        h = self.rows("hr")
        if care_only:
            h = h[(h.staff_group == "medical") | h.staff_category.isin(CARE)]
        return float(h.groupby("period")[column].sum().mean())

    def fte_gap(self) -> float:
        h = self.rows("hr")
        return float((h.fte_paid - h.fte_budget).groupby(h.period).sum().mean())

    # finance
    def fin(
        self,
        section: str,
        titre: str | None = None,
        column: str = "actual_eur",
        start: date | None = None,
    ) -> float:
        f = self.rows("finance", start=start)
        f = f[f.section == section]
        if titre:
            f = f[f.titre == titre]
        return float(f[column].sum())

    def operating_result(self, start: date | None = None) -> float:
        return self.fin("produits", start=start) - self.fin("charges", start=start)

    def caf(self, start: date | None = None) -> float:
        depreciation = self.rows("treasury", start=start).depreciation_eur.sum()
        return self.operating_result(start) + float(depreciation)

    def at_end(self, column: str) -> float:
        t = self.rows("treasury")
        last = t.period.max()
        return float(t[t.period == last][column].sum())

    def months_with_data(self, start: date) -> int:
        return self.rows("finance", start=start).period.nunique()

    def value(self, metric: str) -> float | None:
        a, r = self.act, self.ratio
        twelve = _months_back(self.end, 12)
        simple = {
            "admissions": lambda: a("admissions"),
            "stays_full": lambda: a("stays_full"),
            "stays_ambulatory": lambda: a("stays_ambulatory"),
            "bed_days": lambda: a("bed_days"),
            "installed_beds": self.installed_beds,
            "bed_occupancy_rate": self.bed_occupancy_rate,
            "alos": lambda: r(a("bed_days"), a("stays_full")),
            "ip_dms": lambda: r(a("bed_days"), a("expected_bed_days")),
            "er_visits": lambda: a("er_visits"),
            "er_admission_rate": lambda: r(a("er_admissions"), a("er_visits")),
            "consultations": lambda: a("consultations"),
            "surgeries": lambda: a("surgeries"),
            "ambulatory_surgery_rate": lambda: r(a("ambulatory_surgeries"), a("surgeries")),
            "births": lambda: a("births"),
            "t2a_valuation": lambda: a("t2a_valuation_eur"),
            "fte_paid": lambda: self.hr_avg("fte_paid"),
            "fte_budget": lambda: self.hr_avg("fte_budget"),
            "fte_gap": self.fte_gap,
            "absenteeism_rate": lambda: r(self.hr("absence_days"), self.hr("theoretical_days")),
            "overtime_hours": lambda: self.hr("overtime_hours"),
            "interim_cost": lambda: self.hr("interim_cost_eur"),
            "turnover_rate": lambda: r(
                (self.hr("hires") + self.hr("departures")) / 2, self.hr_avg("headcount")
            ),
            "hires": lambda: self.hr("hires"),
            "departures": lambda: self.hr("departures"),
            "payroll_cost": lambda: self.hr("payroll_cost_eur"),
            "total_expenses": lambda: self.fin("charges"),
            "total_revenue": lambda: self.fin("produits"),
            "staff_expenses": lambda: self.fin("charges", "1"),
            "medical_expenses": lambda: self.fin("charges", "2"),
            "general_expenses": lambda: self.fin("charges", "3"),
            "depreciation_expenses": lambda: self.fin("charges", "4"),
            "health_insurance_revenue": lambda: self.fin("produits", "1"),
            "operating_result": self.operating_result,
            "expense_execution_rate": lambda: r(
                self.fin("charges"), self.fin("charges", column="budget_eur")
            ),
            "budget_gap": lambda: self.fin("charges") - self.fin("charges", column="budget_eur"),
            "gross_margin_rate": lambda: r(
                self.fin("produits") - (self.fin("charges") - self.fin("charges", "4")),
                self.fin("produits"),
            ),
            "self_financing_capacity": self.caf,
            "cash": lambda: self.at_end("cash_eur"),
            "days_of_cash": lambda: (
                self.at_end("cash_eur") / (self.fin("charges", start=twelve) / 365)
                if self.months_with_data(twelve) == 12
                else None
            ),
            "debt_outstanding": lambda: self.at_end("debt_outstanding_eur"),
            "debt_payback_years": lambda: (
                self.at_end("debt_outstanding_eur") / self.caf(twelve)
                if self.months_with_data(twelve) == 12 and self.caf(twelve) > 0
                else None
            ),
            "staff_cost_share": lambda: r(self.fin("charges", "1"), self.fin("charges")),
            "t2a_per_fte": lambda: r(a("t2a_valuation_eur"), self.hr_avg("fte_paid", True)),
        }
        return simple[metric]()
