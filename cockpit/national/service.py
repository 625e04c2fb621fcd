"""`National`: the one road to the public data for the CLI, the page, the API and questions.

It reads the dictionary and the peer groups next to the metric catalog, resolves which
public FINESS an establishment is compared as (COCKPIT_NATIONAL_FINESS), and runs the
comparison through the engine (read-only, time-limited, cached per warehouse version).
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass

from cockpit.catalog.loader import DefinitionError
from cockpit.config import national_finess
from cockpit.contracts import FINESS_PATTERN
from cockpit.engine import Engine, Perimeter, QueryError
from cockpit.national.dictionary import Dictionary, Indicator, dictionary_path, load_dictionary
from cockpit.national.figures import Comparison, IndicatorComparison, pick_year, year_figure
from cockpit.national.own import own_figure, sees_establishment
from cockpit.national.peers import DEFAULT_GROUP, PeerGroup, load_peer_groups, peers_path
from cockpit.national.sql import Target, comparison_sql, identity_sql, peer_list_sql

_FINESS = re.compile(f"^{FINESS_PATTERN}$")
TIMEOUT_S = 20.0  # one query computes every indicator, year and peer group at once


class NationalError(QueryError):
    code = "invalid_request"


class UnknownFiness(NationalError):
    code = "unknown_finess"


class NoNationalData(NationalError):
    code = "no_national_data"


@dataclass(frozen=True)
class PeerRow:
    finess: str
    name: str
    value: float | None
    status: str | None
    me: bool


class National:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.dictionary: Dictionary = load_dictionary(engine.queries_dir)
        self.groups, self._group_errors = load_peer_groups(engine.queries_dir)

    # -- configuration --------------------------------------------------------------
    @property
    def errors(self) -> list[DefinitionError]:
        """Problems of the dictionary and the peer groups, and own metrics the catalog lacks."""
        found = [*self.dictionary.errors, *self._group_errors]
        for indicator in self.dictionary.indicators:
            own = indicator.own
            if own is None:
                continue
            where = f"indicators[{indicator.id}].own"
            metric = self.engine.catalog.metrics.get(own.metric)
            if metric is None:
                problem = (where + ".metric", f"unknown metric {own.metric!r}")
            else:
                wrong = [d for d in own.filters if d not in metric.dimensions]
                problem = (where + ".filters", f"{own.metric} cannot be filtered by {wrong}")
                if not wrong:
                    continue
            found.append(DefinitionError(self.dictionary.path, *problem))
        return found

    def group(self, group_id: str | None) -> PeerGroup:
        try:
            return self.groups[group_id or DEFAULT_GROUP]
        except KeyError:
            raise NationalError(
                f"unknown peer group {group_id!r} (known: {', '.join(self.groups)})"
            ) from None

    def mapping(self) -> dict[str, str]:
        """Establishment of the monthly data → public FINESS it is compared as."""
        try:
            return national_finess()
        except ValueError as exc:
            raise NationalError(str(exc)) from exc

    def resolve(self, finess: str) -> tuple[str, str | None]:
        """(public FINESS, establishment of the monthly data) for a FINESS given either way."""
        finess = finess.strip()
        mapping = self.mapping()
        if finess in mapping:
            return mapping[finess], finess
        mine = next((own for own, public in mapping.items() if public == finess), None)
        if mine is None and finess in self.engine.establishments():
            mine = finess
        return finess, mine

    # -- queries ----------------------------------------------------------------------
    def _rows(self, sql: str) -> list[tuple]:
        return self.engine.cached(
            ("national", sql), lambda: self.engine.execute_trusted(sql, TIMEOUT_S)
        )

    def has_data(self) -> bool:
        if not self.engine.has_table("national_value"):
            return False
        return bool(self._rows("SELECT count(*) FROM national_value")[0][0])

    def target(self, finess: str) -> tuple[Target, str | None]:
        """The entity a FINESS names in the public files, and its latest name."""
        if not _FINESS.match(finess):
            raise NationalError(f"{finess!r} is not a FINESS number (9 characters)")
        if not self.has_data():
            raise NoNationalData(
                "no public data imported yet: run `cockpit national import` with the "
                "Hospi Diag and SAE files"
            )
        is_legal_entity, its_legal_entity, name = self._rows(identity_sql(finess))[0]
        if is_legal_entity:
            return Target(finess, "legal_entity", finess), name
        if its_legal_entity:
            return Target(finess, "site", its_legal_entity), name
        raise UnknownFiness(f"FINESS {finess} is in none of the imported public files")

    def compare(
        self,
        finess: str,
        *,
        year: int | None = None,
        group_id: str | None = None,
        perimeter: Perimeter | None = None,
        indicators: list[str] | None = None,
    ) -> Comparison:
        """`finess` (a public FINESS, or an establishment of the monthly data) against its
        peers; the hospital's own figures beside, inside `perimeter`."""
        perimeter = perimeter or Perimeter.everything()
        public, establishment = self.resolve(finess)
        target, name = self.target(public)
        group = self.group(group_id)
        chosen = self._indicators(indicators)
        rows = self._rows(comparison_sql(chosen, target, group)) if chosen else []
        by_indicator: dict[str, list] = {}
        for row in rows:
            by_indicator.setdefault(row[0], []).append(row)
        compared = []
        for indicator in chosen:
            years = tuple(year_figure(indicator, r) for r in by_indicator.get(indicator.id, []))
            selected = pick_year(years, year)
            own = own_figure(
                self.engine, indicator, establishment, selected.year if selected else year,
                perimeter,
            )  # fmt: skip
            compared.append(IndicatorComparison(indicator, years, selected, own))
        hidden = establishment is not None and not sees_establishment(perimeter, establishment)
        return Comparison(
            target.finess, target.level, target.legal_entity, name, group, year,
            tuple(compared), establishment, hidden,
        )  # fmt: skip

    def _indicators(self, ids: list[str] | None) -> list[Indicator]:
        if ids is None:
            return list(self.dictionary.indicators)
        try:
            return [self.dictionary.get(i) for i in ids]
        except KeyError as exc:
            raise NationalError(exc.args[0]) from None

    def peer_list(
        self, finess: str, indicator_id: str, year: int, group_id: str | None = None
    ) -> list[PeerRow]:
        """The hospital and each peer for one indicator and year, highest value first."""
        public, _ = self.resolve(finess)
        target, _ = self.target(public)
        (indicator,) = self._indicators([indicator_id])
        sql = peer_list_sql(indicator, year, target, self.group(group_id))
        return [PeerRow(*row) for row in self._rows(sql)]


_PER_ENGINE: weakref.WeakKeyDictionary[Engine, tuple[tuple, National]] = weakref.WeakKeyDictionary()
_PER_ENGINE_LOCK = threading.Lock()


def _files_version(engine: Engine) -> tuple:
    """When the dictionary or the peer groups last changed (edits apply without a restart,
    as for queries/)."""
    stamps = []
    for path in (dictionary_path(engine.queries_dir), peers_path(engine.queries_dir)):
        try:
            stamps.append(path.stat().st_mtime_ns)
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def national_for(engine: Engine) -> National:
    """One National per engine, read again when its files change."""
    version = _files_version(engine)
    with _PER_ENGINE_LOCK:
        found = _PER_ENGINE.get(engine)
        if found is None or found[0] != version:
            found = _PER_ENGINE[engine] = (version, National(engine))
        return found[1]
