"""Benchmark: the 10 dashboard queries of bench/query.py through the engine on DuckDB,
PostgreSQL and Spark (local mode), the same group of establishments on each, in one run.

Builds (once, cached under --work) the group with the real `cockpit demo` and `cockpit
ingest` into DuckDB, publishes the same tables to a throwaway PostgreSQL server (Debian's
`postgresql`, or --postgres URL) and to a Parquet directory for Spark through ingest's own
publishers, then times each query --runs times per engine (result cache off) and prints
p50/p95 per query and over all queries.

    .venv/bin/python bench/warehouses.py [--establishments 560] [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from query import TABLES, build, percentile, plans  # noqa: E402
from warehouse_servers import postgres_server  # noqa: E402

from cockpit.engine import Engine, Perimeter  # noqa: E402
from cockpit.warehouse import versions  # noqa: E402
from cockpit.warehouse.backends import parse_location  # noqa: E402
from cockpit.warehouse.publish import destination_for  # noqa: E402


def publish(db: Path, url: str) -> None:
    """The validated DuckDB group made live at `url`, as `cockpit ingest` publishes it."""
    started = time.perf_counter()
    destination = destination_for(parse_location(url))
    with destination.locked(None):
        destination.publish(db)
    print(f"published to {destination.location} in {time.perf_counter() - started:.0f} s")


def time_engine(name: str, engine: Engine, last, runs: int) -> tuple[list[float], list[str]]:
    everything = Perimeter.everything()
    lines, every = [], []
    for label, plan in plans(last):
        engine.run(plan, everything)  # warm: the engine's caches, the server's pages
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            engine.run(plan, everything)
            times.append((time.perf_counter() - started) * 1000)
        every += times
        lines.append(f"{name:10} {label:38} {statistics.median(times):8.1f} "
                     f"{percentile(times, 0.95):8.1f}")  # fmt: skip
    return every, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--establishments", type=int, default=560)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cockpit-bench"))
    parser.add_argument("--min-rows", type=int, default=5_000_000)
    parser.add_argument("--postgres", help="an empty PostgreSQL database URL (default: a "
                        "throwaway server in a temp dir)")  # fmt: skip
    parser.add_argument("--engines", nargs="+", default=["duckdb", "postgresql", "spark"])
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    db = build(args.work, args.establishments)
    with duckdb.connect(str(db), read_only=True) as raw:
        total = sum(raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES)
        last = raw.execute("SELECT max(period) FROM activity").fetchone()[0]
    print(f"warehouse: {total:,} rows, {args.establishments} establishments")
    if total < args.min_rows:
        print(f"WARNING: fewer than {args.min_rows:,} rows; raise --establishments")

    with ExitStack() as stack:
        urls = {"duckdb": f"duckdb://{db.resolve()}"}
        if "postgresql" in args.engines:
            urls["postgresql"] = args.postgres or stack.enter_context(postgres_server())
            publish(db, urls["postgresql"])
        if "spark" in args.engines:
            spark_dir = args.work / f"spark-{args.establishments}"
            urls["spark"] = f"spark+local://{spark_dir.resolve()}"
            if versions.current_version(spark_dir) is None:
                publish(db, urls["spark"])
        header = f"{'engine':10} {'query':38} {'p50 ms':>8} {'p95 ms':>8}"
        print(header + "\n" + "-" * len(header))
        summary = []
        for name in args.engines:
            engine = Engine(urls[name], ROOT / "queries", cache_results=False)
            stack.callback(engine.warehouse.close)
            started = time.perf_counter()
            every, lines = time_engine(name, engine, last, args.runs)
            print("\n".join(lines))
            summary.append(f"{name:10} {'all 10 queries':38} {statistics.median(every):8.1f} "
                           f"{percentile(every, 0.95):8.1f}   "
                           f"({time.perf_counter() - started:.0f} s with warm-up)")  # fmt: skip
        print("-" * len(header) + "\n" + "\n".join(summary))


if __name__ == "__main__":
    main()
