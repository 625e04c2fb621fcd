"""Which page an address shows, and which table of it the export sends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cockpit.engine import UnknownMetric
from cockpit.national.service import national_for
from cockpit.ui.components.table import TableModel
from cockpit.ui.pages import (
    View,
    alerts,
    detail,
    dictionary,
    domain,
    home,
    national,
    national_peers,
    question,
)
from cockpit.ui.selection import Selection

DETAIL_PREFIX = "/indicateur/"
NATIONAL_PREFIX = national.PATH + "/"


@dataclass(frozen=True)
class Route:
    tab: str  # home | activity | hr | finance | national | question | detail | dictionary
    render: Callable[[View], tuple[str, list]]
    table: Callable[[View], TableModel] | None = None
    # Needs the Dash runtime on a first load. Dashboard pages are links only (the export is
    # a plain download link), the Question screen plain forms: on a phone the runtime costs
    # seconds of main-thread work.
    live: bool = True
    # what the page shows when the address does not say (national: one establishment)
    select: Callable[[View], Selection] | None = None


def _domain_route(name: str) -> Route:
    return Route(
        name, lambda v: domain.render(v, name), lambda v: domain.table(v, name), live=False
    )


ROUTES = {
    "/": Route("home", home.render, live=False),
    alerts.PATH: Route("home", alerts.render, live=False),
    "/question": Route("question", question.render, live=False),
    national.PATH: Route("national", national.render, live=False, select=national.select),
    dictionary.PATH: Route("dictionary", dictionary.render, live=False),
    **{path: _domain_route(name) for name, path in domain.PATHS.items()},
}


def route_of(path: str, view_engine=None) -> Route:
    path = (path or "/").rstrip("/") or "/"
    if path in ROUTES:
        return ROUTES[path]
    if path.startswith(DETAIL_PREFIX):
        metric_id = path[len(DETAIL_PREFIX) :]
        if view_engine is not None:
            try:
                metric = view_engine.metric(metric_id)
            except UnknownMetric:
                return Route("none", question.not_found)
            if metric.hidden:
                return Route("none", question.not_found)
        tab = "detail"
        return Route(
            tab,
            lambda v: detail.render(v, metric_id),
            lambda v: detail.table(v, metric_id),
            live=False,
        )
    if path.startswith(NATIONAL_PREFIX):
        return _national_route(path[len(NATIONAL_PREFIX) :], view_engine)
    return Route("none", question.not_found)


def _national_route(indicator_id: str, view_engine) -> Route:
    """A national indicator's list of peers (its export: that list)."""
    if view_engine is not None:
        known = {i.id for i in national_for(view_engine).dictionary.indicators}
        if indicator_id not in known:
            return Route("none", question.not_found)
    return Route(
        "national",
        lambda v: national_peers.render(v, indicator_id),
        lambda v: national_peers.table(v, indicator_id),
        select=national.select,
    )
