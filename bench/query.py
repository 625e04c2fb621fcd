"""Benchmark: typical dashboard queries through the engine vs the same SQL run raw on DuckDB.

Builds (once, cached under --work) a demo group big enough to pass --min-rows
through the real `cockpit demo` and `cockpit ingest`, then times each query
N times both ways in the same run and prints p50/p95 and the ratio.

    .venv/bin/python bench/query.py [--establishments 1150] [--runs 40]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cockpit.engine import Engine, Perimeter, QueryPlan  # noqa: E402
from cockpit.periods import Period, rolling_12, year_to_date  # noqa: E402

TABLES = ("activity", "hr", "finance", "treasury", "structure", "targets")


def build(work: Path, establishments: int) -> Path:
    db = work / f"group-{establishments}.duckdb"
    if db.exists():
        return db
    extracts = work / f"extracts-{establishments}"
    cockpit = [sys.executable, "-m", "cockpit"]
    started = time.perf_counter()
    subprocess.run(
        [*cockpit, "demo", "--out", str(extracts), "--establishments", str(establishments)],
        check=True,
    )
    subprocess.run(
        [*cockpit, "ingest", "--db", str(db), *map(str, sorted(extracts.glob("*.csv")))], check=True
    )
    print(f"built {db} in {time.perf_counter() - started:.0f} s")
    return db


def plans(last) -> list[tuple[str, QueryPlan]]:
    month, ytd, r12 = Period(last, last), year_to_date(last), rolling_12(last)
    return [
        ("occupancy, last month", QueryPlan.build("bed_occupancy_rate", month)),
        ("admissions vs N-1", QueryPlan.build("admissions", month, compare="previous_year")),
        ("ER visits, 12-month series", QueryPlan.build("er_visits", r12, grain="month")),
        ("paid FTE YTD by pole", QueryPlan.build("fte_paid", ytd, group_by=["pole"])),
        (
            "absenteeism by service, one pole",
            QueryPlan.build(
                "absenteeism_rate", ytd, filters={"pole": "Médecine"}, group_by=["service"]
            ),
        ),
        ("expenses vs budget YTD", QueryPlan.build("total_expenses", ytd, compare="budget")),
        ("days of cash", QueryPlan.build("days_of_cash", month)),
        (
            "staff cost share by establishment",
            QueryPlan.build("staff_cost_share", ytd, group_by=["establishment"]),
        ),
        ("T2A per care FTE YTD", QueryPlan.build("t2a_per_fte", ytd)),
        (
            "interim, 12 months, one pole",
            QueryPlan.build(
                "interim_cost", r12, grain="month", filters={"pole": "Urgences-Réanimation"}
            ),
        ),
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--establishments", type=int, default=1150)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cockpit-bench"))
    parser.add_argument("--min-rows", type=int, default=10_000_000)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    db = build(args.work, args.establishments)

    raw = duckdb.connect(str(db), read_only=True, config={"threads": 2})
    counts = {t: raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    total = sum(counts.values())
    print(f"warehouse: {total:,} rows ({', '.join(f'{t} {n:,}' for t, n in counts.items())})")
    if total < args.min_rows:
        print(f"WARNING: fewer than {args.min_rows:,} rows; raise --establishments")

    engine = Engine(db, ROOT / "queries", cache_results=False)
    last = raw.execute("SELECT max(period) FROM activity").fetchone()[0]
    everything = Perimeter.everything()
    header = f"{'query':38} {'engine p50':>10} {'p95':>7} {'raw p50':>8} {'p95':>7} {'ratio':>6}"
    print(header + "\n" + "-" * len(header))
    engine_all, raw_all, ratios = [], [], []
    for name, plan in plans(last):
        sql = engine.sql_for(plan, everything)
        engine.run(plan, everything)  # warm both paths once (file pages, dimension lookups)
        raw.execute(sql).fetchall()
        engine_times, raw_times = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            engine.run(plan, everything)
            engine_times.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            raw.execute(sql).fetchall()
            raw_times.append((time.perf_counter() - started) * 1000)
        e50, e95 = statistics.median(engine_times), percentile(engine_times, 0.95)
        r50, r95 = statistics.median(raw_times), percentile(raw_times, 0.95)
        ratios.append(e50 / r50)
        engine_all += engine_times
        raw_all += raw_times
        print(f"{name:38} {e50:8.1f}ms {e95:5.1f}ms {r50:6.1f}ms {r95:5.1f}ms {e50 / r50:5.2f}x")
    print("-" * len(header))
    e50, r50 = statistics.median(engine_all), statistics.median(raw_all)
    print(
        f"{'all queries':38} {e50:8.1f}ms {percentile(engine_all, 0.95):5.1f}ms "
        f"{r50:6.1f}ms {percentile(raw_all, 0.95):5.1f}ms {e50 / r50:5.2f}x"
    )
    print(
        f"median per-query ratio engine/raw: {statistics.median(ratios):.2f}x "
        f"(target <= 1.3x); engine p95 over all queries: {percentile(engine_all, 0.95):.1f} ms "
        "(target <= 50 ms)"
    )


if __name__ == "__main__":
    main()
