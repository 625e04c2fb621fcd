"""Ingest into PostgreSQL and into Spark's Parquet versions keeps DuckDB's guarantees: a
refused file changes nothing, a re-ingest replaces its months and keeps the load history,
and a reader sees the old warehouse or the new one, never a part of each."""

from __future__ import annotations

import threading
import time
import uuid

import pandas as pd
import psycopg
import pytest
from extract_samples import DEMO_LAST_MONTH, doubled_last_month

from cockpit.warehouse import versions
from cockpit.warehouse.backends import open_warehouse
from cockpit.warehouse.errors import IngestError
from cockpit.warehouse.ingest import ingest_files

pytestmark = pytest.mark.slow

# One statement over two tables: a half-published warehouse would pair the new activity
# with the old load log, or the reverse.
CONSISTENCY = "SELECT (SELECT sum(admissions) FROM activity), (SELECT count(*) FROM ingest_log)"


def fresh_database(server_url: str) -> str:
    name = f"t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def refused_activity(demo_extracts, tmp_path):
    frame = pd.read_csv(demo_extracts / "activity.csv", dtype=str)
    frame.loc[3, "admissions"] = "beaucoup"
    path = tmp_path / "bad" / "activity.csv"
    path.parent.mkdir()
    frame.to_csv(path, index=False)
    return path


@pytest.fixture(params=["postgresql", "spark"])
def warehouse_url(request, tmp_path, demo_extracts):
    """A warehouse of each remote kind, loaded with the demo."""
    if request.param == "postgresql":
        url = fresh_database(request.getfixturevalue("postgres_url"))
    else:
        url = f"spark+local://{tmp_path / 'spark'}"
    ingest_files(sorted(demo_extracts.glob("*.csv")), url, user="tests")
    return url


def read(url: str, sql: str) -> list[tuple]:
    warehouse = open_warehouse(url)
    try:
        return warehouse.execute(sql, 60)
    finally:
        warehouse.close()


def generation_of(url: str):
    warehouse = open_warehouse(url)
    try:
        return warehouse.generation
    finally:
        warehouse.close()


def test_a_refused_file_leaves_the_warehouse_as_it_was(warehouse_url, demo_extracts, tmp_path):
    before = read(warehouse_url, CONSISTENCY)
    generation = generation_of(warehouse_url)
    with pytest.raises(IngestError, match="beaucoup|admissions"):
        ingest_files([refused_activity(demo_extracts, tmp_path)], warehouse_url, user="tests")
    assert read(warehouse_url, CONSISTENCY) == before
    assert generation_of(warehouse_url) == generation


def test_a_reingest_replaces_its_months_and_keeps_the_load_history(
    warehouse_url, demo_extracts, tmp_path
):
    month_sql = f"SELECT sum(admissions) FROM activity WHERE period = DATE '{DEMO_LAST_MONTH}-01'"
    (old_month,), (old_total,) = (
        read(warehouse_url, month_sql)[0],
        read(warehouse_url, "SELECT sum(admissions) FROM activity")[0],
    )
    ingest_files([doubled_last_month(demo_extracts, tmp_path)], warehouse_url, user="again")
    assert read(warehouse_url, month_sql)[0][0] == 2 * old_month
    assert read(warehouse_url, "SELECT sum(admissions) FROM activity")[0][0] == (
        old_total + old_month
    )
    loads = read(warehouse_url, "SELECT kind, username FROM ingest_log ORDER BY started_at")
    assert len(loads) == 7 and loads[-1] == ("activity", "again")


def test_a_reader_sees_the_old_warehouse_or_the_new_never_a_mixture(
    warehouse_url, demo_extracts, tmp_path
):
    old = read(warehouse_url, CONSISTENCY)[0]
    seen: list[tuple] = []
    done = threading.Event()
    warehouse = open_warehouse(warehouse_url)

    def keep_reading() -> None:
        while not done.is_set():
            seen.append(warehouse.execute(CONSISTENCY, 60)[0])

    reader = threading.Thread(target=keep_reading)
    reader.start()
    try:
        ingest_files([doubled_last_month(demo_extracts, tmp_path)], warehouse_url, user="tests")
        new = read(warehouse_url, CONSISTENCY)[0]
        deadline = time.monotonic() + 30
        while new not in seen[-1:] and time.monotonic() < deadline:
            time.sleep(0.05)  # until the reader has moved on to the new warehouse
    finally:
        done.set()
        reader.join()
        warehouse.close()
    assert new != old
    assert set(seen) <= {old, new}, f"mixed answers: {set(seen) - {old, new}}"
    assert old in seen


def test_spark_keeps_the_last_versions_for_readers_and_removes_older_ones(tmp_path, demo_extracts):
    root = tmp_path / "spark"
    url = f"spark+local://{root}"
    activity = sorted(demo_extracts.glob("*.csv"))
    for _ in range(versions.KEPT_VERSIONS + 2):
        ingest_files(activity, url, user="tests")
    kept = sorted(p.name for p in versions.versions_dir(root).iterdir())
    assert len(kept) == versions.KEPT_VERSIONS
    assert versions.current_version(root) == kept[-1]
