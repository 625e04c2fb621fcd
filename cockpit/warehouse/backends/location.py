"""Warehouse URLs: which engine, and where its data lives.

    duckdb:///abs/path/cockpit.duckdb      (a relative path: duckdb:relative/path.duckdb)
    postgresql://user:password@host:5432/db?sslmode=require
    spark+local:///abs/dir                 Spark in this process (local mode), Parquet under dir
    spark://master:7077/abs/dir            a Spark cluster; dir must be seen by every executor
Query parameters starting with `spark.` are Spark settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from cockpit import config

KINDS = {"duckdb": "duckdb", "postgresql": "postgresql", "postgres": "postgresql",
         "spark": "spark", "spark+local": "spark"}  # fmt: skip


class LocationError(ValueError):
    """A warehouse URL that cannot be used; the message says why and what is expected."""


@dataclass(frozen=True)
class Location:
    kind: str  # duckdb | postgresql | spark
    url: str
    path: Path | None = None  # the DuckDB file, or the Spark warehouse directory
    master: str | None = None  # Spark: local[*] or spark://host:port
    settings: tuple[tuple[str, str], ...] = field(default=())

    def __str__(self) -> str:
        return redacted(self.url)


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


def warehouse_location(explicit: str | os.PathLike | Location | None = None) -> Location:
    """--db (a file path or a URL) first, then COCKPIT_WAREHOUSE, then the DuckDB file of
    COCKPIT_DB (default data/cockpit.duckdb)."""
    if isinstance(explicit, Location):
        return explicit
    if explicit is not None and str(explicit):
        text = str(explicit)
        return parse_location(text) if is_url(text) else duckdb_location(explicit)
    url = os.environ.get("COCKPIT_WAREHOUSE", "").strip()
    if url:
        return parse_location(url)
    return duckdb_location(config.warehouse_path(None))


def is_url(value: str) -> bool:
    """A warehouse URL rather than a file path."""
    scheme, sep, _ = value.partition(":")
    return bool(sep) and scheme.lower() in KINDS


def duckdb_location(path: str | Path) -> Location:
    path = Path(path)
    return Location("duckdb", f"duckdb://{path.resolve()}", path=path)


def parse_location(url: str) -> Location:
    scheme, _, rest = url.partition(":")
    kind = KINDS.get(scheme.lower())
    if kind is None or not rest:
        raise LocationError(
            f"warehouse URL {redacted(url)!r}: expected duckdb:///PATH, postgresql://…, "
            "spark+local:///DIR or spark://HOST:PORT/DIR"
        )
    if kind == "duckdb":
        path = rest[2:] if rest.startswith("//") else rest
        if not path:
            raise LocationError("duckdb: URL without a file path (duckdb:///path/cockpit.duckdb)")
        return Location("duckdb", url, path=Path(path))
    if kind == "postgresql":
        return Location("postgresql", url)
    parts = urlsplit(url)
    if not parts.path or parts.path == "/":
        raise LocationError(
            f"{redacted(url)}: a Spark URL names the directory of its Parquet tables "
            "(spark+local:///var/lib/cockpit/spark)"
        )
    settings = tuple(parse_qsl(parts.query))
    unknown = [k for k, _ in settings if not k.startswith("spark.")]
    if unknown:
        raise LocationError(f"{redacted(url)}: unknown parameter(s) {', '.join(unknown)}")
    local = scheme.lower() == "spark+local"
    master = "local[*]" if local else f"spark://{parts.netloc}"
    return Location("spark", url, path=Path(parts.path), master=master, settings=settings)
