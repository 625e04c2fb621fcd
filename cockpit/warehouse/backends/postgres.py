"""A shared PostgreSQL server (psycopg 3): a small pool of read-only connections, each query
in a READ ONLY transaction with its own `statement_timeout`.

Ingest publishes by renaming freshly loaded tables in one transaction (publish/postgres.py)
and writes a new `generation` in `cockpit_meta` in the same transaction, so a query sees
the old tables or the new ones, never a mixture, and the cache follows.
"""

from __future__ import annotations

import atexit
import threading
import time
from collections.abc import Hashable

import psycopg
from psycopg.types.numeric import FloatLoader
from psycopg_pool import ConnectionPool, PoolTimeout

from cockpit.warehouse.backends import WarehouseTimeout
from cockpit.warehouse.backends.location import Location
from cockpit.warehouse.backends.transpile import transpile
from cockpit.warehouse.connection import WarehouseMissing

META_TABLE = "cockpit_meta"
# A few connections per process: the server, not this pool, is where queries wait.
POOL_SIZE = 4
# The generation is read at most this often: one round trip per cache lookup would
# cost more than the lookups save; an ingest is seen within this delay.
GENERATION_POLL_S = 1.0


def _configure(connection: psycopg.Connection) -> None:
    connection.read_only = True
    # numeric (sums of integers) as float, as DuckDB's DOUBLE arithmetic gives.
    connection.adapters.register_loader("numeric", FloatLoader)


class PostgresWarehouse:
    dialect = "postgres"

    def __init__(self, location: Location, connect_timeout_s: float = 5.0):
        self.location = location
        self._pool: ConnectionPool | None = None
        self._pool_lock = threading.Lock()
        self._connect_timeout_s = connect_timeout_s
        self._generation: tuple[float, Hashable] | None = None

    def _connections(self) -> ConnectionPool:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ConnectionPool(
                    self.location.url,
                    min_size=1,
                    max_size=POOL_SIZE,
                    kwargs={"autocommit": True, "prepare_threshold": None,
                            "options": "-c default_transaction_read_only=on"},
                    configure=_configure,
                    timeout=self._connect_timeout_s,
                    open=True,
                    name="cockpit-warehouse",
                )  # fmt: skip
                # Closed before the interpreter tears down: a pool left to the garbage
                # collector may be collected on one of its own threads, which cannot join.
                atexit.register(self.close)
            return self._pool

    def _run(
        self, sql: str, timeout_s: float, max_rows: int | None, params: tuple = ()
    ) -> list[tuple]:
        try:
            with self._connections().connection() as connection, connection.transaction():
                cursor = connection.cursor()
                cursor.execute(f"SET LOCAL statement_timeout = {max(1, int(timeout_s * 1000))}")
                cursor.execute(sql, params or None)
                return cursor.fetchall() if max_rows is None else cursor.fetchmany(max_rows)
        except psycopg.errors.QueryCanceled as exc:
            raise WarehouseTimeout(f"the query ran longer than {timeout_s:g} s") from exc
        except psycopg.errors.UndefinedTable as exc:
            raise WarehouseMissing(
                f"the PostgreSQL warehouse {self.location} has no Cockpit tables yet: "
                "run `cockpit ingest`"
            ) from exc
        except (PoolTimeout, psycopg.OperationalError) as exc:
            raise WarehouseMissing(
                f"the PostgreSQL warehouse {self.location} is unreachable: {exc}"
            ) from exc

    @property
    def generation(self) -> Hashable:
        now = time.monotonic()
        known = self._generation
        if known is None or now - known[0] >= GENERATION_POLL_S:
            rows = self._run(f"SELECT generation FROM {META_TABLE}", 5.0, None)  # nosec B608 # a constant table name
            known = (now, rows[0][0] if rows else None)
            self._generation = known
        return known[1]

    def translate(self, sql: str) -> str:
        return transpile(sql, self.dialect)

    def execute(self, sql: str, timeout_s: float, max_rows: int | None = None) -> list[tuple]:
        return self._run(self.translate(sql), timeout_s, max_rows)

    def has_table(self, name: str) -> bool:
        rows = self._run("SELECT to_regclass(%s) IS NOT NULL", 5.0, None, (name,))
        return bool(rows[0][0])

    def explain(self, sql: str) -> None:
        self._run(f"EXPLAIN {self.translate(sql)}", 30.0, None)

    def close(self) -> None:
        with self._pool_lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
