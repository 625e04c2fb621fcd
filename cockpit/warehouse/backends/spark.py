"""Apache Spark SQL (pyspark): local mode in this process, or the driver of a cluster.

The tables are the Parquet files of the live version (versions.py). Each version's tables
are registered once as temporary views named `<table>__<version>` and cached lazily in
Spark's memory; a query is pinned to one version by naming its views, so an ingest that
publishes meanwhile never mixes two versions in one answer.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Hashable

from cockpit.warehouse import versions
from cockpit.warehouse.backends import WarehouseTimeout
from cockpit.warehouse.backends.location import Location
from cockpit.warehouse.backends.transpile import transpile
from cockpit.warehouse.connection import WarehouseMissing
from cockpit.warehouse.watchdog import WATCHDOG

# Local mode serves a dashboard's small queries: a few shuffle partitions, not 200, and
# nothing listening beyond loopback. A cluster keeps its own settings (URL parameters).
LOCAL_SETTINGS = {
    "spark.sql.shuffle.partitions": "4",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}
SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
}

_session_lock = threading.Lock()
_tags = itertools.count()


def spark_session(location: Location):
    """The process's SparkSession (one per process; started on first use)."""
    from pyspark.sql import SparkSession

    with _session_lock:
        builder = SparkSession.builder.master(location.master).appName("cockpit")
        local = location.master.startswith("local")
        for key, value in {**SETTINGS, **(LOCAL_SETTINGS if local else {}),
                           **dict(location.settings)}.items():  # fmt: skip
            builder = builder.config(key, value)
        session = builder.getOrCreate()
        session.sparkContext.setLogLevel(os.environ.get("COCKPIT_SPARK_LOG_LEVEL", "ERROR"))
        return session


class SparkWarehouse:
    dialect = "spark"

    def __init__(self, location: Location):
        self.location = location
        self.root = location.path
        self._lock = threading.Lock()
        self._registered: dict[str, str] = {}  # version → view suffix
        self._session = None

    def _spark(self):
        if self._session is None:
            self._session = spark_session(self.location)
        return self._session

    def _pinned(self) -> tuple[str, str]:
        """(version, view suffix) of the live version, its views registered."""
        version = versions.current_version(self.root)
        if version is None:
            raise WarehouseMissing(
                f"no published warehouse under {self.root}: run `cockpit ingest`"
            )
        with self._lock:
            suffix = self._registered.get(version)
            if suffix is None:
                suffix = self._register(version)
        return version, suffix

    def _register(self, version: str) -> str:
        spark = self._spark()
        suffix = f"__{version}"
        for table in versions.TABLES:
            path = versions.table_path(self.root, version, table)
            if not path.exists():
                raise WarehouseMissing(f"{path} is missing: the warehouse version is incomplete")
            view = f"{table}{suffix}"
            spark.read.parquet(str(path)).createOrReplaceTempView(view)
            spark.sql(f"CACHE LAZY TABLE {view}")
        for old, old_suffix in list(self._registered.items()):
            if not (versions.versions_dir(self.root) / old).exists():
                for table in versions.TABLES:
                    spark.catalog.dropTempView(f"{table}{old_suffix}")
                del self._registered[old]
        self._registered[version] = suffix
        return suffix

    @property
    def generation(self) -> Hashable:
        return self._pinned()[0]

    def translate(self, sql: str, suffix: str = "") -> str:
        return transpile(sql, self.dialect, suffix)

    def execute(self, sql: str, timeout_s: float, max_rows: int | None = None) -> list[tuple]:
        _version, suffix = self._pinned()
        spark = self._spark()
        tag = f"cockpit-{os.getpid()}-{next(_tags)}"
        fired = threading.Event()

        def stop() -> None:
            fired.set()
            spark.interruptTag(tag)

        spark.addTag(tag)
        ticket = WATCHDOG.arm(timeout_s, stop)
        try:
            frame = spark.sql(self.translate(sql, suffix))
            rows = frame.collect() if max_rows is None else frame.take(max_rows)
        except Exception as exc:
            if fired.is_set():
                raise WarehouseTimeout(f"the query ran longer than {timeout_s:g} s") from exc
            raise
        finally:
            WATCHDOG.disarm(ticket)
            spark.removeTag(tag)
        return [tuple(row) for row in rows]

    def has_table(self, name: str) -> bool:
        # The tables ingest publishes as Parquet; the national import writes DuckDB only.
        return name in versions.TABLES

    def explain(self, sql: str) -> None:
        _version, suffix = self._pinned()
        self._spark().sql(self.translate(sql, suffix))  # analysed (not run) when built

    def close(self) -> None:
        with self._lock:
            self._registered.clear()
