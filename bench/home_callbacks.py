"""Benchmark: server time to render the home page « Aujourd'hui » at demo scale.

Home is reached two ways: a first visit gets it as one server-rendered HTML
response (no Dash runtime, no callback), and in-app navigation gets it from
the one router callback (`/_dash-update-component`, url.pathname = "/"). Both
are timed through the real Flask app (auth guard, compression, engine), logged
in as the demo director, ≥ 50 runs each, with the engine's result cache warm
and cleared before every run.

    .venv/bin/python bench/home_callbacks.py [--runs 60] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cockpit.auth import ensure_demo_users  # noqa: E402
from cockpit.demo.serve import build_demo_warehouse  # noqa: E402
from cockpit.web import create_app, engine_of  # noqa: E402

TARGET_P95_MS = 150.0
NAVIGATE_HOME = {
    "output": "frame-root.children",
    "outputs": {"id": "frame-root", "property": "children"},
    "inputs": [
        {"id": "url", "property": "pathname", "value": "/"},
        {"id": "url", "property": "search", "value": ""},
    ],
    "state": [],
    "changedPropIds": ["url.pathname"],
}


def logged_in_client(app):
    client = app.test_client()
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    response = client.post(
        "/login",
        data={"csrf_token": token, "username": "directeur", "password": "demo-directeur"},
        headers={"Origin": "http://localhost"},
    )
    assert response.status_code == 302, response.status_code
    return client


def first_visit(client) -> float:
    started = time.perf_counter()
    response = client.get("/", headers={"Accept-Encoding": "br, gzip"})
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed


def navigation(client) -> float:
    headers = {
        "Accept-Encoding": "br, gzip",
        "Origin": "http://localhost",
        "Content-Type": "application/json",
    }
    started = time.perf_counter()
    response = client.post(
        "/_dash-update-component", data=json.dumps(NAVIGATE_HOME), headers=headers
    )
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed


CASES = {"html": first_visit, "callback": navigation}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--db", type=Path, help="An existing warehouse (default: build the demo)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cockpit-bench-") as tmp:
        work = Path(tmp)
        db = args.db or build_demo_warehouse(work)
        ensure_demo_users(work / "state")
        app = create_app(db, ROOT / "queries", work / "state")
        engine = engine_of(app)
        client = logged_in_client(app)
        client.get("/_dash-layout")  # first requests: Dash sets itself up
        for case in CASES.values():
            case(client)

        print(f"home at demo scale, {args.runs} runs per case (ms)")
        print(f"{'cache':<6} {'response':<8} {'p50':>7} {'p95':>7} {'max':>7}")
        worst = 0.0
        for cache in ("warm", "cold"):
            for name, case in CASES.items():
                times = []
                for _ in range(args.runs):
                    if cache == "cold":
                        with engine._cache_lock:
                            engine._cache.clear()
                    times.append(case(client))
                p50, p95 = statistics.median(times), percentile(times, 0.95)
                worst = max(worst, p95) if cache == "warm" else worst
                print(f"{cache:<6} {name:<8} {p50:7.1f} {p95:7.1f} {max(times):7.1f}")
        verdict = "ok" if worst <= TARGET_P95_MS else "over"
        print(f"warm p95 target ≤ {TARGET_P95_MS:.0f} ms: {verdict} (worst warm p95 {worst:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
