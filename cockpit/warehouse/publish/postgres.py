"""Publishing to PostgreSQL: each table COPYed into a staging table, then all of them
swapped in by renames in one transaction, with a new generation in `cockpit_meta`.

Readers run one statement at a time and see the tables before or after the transaction,
never between. Text columns use the "C" collation, so that names sort as in DuckDB
whatever the database's locale.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import psycopg
from psycopg import sql

from cockpit import config
from cockpit.warehouse.backends.location import Location
from cockpit.warehouse.backends.postgres import META_TABLE
from cockpit.warehouse.publish.scratch import columns_of, drop_scratch, scratch_copy
from cockpit.warehouse.versions import TABLES

# pg_advisory_lock key: "cockpit" in ASCII, so that other applications' locks do not clash.
INGEST_LOCK = 0x636F636B706974
PG_TYPES = {"VARCHAR": 'TEXT COLLATE "C"', "DOUBLE": "DOUBLE PRECISION", "BIGINT": "BIGINT",
            "INTEGER": "INTEGER", "DATE": "DATE", "TIMESTAMP": "TIMESTAMP"}  # fmt: skip
# The fact tables are read by period range and establishment in every query.
INDEXED = {"activity", "hr", "finance", "treasury"}
CHUNK = 1 << 20


def staging(table: str) -> str:
    return f"{table}__staging"


class PostgresTables:
    def __init__(self, location: Location):
        self.location = location

    @property
    def failure_log(self) -> Path:
        return config.state_dir() / "ingest-failures.jsonl"

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(self.location.url, autocommit=True)

    @contextmanager
    def locked(self, on_wait: Callable[[], None] | None) -> Iterator[None]:
        # Held by a session of its own: released by the server if this process dies.
        with self._connect() as holder:
            if not holder.execute("SELECT pg_try_advisory_lock(%s)", (INGEST_LOCK,)).fetchone()[0]:
                if on_wait:
                    on_wait()
                holder.execute("SELECT pg_advisory_lock(%s)", (INGEST_LOCK,))
            yield

    def working_copy(self) -> Path:
        with self._connect() as pg:
            published = pg.execute("SELECT to_regclass(%s) IS NOT NULL", (META_TABLE,)).fetchone()[
                0
            ]
        return scratch_copy(self._fill if published else None)

    def _fill(self, con: duckdb.DuckDBPyConnection, table: str, directory: Path) -> None:
        columns = columns_of(con, table)
        names = sql.SQL(", ").join(sql.Identifier(n) for n, _ in columns)
        dump = directory / f"{table}.csv"
        copy_out = sql.SQL("COPY (SELECT {} FROM {}) TO STDOUT (FORMAT csv)").format(
            names, sql.Identifier(table)
        )
        with self._connect() as pg, open(dump, "wb") as out, pg.cursor().copy(copy_out) as copy:
            for chunk in copy:
                out.write(chunk)
        types = ", ".join(f"'{n}': '{t}'" for n, t in columns)
        con.execute(
            f"INSERT INTO {table} SELECT * FROM read_csv('{dump}', header = false, "  # nosec B608 # table names from the contracts, a path we made
            f"columns = {{{types}}}, allow_quoted_nulls = false, auto_detect = false)"
        )
        dump.unlink()

    def publish(self, working: Path) -> None:
        directory = working.parent
        with duckdb.connect(str(working), read_only=True) as con, self._connect() as pg:
            for table in TABLES:
                self._stage(con, pg, table, directory)
            with pg.transaction():
                pg.execute("SET LOCAL lock_timeout = '60s'")
                for table in TABLES:
                    pg.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(table)))
                    pg.execute(
                        sql.SQL("ALTER TABLE {} RENAME TO {}").format(
                            sql.Identifier(staging(table)), sql.Identifier(table)
                        )
                    )
                pg.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (generation TEXT NOT NULL)")
                pg.execute(f"DELETE FROM {META_TABLE}")  # nosec B608 # a constant table name
                pg.execute(f"INSERT INTO {META_TABLE} VALUES (%s)", (uuid.uuid4().hex,))  # nosec B608 # a constant table name

    @staticmethod
    def _stage(con, pg: psycopg.Connection, table: str, directory: Path) -> None:
        columns = columns_of(con, table)
        target = sql.Identifier(staging(table))
        definition = sql.SQL(", ").join(
            sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(PG_TYPES[t])) for n, t in columns
        )
        pg.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(target))
        pg.execute(sql.SQL("CREATE TABLE {} ({})").format(target, definition))
        dump = directory / f"{table}.out.csv"
        con.execute(f"COPY {table} TO '{dump}' (FORMAT csv, HEADER false)")
        with (
            open(dump, "rb") as source,
            pg.cursor().copy(sql.SQL("COPY {} FROM STDIN (FORMAT csv)").format(target)) as copy,
        ):
            while chunk := source.read(CHUNK):
                copy.write(chunk)
        dump.unlink()
        if table in INDEXED:
            pg.execute(sql.SQL("CREATE INDEX ON {} (period, establishment_id)").format(target))
        pg.execute(sql.SQL("ANALYZE {}").format(target))

    def discard(self, working: Path) -> None:
        drop_scratch(working)
