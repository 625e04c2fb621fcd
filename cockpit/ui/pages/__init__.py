"""The pages of the dashboard; `View` is what every page is rendered from.

A View is built per request from the URL, the language cookie and the user's
perimeter (taken at call time), so the same function serves the first HTML,
the Dash layout, SPA navigation and the export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cockpit.engine import Engine, Perimeter
from cockpit.periods import Period
from cockpit.ui.components.pickers import period_label
from cockpit.ui.i18n import t
from cockpit.ui.selection import Selection


@dataclass(frozen=True)
class View:
    engine: Engine
    perimeter: Perimeter
    lang: str
    path: str
    sel: Selection
    first: date
    latest: date
    names: dict[str, str]  # FINESS → name, within the perimeter

    @property
    def period(self) -> Period:
        return self.sel.period(self.latest, self.first)

    @property
    def period_text(self) -> str:
        return period_label(self.sel.kind, self.period, self.lang)

    @property
    def filters(self) -> dict[str, str]:
        return self.sel.filters()

    @property
    def scope_text(self) -> str:
        """What the figures cover: one establishment or the whole group, and the pole chosen
        or the one the user's perimeter holds."""
        if self.sel.establishment in self.names:
            scope = self.names[self.sel.establishment]
        elif len(self.names) == 1:
            scope = next(iter(self.names.values()))
        else:
            scope = t("group", self.lang)
        pole = self.sel.pole or self.perimeter.pole
        return f"{scope} · {t('pole', self.lang, pole=pole)}" if pole else scope

    @property
    def several_establishments(self) -> bool:
        """Whether the page covers more than one establishment (the whole group)."""
        return self.sel.establishment not in self.names and len(self.names) > 1

    @property
    def scope_short(self) -> str:
        """The scope in a few words for the top bar: the pole when there is one."""
        pole = self.sel.pole or self.perimeter.pole
        return t("pole", self.lang, pole=pole) if pole else self.scope_text

    def href(self, path: str, **changes) -> str:
        return path + self.sel.query(**changes)

    def metric_href(self, metric_id: str) -> str:
        """A metric's detail page, keeping period and establishment, not pole or sort."""
        return self.href(f"/indicateur/{metric_id}", pole=None, by=None, sort=None)
