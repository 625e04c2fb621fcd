"""The organisation of the demo: establishments, sites, poles and services.

Holds the fixed GHT « Vallée de l'Ombre » of SPEC §7 (CH de Vallombre and CH de
Rochebrune); the generated establishments of larger groups live in group.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.demo.profiles import KINDS

GHT_NAME = "Vallée de l'Ombre"
VALLOMBRE = "990000012"
ROCHEBRUNE = "990000020"
# The demo on the « Comparaison nationale » page: CH de Vallombre (~900 beds) is compared
# as a real CH of its size, the CH Henri Duffaut d'Avignon (legal entity 840006597), so the
# page has public figures to show. Set as COCKPIT_NATIONAL_FINESS by the demo server.
DEMO_NATIONAL_FINESS = f"{VALLOMBRE}=840006597"


@dataclass(frozen=True)
class Service:
    name: str
    pole: str
    site: str
    kind: str
    beds: int = 0
    # Size of a service without beds: ER visits a month, surgeries a month
    # (operating room) or a staffing scale (1.0 = a 900-bed CH's department).
    volume: float = 0.0

    @property
    def staffing_size(self) -> float:
        """What the kind's staffing ratios multiply: beds, or the volume in its unit."""
        if KINDS[self.kind].has_beds:
            return float(self.beds)
        per_unit = {"emergency": 1000.0, "operating_room": 100.0}.get(self.kind, 1.0)
        return self.volume / per_unit


@dataclass(frozen=True)
class Establishment:
    finess: str
    name: str
    services: tuple[Service, ...]
    seed: int  # picks this establishment's own random streams
    teaching: bool = True  # has internes
    activity_growth: float = 0.015  # a year
    staff_share: float = 0.625  # planned titre 1 / total expenses
    medical_share: float = 0.14  # planned titre 2 / total expenses
    planned_result_rate: tuple[float, float, float, float] = (-0.005, -0.005, -0.005, -0.005)
    cash_days: float = 20.0
    debt_to_revenue: float = 0.45

    @property
    def poles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.pole for s in self.services))

    @property
    def installed_beds(self) -> int:
        return sum(s.beds for s in self.services)


def _services(site: str, pole: str, *rows: tuple) -> tuple[Service, ...]:
    return tuple(Service(name, pole, site, *rest) for name, *rest in rows)


_CENTRE, _NORD = "Vallombre-Centre", "Vallombre-Nord"

VALLOMBRE_SERVICES = (
    _services(
        _CENTRE,
        "Médecine",
        ("Cardiologie", "medicine", 60),
        ("Pneumologie", "medicine", 50),
        ("Médecine interne", "medicine", 62),
        ("Gastro-entérologie", "medicine", 42),
        ("Neurologie", "medicine", 38),
        ("Oncologie", "medicine", 32),
        ("Endocrinologie-Diabétologie", "medicine", 24),
    )
    + _services(
        _CENTRE,
        "Chirurgie",
        ("Chirurgie orthopédique", "surgery", 56),
        ("Chirurgie digestive", "surgery", 46),
        ("Urologie", "surgery", 30),
        ("Bloc opératoire", "operating_room", 0, 320),
    )
    + _services(
        _CENTRE,
        "Femme-Mère-Enfant",
        ("Maternité", "maternity", 32),
        ("Pédiatrie", "pediatrics", 30),
        ("Néonatologie", "neonatology", 18),
    )
    + _services(
        _CENTRE,
        "Urgences-Réanimation",
        ("Urgences", "emergency", 0, 5500),
        ("Réanimation", "intensive_care", 20),
        ("Unité de surveillance continue", "intensive_care", 12),
        ("SMUR", "mobile_emergency", 0, 1.0),
    )
    + _services(
        _NORD,
        "Gériatrie",
        ("Court séjour gériatrique", "geriatric_acute", 64),
        ("SSR", "rehabilitation", 90),
        ("Unité de soins de longue durée", "long_term_care", 60),
    )
    + _services(
        _NORD,
        "Psychiatrie",
        ("Psychiatrie adulte", "psychiatry", 110),
        ("Pédopsychiatrie", "child_psychiatry", 22),
    )
    + _services(
        _CENTRE,
        "Médico-technique",
        ("Imagerie", "imaging", 0, 1.0),
        ("Laboratoire", "laboratory", 0, 1.0),
        ("Pharmacie", "pharmacy", 0, 1.0),
    )
)

ROCHEBRUNE_SERVICES = (
    _services(
        "Rochebrune",
        "Médecine",
        ("Médecine polyvalente", "medicine", 56),
        ("Médecine interne", "medicine", 38),
        ("Urgences", "emergency", 0, 1700),
    )
    + _services(
        "Rochebrune",
        "Chirurgie",
        ("Chirurgie viscérale", "surgery", 30),
        ("Ophtalmologie", "ophthalmology", 4),
    )
    + _services(
        "Rochebrune",
        "Gériatrie",
        ("Unité de soins de longue durée", "long_term_care", 60),
        ("Soins de suite et de réadaptation", "rehabilitation", 60),
    )
)

DEMO_ESTABLISHMENTS = (
    Establishment(
        VALLOMBRE,
        "CH de Vallombre",
        VALLOMBRE_SERVICES,
        seed=1,
        staff_share=0.622,
        medical_share=0.145,
        planned_result_rate=(-0.008, -0.011, -0.014, -0.008),
        cash_days=22.0,
        debt_to_revenue=0.42,
    ),
    Establishment(
        ROCHEBRUNE,
        "CH de Rochebrune",
        ROCHEBRUNE_SERVICES,
        seed=2,
        activity_growth=0.01,
        staff_share=0.63,
        medical_share=0.12,
        planned_result_rate=(0.004, 0.002, -0.004, -0.006),
        cash_days=15.0,
        debt_to_revenue=0.33,
    ),
)
