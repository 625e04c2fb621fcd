"""Monthly hospital activity of one establishment (the `activity` extract).

Occupancy with winter epidemics and summer slowdown, lengths of stay, IP-DMS,
ER visits, surgeries, births, consultations and their T2A valuation.
"""

from __future__ import annotations

import numpy as np

from cockpit.demo.anomalies import multiplier
from cockpit.demo.block import Block
from cockpit.demo.months import DAYS, ELAPSED_YEARS, N_MONTHS, SUMMER, WINTER
from cockpit.demo.org import Establishment
from cockpit.demo.profiles import KINDS

TARIFF_GROWTH = 0.01  # a year


def _param(est: Establishment, attribute: str) -> np.ndarray:
    return np.array([getattr(KINDS[s.kind], attribute) for s in est.services], dtype=float)


def _is_kind(est: Establishment, kind: str) -> np.ndarray:
    return np.array([s.kind == kind for s in est.services])


def activity_block(est: Establishment, rng: np.random.Generator) -> Block:
    n = len(est.services)
    shape = (n, N_MONTHS)
    poles = [s.pole for s in est.services]
    beds = np.array([s.beds for s in est.services], dtype=float)[:, None]
    volume = np.array([s.volume for s in est.services], dtype=float)[:, None]
    month_share = DAYS / 30.4
    trend = (1 + est.activity_growth) ** ELAPSED_YEARS
    planned_season = 1 - 0.22 * SUMMER  # planned surgery and consultations slow down in summer

    occupancy = (
        _param(est, "occupancy")[:, None]
        + rng.normal(0, 0.015, (n, 1))
        + _param(est, "winter")[:, None] * WINTER
        - _param(est, "summer")[:, None] * SUMMER
        + rng.normal(0, 0.012, shape)
    ) * multiplier("occupancy", est.finess, poles)
    bed_days = np.round(beds * DAYS * np.clip(occupancy, 0, 0.99))

    winter_stays_longer = 1 + 0.04 * WINTER * (_param(est, "winter")[:, None] > 0.03)
    alos = (
        _param(est, "alos")[:, None]
        * np.exp(rng.normal(0, 0.06, (n, 1)))
        * (1 - 0.01 * ELAPSED_YEARS)
        * winter_stays_longer
        * np.exp(rng.normal(0, 0.03, shape))
    )
    stays_full = np.round(bed_days / alos)
    ip_dms = np.clip(1 + rng.normal(0, 0.035, (n, 1)), 0.92, 1.08) + rng.normal(0, 0.012, shape)
    expected_bed_days = np.round(bed_days / ip_dms, 1)

    is_operating_room = _is_kind(est, "operating_room")[:, None]
    surgeries = rng.poisson(
        (_param(est, "surgeries_per_bed")[:, None] * beds + is_operating_room * volume)
        * month_share
        * trend
        * planned_season
        * multiplier("surgeries", est.finess, poles)
    )
    ambulatory_share = np.clip(
        _param(est, "ambulatory_surgery_share")[:, None]
        + rng.normal(0, 0.03, (n, 1))
        + 0.01 * ELAPSED_YEARS,
        0,
        0.95,
    )
    ambulatory_surgeries = rng.binomial(surgeries, ambulatory_share)
    # Day hospital grows twice as fast as the rest (the shift to ambulatory care).
    medical_day_cases = rng.poisson(
        _param(est, "ambulatory_per_bed")[:, None] * beds * month_share * trend**2 * planned_season
    )
    stays_ambulatory = medical_day_cases + ambulatory_surgeries

    is_emergency = _is_kind(est, "emergency")[:, None]
    er_visits = rng.poisson(
        is_emergency * volume * month_share * trend * (1 + 0.12 * WINTER) * (1 + 0.04 * SUMMER)
    )
    er_admissions = rng.binomial(er_visits, np.clip(0.215 + 0.03 * WINTER, 0, 1))
    births = rng.poisson(
        _param(est, "births_per_bed")[:, None] * beds * month_share * (1 + 0.05 * SUMMER)
    )
    consultations = rng.poisson(
        _param(est, "consultations_per_bed")[:, None] * beds * month_share * trend * planned_season
    )

    tariff = (1 + TARIFF_GROWTH) ** ELAPSED_YEARS
    volume_value = _param(est, "volume_value")[:, None]
    # Imaging and laboratory bill external acts in proportion to their size.
    external_acts = (~is_emergency & ~is_operating_room & (beds == 0)) * volume * trend
    t2a = (
        tariff
        * np.exp(rng.normal(0, 0.02, shape))
        * (
            stays_full * _param(est, "stay_value")[:, None]
            + bed_days * _param(est, "day_value")[:, None]
            + medical_day_cases * _param(est, "day_case_value")[:, None]
            + np.where(is_operating_room, surgeries, ambulatory_surgeries) * volume_value
            + er_visits * volume_value
            + external_acts * volume_value * month_share
            + consultations * _param(est, "consultation_value")[:, None]
        )
    )

    return Block(
        labels={"pole": poles, "service": [s.name for s in est.services]},
        values={
            "admissions": (stays_full + stays_ambulatory).astype(np.int64),
            "stays_full": stays_full.astype(np.int64),
            "stays_ambulatory": stays_ambulatory.astype(np.int64),
            "bed_days": bed_days.astype(np.int64),
            "expected_bed_days": expected_bed_days,
            "installed_beds": np.repeat(beds, N_MONTHS, axis=1).astype(np.int64),
            "er_visits": er_visits,
            "er_admissions": er_admissions,
            "consultations": consultations,
            "surgeries": surgeries,
            "ambulatory_surgeries": ambulatory_surgeries,
            "births": births,
            "t2a_valuation_eur": np.round(t2a, 2),
        },
    )
