"""Benchmark: year-end landing backtest and seasonal alerts, on the demo and a larger group.

Builds (cached under --work, as bench/query.py does) the demo and a generated group through
the real `cockpit demo` and `cockpit ingest`, then prints for each:
- the backtest (every past year replayed month by month, for the whole group and for each
  establishment): MAPE at months 3, 6 and 9 of the model and of the controllers' pro rata
  (the baseline, measured in the same run), per group of metrics, the 80 % interval's
  coverage and the time per metric;
- the seasonal alerts of every month of 2025-01..2026-10: the planted anomalies of
  `cockpit/demo/anomalies.py` found on their months and scopes, and the alerts on months and
  scopes no planted anomaly explains (false alerts), at the chosen cut-off and beside it;
- on the demo, the server time of the pages that show the landing through the real Flask
  app (home with its landing card and merged alerts, a detail page with its projection):
  the first render on a cold cache, how long the seasonal alerts take to be ready behind
  it, and the warm p50/p95 against the 150 ms target.

    .venv/bin/python bench/forecast.py [--establishments 30] [--work /tmp/cockpit-bench]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from home_callbacks import logged_in_client, percentile  # noqa: E402
from query import build  # noqa: E402  (bench/query.py: the group, built once under --work)

from cockpit.auth import ensure_demo_users  # noqa: E402
from cockpit.demo.anomalies import ANOMALIES  # noqa: E402
from cockpit.engine import Engine, Perimeter  # noqa: E402
from cockpit.forecast import backtest, month_seasonal_alerts, scan  # noqa: E402
from cockpit.forecast.seasonal import AMBER, watched_series  # noqa: E402
from cockpit.periods import month_label  # noqa: E402
from cockpit.web import create_app, engine_of  # noqa: E402

MONTHS = (3, 6, 9)
SCAN = (date(2025, 1, 1), date(2026, 10, 1))
CUT_OFFS = (3.0, 3.5, 4.0, 5.0)
PAGES = ("/", "/indicateur/staff_expenses")
TARGET_MS = 150.0


def print_backtest(engine: Engine, by: str | None) -> None:
    metrics = [m.id for m in engine.metrics()]
    started = time.perf_counter()
    result = backtest(engine, metrics, Perimeter.everything(), by=by)
    elapsed = time.perf_counter() - started
    scopes = "each establishment" if by else "the whole group"
    print(f"\nBacktest for {scopes}: {len(result.cases)} landings in {elapsed:.1f} s, "
          f"{1000 * elapsed / max(len(result.seconds), 1):.0f} ms per metric")  # fmt: skip
    print(f"  {'MAPE':<18}" + "".join(f"{'month ' + str(m):>20}" for m in MONTHS)
          + f"{'coverage':>12}")  # fmt: skip
    for group in sorted(set(result.groups.values())):
        cells = ""
        for month in MONTHS:
            model, reference = (
                result.mape("model", month, group),
                result.mape("reference", month, group),
            )
            mark = "<" if model is not None and reference is not None and model < reference else " "
            cells += f"{_pct(model):>9} {mark} {_pct(reference):<8}"
        coverage, cases = result.coverage(group)
        print(f"  {group:<18}{cells}{_pct(coverage):>8} of {cases}")
    coverage, cases = result.coverage()
    print(
        f"  (model {'<'} pro rata where marked; 80 % interval holds the real figure in "
        f"{_pct(coverage)} of {cases} landings; left out of MAPE, being signed: "
        f"{', '.join(sorted(result.signed())) or 'none'})"
    )
    slowest = sorted(result.seconds.items(), key=lambda kv: -kv[1])[:3]
    print("  slowest metrics: " + ", ".join(f"{m} {1000 * s:.0f} ms" for m, s in slowest))


def print_alerts(engine: Engine) -> None:
    everything = Perimeter.everything()
    started = time.perf_counter()
    found = scan(engine, everything, *SCAN, threshold=min(CUT_OFFS))
    elapsed = time.perf_counter() - started
    watched = sum(len(series) for _, series in watched_series(engine, everything, *SCAN))
    names = {name: finess for finess, name in engine.establishments().items()}
    months = (SCAN[1].year - SCAN[0].year) * 12 + SCAN[1].month - SCAN[0].month + 1
    print(f"\nSeasonal alerts, {month_label(SCAN[0])}..{month_label(SCAN[1])}: {watched} series "
          f"(metric × establishment / pole / service) × {months} months judged in "
          f"{elapsed:.1f} s")  # fmt: skip
    for cut_off in CUT_OFFS:
        kept = [a for a in found if abs(a.departure) >= cut_off]
        false = [a for a in kept if not any(_explains(x, a, names) for x in ANOMALIES)]
        hits = _hits(kept, names)
        anomalies = sum(any(_is_planted(x, a, names) for a in kept) for x in ANOMALIES)
        severities = Counter(a.severity for a in false)
        mark = "  ← chosen" if cut_off == AMBER else ""
        print(f"  cut-off {cut_off:.1f}: planted anomalies found {anomalies}/{len(ANOMALIES)} "
              f"(anomaly-months {hits[0]}/{hits[1]}); "
              f"false alerts {len(false)}, {1000 * len(false) / (watched * months):.1f} per "
              f"1,000 judged ({severities['red']} red, {severities['amber']} amber, "
              f"{severities['info']} info){mark}")  # fmt: skip
        if cut_off == AMBER:
            chosen = false
    winter = [a for a in chosen if a.period <= date(2025, 3, 1)]
    levels = Counter(("establishment", "pole", "service")[len(a.scope) - 1] for a in chosen)
    print(f"  of the false alerts at {AMBER}: {len(winter)} in the severe 2024-25 flu winter "
          f"(2025-01..03), by level {dict(levels)}")  # fmt: skip
    for anomaly in ANOMALIES:
        planted = anomaly.shows_in[0]
        flagged = sorted(month_label(a.period) for a in found if abs(a.departure) >= AMBER
                         and _is_planted(anomaly, a, names))  # fmt: skip
        print(
            f"    {planted} at {anomaly.pole or 'the whole establishment'} "
            f"({anomaly.finess}), {len(anomaly.factors)} month(s): flagged "
            f"{', '.join(flagged) or 'never'}"
        )


def _explains(anomaly, alert, names: dict[str, str]) -> bool:
    scope = dict(alert.scope)
    finess = names.get(scope.get("establishment", ""), "")
    return anomaly.explains(alert.metric.id, finess, scope.get("pole"), month_label(alert.period))


def _is_planted(anomaly, alert, names: dict[str, str]) -> bool:
    """The alert is on the anomaly's own metric, scope (establishment, pole) and month."""
    scope = dict(alert.scope)
    return (
        alert.metric.id == anomaly.shows_in[0]
        and names.get(scope.get("establishment", "")) == anomaly.finess
        and scope.get("pole") == anomaly.pole
        and "service" not in scope
        and month_label(alert.period) in anomaly.factors
    )


def _hits(alerts, names) -> tuple[int, int]:
    wanted = [(x, month) for x in ANOMALIES for month in x.factors]
    found = sum(
        any(_is_planted(x, a, names) and month_label(a.period) == month for a in alerts)
        for x, month in wanted
    )
    return found, len(wanted)


def print_pages(db: Path, work: Path, runs: int) -> None:
    """Server time of home and a detail page, as the demo director, each first on a fresh
    server (cold cache), then warm."""
    ensure_demo_users(work / "state")
    print(f"\nPages with the landing, demo, server time (ms; warm: {runs} runs)")
    for path in PAGES:
        app = create_app(db, ROOT / "queries", work / "state")
        engine, client = engine_of(app), logged_in_client(app)
        started = time.perf_counter()
        assert client.get(path).status_code == 200
        cold = 1000 * (time.perf_counter() - started)
        month_seasonal_alerts(engine, Perimeter.everything())
        ready = 1000 * (time.perf_counter() - started)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            times.append(1000 * (time.perf_counter() - started))
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        verdict = "ok" if p95 <= TARGET_MS else "over"
        print(f"  {path:<28} cold first render {cold:7.0f}, seasonal alerts ready at "
              f"{ready:6.0f}; warm p50 {p50:6.1f} p95 {p95:6.1f} "
              f"(≤ {TARGET_MS:.0f}: {verdict})")  # fmt: skip


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.2f} %"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--establishments", type=int, default=30)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cockpit-bench"))
    parser.add_argument("--runs", type=int, default=60, help="Warm renders of each page.")
    parser.add_argument("--pages-only", action="store_true", help="Only the pages' timings.")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    import statsmodels.regression.linear_model  # noqa: F401  (its ~2 s import is not a metric's)

    print_pages(build(args.work, 2), args.work, args.runs)
    if args.pages_only:
        return
    for size in (2, args.establishments):
        engine = Engine(build(args.work, size), ROOT / "queries", row_limit=100_000)
        print(f"\n=== {size} establishments " + "=" * 50)
        print_backtest(engine, None)
        print_backtest(engine, "establishment")
        print_alerts(engine)


if __name__ == "__main__":
    main()
