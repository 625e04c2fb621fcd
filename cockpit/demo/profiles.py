"""Service kinds: how each kind of hospital service behaves (activity, staffing, money).

Plain numbers a French hospital director recognises; the generators only add
seasonality, trends, noise and the documented anomalies on top of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kind:
    """One kind of service. Staffing is FTE per installed bed, or per unit of
    `volume` for services without beds (ER: per 1,000 visits a month; operating
    room: per 100 surgeries a month; others: per unit of size)."""

    name: str
    staffing: dict[str, float]
    occupancy: float = 0.0
    winter: float = 0.0  # occupancy points added at the peak of a winter epidemic
    summer: float = 0.0  # occupancy points lost in August
    alos: float = 1.0
    ambulatory_per_bed: float = 0.0  # day-hospital stays per bed and month
    day_case_value: float = 700.0  # T2A euros per day-hospital stay (psychiatry: dotation)
    consultation_value: float = 30.0
    consultations_per_bed: float = 0.0
    surgeries_per_bed: float = 0.0
    ambulatory_surgery_share: float = 0.0
    births_per_bed: float = 0.0
    stay_value: float = 0.0  # T2A euros per full stay (GHS)
    day_value: float = 0.0  # euros per bed-day (SSR activity funding)
    volume_value: float = 0.0  # euros per unit of volume (external acts, ER, surgeries)
    # Monthly interim euros per FTE of a category (agency doctors and nurses).
    interim_per_fte: dict[str, float] = field(default_factory=dict)

    @property
    def has_beds(self) -> bool:
        return self.occupancy > 0


# Secretaries, stretcher-bearers, kitchen, laundry, IT… shared out over the wards.
_WARD = {"administratif": 0.35, "technique": 0.4}

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "medicine",
            {
                "médecin": 0.14,
                "interne": 0.07,
                "infirmier": 1.0,
                "aide-soignant": 0.85,
                "médico-technique": 0.03,
                **_WARD,
            },
            occupancy=0.87,
            winter=0.06,
            summer=0.03,
            alos=5.9,
            ambulatory_per_bed=3.0,
            consultations_per_bed=22,
            stay_value=3_600,
            volume_value=0,
        ),
        Kind(
            "surgery",
            # Ward staff plus its share of operating-room nurses and anaesthetists.
            {"médecin": 0.2, "interne": 0.08, "infirmier": 1.3, "aide-soignant": 0.8, **_WARD},
            occupancy=0.85,
            summer=0.1,
            alos=5.0,
            ambulatory_per_bed=0.3,
            consultations_per_bed=16,
            surgeries_per_bed=4.6,
            ambulatory_surgery_share=0.45,
            stay_value=3_900,
            volume_value=1_300,
        ),
        Kind(
            "ophthalmology",
            {
                "médecin": 0.9,
                "interne": 0.3,
                "infirmier": 2.5,
                "aide-soignant": 1.5,
                "administratif": 0.8,
                "technique": 0.5,
            },
            occupancy=0.7,
            summer=0.15,
            alos=2.4,
            consultations_per_bed=140,
            surgeries_per_bed=14,
            ambulatory_surgery_share=0.8,
            stay_value=2_600,
            volume_value=1_250,
        ),
        Kind(
            "maternity",
            {
                "médecin": 0.15,
                "interne": 0.05,
                "sage-femme": 1.3,
                "infirmier": 0.2,
                "aide-soignant": 0.9,
                "administratif": 0.3,
                "technique": 0.3,
            },
            occupancy=0.82,
            alos=4.4,
            consultations_per_bed=35,
            births_per_bed=4.6,
            stay_value=2_900,
        ),
        Kind(
            "pediatrics",
            {
                "médecin": 0.2,
                "interne": 0.1,
                "infirmier": 1.5,
                "aide-soignant": 0.9,
                "administratif": 0.3,
                "technique": 0.3,
            },
            occupancy=0.78,
            winter=0.12,
            summer=0.06,
            alos=3.6,
            ambulatory_per_bed=3.0,
            consultations_per_bed=30,
            stay_value=2_200,
        ),
        Kind(
            "neonatology",
            {
                "médecin": 0.3,
                "interne": 0.12,
                "infirmier": 2.2,
                "aide-soignant": 0.9,
                "administratif": 0.2,
                "technique": 0.2,
            },
            occupancy=0.85,
            winter=0.04,
            alos=9.0,
            stay_value=7_500,
        ),
        Kind(
            "intensive_care",
            {
                "médecin": 0.5,
                "interne": 0.25,
                "infirmier": 3.0,
                "aide-soignant": 1.6,
                "administratif": 0.3,
                "technique": 0.3,
            },
            occupancy=0.86,
            winter=0.06,
            alos=6.5,
            stay_value=14_000,
            interim_per_fte={"médecin": 900.0, "infirmier": 250.0},
        ),
        Kind(
            "emergency",
            {
                "médecin": 5.5,
                "interne": 1.8,
                "infirmier": 11.0,
                "aide-soignant": 7.0,
                "administratif": 3.0,
                "technique": 1.0,
            },
            volume_value=145,
            interim_per_fte={"médecin": 2_600.0, "infirmier": 150.0},
        ),
        Kind(
            "mobile_emergency",
            {"médecin": 9.0, "infirmier": 9.0, "technique": 12.0, "administratif": 1.0},
            interim_per_fte={"médecin": 1_200.0},
        ),
        Kind(
            "operating_room",
            {
                "médecin": 5.0,
                "interne": 1.5,
                "infirmier": 20.0,
                "aide-soignant": 6.0,
                "technique": 3.0,
                "administratif": 1.2,
            },
            ambulatory_surgery_share=0.6,
            volume_value=1_600,
            interim_per_fte={"médecin": 1_900.0, "infirmier": 300.0},
        ),
        Kind(
            "geriatric_acute",
            {
                "médecin": 0.09,
                "interne": 0.03,
                "infirmier": 0.7,
                "aide-soignant": 1.0,
                "administratif": 0.25,
                "technique": 0.4,
                "médico-technique": 0.05,
            },
            occupancy=0.9,
            winter=0.05,
            alos=10.0,
            ambulatory_per_bed=0.5,
            consultations_per_bed=5,
            stay_value=4_600,
        ),
        Kind(
            "rehabilitation",
            {
                "médecin": 0.04,
                "infirmier": 0.45,
                "aide-soignant": 0.7,
                "médico-technique": 0.18,
                "administratif": 0.2,
                "technique": 0.35,
            },
            occupancy=0.89,
            winter=0.02,
            alos=32.0,
            ambulatory_per_bed=1.0,
            consultations_per_bed=2,
            day_value=250,
            day_case_value=300,
        ),
        Kind(
            "long_term_care",
            {
                "médecin": 0.02,
                "infirmier": 0.3,
                "aide-soignant": 0.85,
                "médico-technique": 0.03,
                "administratif": 0.12,
                "technique": 0.3,
            },
            occupancy=0.95,
            alos=250.0,
        ),
        Kind(
            "psychiatry",
            {
                "médecin": 0.08,
                "interne": 0.03,
                "infirmier": 0.85,
                "aide-soignant": 0.3,
                "médico-technique": 0.12,
                "administratif": 0.25,
                "technique": 0.3,
            },
            occupancy=0.88,
            alos=28.0,
            ambulatory_per_bed=6.0,
            consultations_per_bed=45,
            day_case_value=0,
            consultation_value=0,
        ),
        Kind(
            "child_psychiatry",
            {
                "médecin": 0.12,
                "interne": 0.05,
                "infirmier": 1.0,
                "aide-soignant": 0.3,
                "médico-technique": 0.25,
                "administratif": 0.3,
                "technique": 0.3,
            },
            occupancy=0.8,
            summer=0.1,
            alos=15.0,
            ambulatory_per_bed=15.0,
            consultations_per_bed=60,
            day_case_value=0,
            consultation_value=0,
        ),
        Kind(
            "imaging",
            {
                "médecin": 10.0,
                "interne": 3.0,
                "médico-technique": 48.0,
                "aide-soignant": 6.0,
                "administratif": 14.0,
                "technique": 2.0,
            },
            volume_value=260_000,
        ),
        Kind(
            "laboratory",
            {
                "médecin": 6.0,
                "interne": 2.0,
                "médico-technique": 50.0,
                "administratif": 6.0,
                "technique": 5.0,
            },
            volume_value=90_000,
        ),
        Kind(
            "pharmacy",
            {
                "médecin": 7.0,
                "interne": 4.0,
                "médico-technique": 22.0,
                "technique": 8.0,
                "administratif": 4.0,
            },
        ),
    )
}
