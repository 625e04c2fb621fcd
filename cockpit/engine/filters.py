"""Filters as people type them (`pole=Chirurgie`, `service:Cardiologie`) → {dimension: value}.

One reader for the CLI's `--filter` and the API's `filter=`, so both accept the same forms
and give the same errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cockpit.engine.plan import QueryError

SEPARATORS = (":", "=")


class FilterError(QueryError):
    """A filter that cannot be read; the message names it."""

    code = "invalid_filter"


def parse_filters(
    pairs: Iterable[str], shortcuts: Mapping[str, str | None] | None = None
) -> dict[str, str]:
    """`DIM:VALUE` or `DIM=VALUE` pairs plus shortcut options (pole, service, establishment).

    The first separator wins, so values may contain the other one. A dimension given two
    different values is refused (a filter holds one value).
    """
    filters = {
        dim: value.strip() for dim, value in (shortcuts or {}).items() if value and value.strip()
    }
    for pair in pairs:
        cut = min((i for i in (pair.find(s) for s in SEPARATORS) if i >= 0), default=-1)
        dim, value = (pair[:cut].strip(), pair[cut + 1 :].strip()) if cut >= 0 else ("", "")
        if not dim or not value:
            shown = pair if len(pair) <= 80 else pair[:77] + "…"
            raise FilterError(f"filter {shown!r}: expected DIM:VALUE or DIM=VALUE")
        if filters.get(dim, value) != value:
            raise FilterError(f"two values given for {dim!r}")
        filters[dim] = value
    return filters
