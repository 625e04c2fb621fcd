"""Generated establishments for large groups (`cockpit demo --establishments N`).

Each one is drawn from its own random stream (so establishment k is the same
whatever N): a made-up town, a unique FINESS, poles and services from a fixed menu.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cockpit.demo.org import Establishment, Service
from cockpit.demo.profiles import KINDS
from cockpit.demo.seeds import stream

_ROOTS = (
    "Roche",
    "Val",
    "Mont",
    "Beau",
    "Belle",
    "Font",
    "Ville",
    "Clair",
    "Haute",
    "Lor",
    "Mar",
    "Cour",
    "Bois",
    "Pré",
    "Lan",
    "Mor",
    "Sar",
    "Ver",
    "Aube",
    "Char",
    "Gré",
    "Saule",
)
_ENDINGS = (
    "fort",
    "mont",
    "court",
    "lac",
    "ville",
    "bourg",
    "val",
    "brune",
    "combe",
    "ignac",
    "ières",
    "ay",
    "on",
    "ac",
    "eux",
    "ombre",
    "rive",
    "pierre",
)
_SUFFIXES = ("", "-sur-Ombre", "-les-Bains", "-en-Vallée", "-le-Château", "-la-Forêt")
_RESERVED = ("Rochebrune", "Vallombre")


@dataclass(frozen=True)
class _Offer:
    service: str
    kind: str
    low: float  # beds, or volume for services without beds
    high: float

    @property
    def has_beds(self) -> bool:
        return KINDS[self.kind].has_beds


@dataclass(frozen=True)
class _PoleOffer:
    pole: str
    probability: float
    fewest: int
    most: int
    offers: tuple[_Offer, ...]
    first_always: bool = False  # e.g. no Urgences-Réanimation pole without Urgences


def _pole(pole: str, probability: float, fewest: int, most: int, *offers, first_always=False):
    return _PoleOffer(
        pole, probability, fewest, most, tuple(_Offer(*o) for o in offers), first_always
    )


# fmt: off
POLE_MENU = (
    _pole("Médecine", 1.0, 4, 7,
          ("Médecine polyvalente", "medicine", 20, 60),
          ("Cardiologie", "medicine", 24, 60),
          ("Pneumologie", "medicine", 20, 50),
          ("Médecine interne", "medicine", 24, 62),
          ("Gastro-entérologie", "medicine", 16, 42),
          ("Neurologie", "medicine", 16, 40),
          ("Oncologie", "medicine", 12, 32)),
    _pole("Chirurgie", 0.9, 3, 5,
          ("Chirurgie viscérale", "surgery", 16, 40),
          ("Chirurgie orthopédique", "surgery", 20, 56),
          ("Chirurgie digestive", "surgery", 16, 46),
          ("Urologie", "surgery", 12, 30),
          ("Ophtalmologie", "ophthalmology", 2, 6),
          ("Bloc opératoire", "operating_room", 100, 320)),
    _pole("Femme-Mère-Enfant", 0.7, 2, 3,
          ("Maternité", "maternity", 14, 36),
          ("Pédiatrie", "pediatrics", 12, 30),
          ("Néonatologie", "neonatology", 6, 18),
          first_always=True),
    _pole("Urgences-Réanimation", 0.8, 2, 4,
          ("Urgences", "emergency", 1200, 5500),
          ("Réanimation", "intensive_care", 8, 20),
          ("Unité de surveillance continue", "intensive_care", 6, 12),
          ("SMUR", "mobile_emergency", 0.5, 1.0),
          first_always=True),
    _pole("Gériatrie", 0.95, 2, 3,
          ("Court séjour gériatrique", "geriatric_acute", 20, 64),
          ("Soins de suite et de réadaptation", "rehabilitation", 30, 90),
          ("Unité de soins de longue durée", "long_term_care", 30, 80)),
    _pole("Psychiatrie", 0.5, 1, 2,
          ("Psychiatrie adulte", "psychiatry", 40, 110),
          ("Pédopsychiatrie", "child_psychiatry", 10, 22),
          first_always=True),
    _pole("Médico-technique", 0.8, 2, 3,
          ("Imagerie", "imaging", 0.3, 1.0),
          ("Laboratoire", "laboratory", 0.3, 1.0),
          ("Pharmacie", "pharmacy", 0.3, 1.0)),
)
# fmt: on
MAX_GENERATED = 10**7 - 1000
_SECOND_SITE_POLES = ("Gériatrie", "Psychiatrie")
_TWO_SITES_FROM_BEDS = 350


def _join(root: str, ending: str) -> str | None:
    # "Roche" + "ombre" reads "Rochombre"; "Beau" + "ay" reads nothing (None).
    vowels = "aeiouyéè"
    if root[-1] in vowels and ending[0] in vowels:
        if root[-2] in vowels:
            return None
        root = root[:-1]
    return root + ending


def _towns() -> list[str]:
    stems = [_join(root, ending) for root in _ROOTS for ending in _ENDINGS]
    names = [stem + suffix for suffix in _SUFFIXES for stem in stems if stem]
    unique = [n for n in dict.fromkeys(names) if n not in _RESERVED]
    order = stream("towns").permutation(len(unique))
    return [unique[i] for i in order]


_TOWNS = _towns()


def town(k: int) -> str:
    """The k-th made-up town; numbered once the names run out."""
    name = _TOWNS[k % len(_TOWNS)]
    return name if k < len(_TOWNS) else f"{name} {k // len(_TOWNS) + 1}"


def finess(k: int) -> str:
    """A unique 9-digit FINESS in the fictitious département 99."""
    if not 0 <= k < MAX_GENERATED:
        raise ValueError(f"at most {MAX_GENERATED:,} generated establishments")
    return f"99{1000 + k:07d}"


def _establishment_name(place: str) -> str:
    return f"CH d'{place}" if place[0] in "AEIOUÉ" else f"CH de {place}"


def _draw_services(rng: np.random.Generator, place: str) -> tuple[Service, ...]:
    size = rng.uniform(0.0, 0.9)
    drawn: list[tuple[str, _Offer, float]] = []
    for menu in POLE_MENU:
        if rng.random() >= menu.probability:
            continue
        count = int(rng.integers(menu.fewest, menu.most + 1))
        picks = set(rng.choice(len(menu.offers), size=count, replace=False).tolist())
        if menu.first_always:
            picks = {0} | set(sorted(picks)[: count - 1])
        for i in sorted(picks):
            offer = menu.offers[i]
            scale = float(np.clip(size + rng.normal(0, 0.15), 0.0, 1.0))
            drawn.append((menu.pole, offer, offer.low + (offer.high - offer.low) * scale))
    beds = sum(amount for _, offer, amount in drawn if offer.has_beds)
    two_sites = beds >= _TWO_SITES_FROM_BEDS

    def site(pole: str) -> str:
        if not two_sites:
            return place
        return f"{place}-Nord" if pole in _SECOND_SITE_POLES else f"{place}-Centre"

    return tuple(
        Service(offer.service, pole, site(pole), offer.kind, round(amount), 0.0)
        if offer.has_beds
        else Service(offer.service, pole, site(pole), offer.kind, 0, round(amount, 2))
        for pole, offer, amount in drawn
    )


def generated_establishment(k: int) -> Establishment:
    """The k-th generated establishment (k = 0, 1, …)."""
    rng = stream("structure", k)
    place = town(k)
    services = _draw_services(rng, place)
    return Establishment(
        finess=finess(k),
        name=_establishment_name(place),
        services=services,
        seed=1000 + k,
        teaching=bool(rng.random() < 0.4),
        activity_growth=float(rng.uniform(0.005, 0.025)),
        staff_share=float(rng.uniform(0.6, 0.64)),
        medical_share=float(rng.uniform(0.11, 0.15)),
        planned_result_rate=tuple(
            round(float(r), 4) for r in np.clip(rng.normal(-0.004, 0.008, 4), -0.025, 0.02)
        ),
        cash_days=float(rng.uniform(10, 35)),
        debt_to_revenue=float(rng.uniform(0.2, 0.6)),
    )
