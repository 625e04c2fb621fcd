"""What a landing says beside its figures, in French and English."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Note:
    en: str
    fr: str

    def said(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


def complete_year(year: int) -> Note:
    return Note(f"{year} is complete: the landing is the actual",
                f"{year} est complète : l'atterrissage est le réalisé")  # fmt: skip


NO_INTERVAL = Note(
    "no interval yet: it needs at least two months of year-on-year change",
    "pas encore d'intervalle : il faut au moins deux mois d'évolution sur un an",
)


class BudgetNote(Note):
    """Why the landing has no budget beside it."""


def partial_budget(year: int, months: int) -> BudgetNote:
    return BudgetNote(
        f"no budget for the year: the budget of {year} is known for {months} of its 12 months only",
        f"pas de budget annuel : le budget {year} n'est connu que pour {months} mois sur 12",
    )
