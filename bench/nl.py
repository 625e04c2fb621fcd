"""Benchmark: the offline question planner, alone and end to end through a real server.

1. Planning only: `OfflinePlanner.plan` on every question of the public sample and the
   held-out files, several rounds, lexicon warm; p50/p95 per question (target p95 ≤ 20 ms),
   beside the floor of the same run: normalising the text and reading its period.
   The first question after a start or an ingest also builds the lexicon: timed apart.
2. End to end: `POST /api/v1/ask` on the demo through `cockpit serve` (bearer token of
   the demo director), p50/p95 over the same questions (target p95 ≤ 100 ms), beside
   `GET /api/v1/query` of the same plans and `GET /healthz` in the same run. The first
   round (each plan's SQL runs for the first time) is shown apart from the later ones.

    .venv/bin/python bench/nl.py [--rounds 5] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cockpit.demo.serve import COCKPIT, build_demo_warehouse, serve  # noqa: E402
from cockpit.engine import Engine, Perimeter  # noqa: E402
from cockpit.nl.normalize import normalize  # noqa: E402
from cockpit.nl.periods import read_period  # noqa: E402
from cockpit.nl.planner import OfflinePlanner  # noqa: E402

QUESTION_FILES = [
    Path("/work/shared/eval/questions.jsonl"),
    ROOT / "tests" / "nl_holdout.jsonl",
    ROOT / "tests" / "nl_holdout_general.jsonl",
]
PLAN_TARGET_MS, ASK_TARGET_MS = 20.0, 100.0


def questions() -> list[tuple[str, date]]:
    found = []
    for path in QUESTION_FILES:
        if not path.exists():
            print(f"(skipped {path}: not here)")
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                found.append((case["question"], date.fromisoformat(case["today"])))
    return found


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def line(name: str, times: list[float], target: float | None = None) -> str:
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    verdict = (
        "" if target is None else f"  target ≤ {target:.0f}: {'ok' if p95 <= target else 'over'}"
    )
    return f"{name:<34} {p50:8.2f} {p95:8.2f} {max(times):8.2f}{verdict}"


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def planning(db: Path, cases: list[tuple[str, date]], rounds: int) -> None:
    engine = Engine(db, ROOT / "queries")
    planner = OfflinePlanner(engine)
    everything = Perimeter.everything()
    first_question, first_day = cases[0]
    cold = timed(lambda: planner.plan(first_question, first_day, everything))
    plan_times, floor_times = [], []
    for _ in range(rounds):
        for question, today in cases:
            plan_times.append(timed(lambda q=question, t=today: planner.plan(q, t, everything)))
            floor_times.append(timed(lambda q=question, t=today: read_period(normalize(q), t)))
    print(f"\nplanning only, {len(cases)} questions × {rounds} rounds (ms)")
    print(f"{'':<34} {'p50':>8} {'p95':>8} {'max':>8}")
    print(line("OfflinePlanner.plan", plan_times, PLAN_TARGET_MS))
    print(line("floor: normalize + read_period", floor_times))
    ratio = statistics.median(plan_times) / statistics.median(floor_times)
    print(f"median ratio planner / floor: {ratio:.0f}×; first question (builds the lexicon): "
          f"{cold:.0f} ms")  # fmt: skip


def _get(url: str, headers: dict) -> None:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
        r.read()


def _post(url: str, body: dict, headers: dict) -> dict:
    data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _query_url(base: str, answer: dict) -> str | None:
    """The /api/v1/query call for an answered plan (None when it has no plain equivalent)."""
    if answer.get("status") != "answered" or answer.get("rank"):
        return None
    params = [("metric", answer["metric"]), ("from", answer["period"]["start"]),
              ("to", answer["period"]["end"])]  # fmt: skip
    params += [("filter", f"{d}:{v}") for d, v in answer["filters"].items()]
    params += [("by", d) for d in answer["group_by"]]
    for key in ("grain", "compare"):
        if answer.get(key):
            params.append((key, answer[key]))
    return f"{base}/api/v1/query?{urllib.parse.urlencode(params)}"


def end_to_end(db: Path, work: Path, cases: list[tuple[str, date]], rounds: int) -> None:
    state = work / "state"
    with serve(db, state) as base:
        issue = [*COCKPIT, "users", "token", "directeur", "--state", str(state)]
        token = subprocess.run(issue, check=True, capture_output=True, text=True, cwd=ROOT)
        token = token.stdout.strip()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        ask_times, query_times, health_times, queries = [], [], [], {}
        first_times = []  # the first round: every plan's SQL runs for the first time
        for round_number in range(rounds + 1):
            for question, today in cases:
                body = {"question": question, "today": today.isoformat()}
                started = time.perf_counter()
                answer = _post(f"{base}/api/v1/ask", body, headers)
                elapsed = (time.perf_counter() - started) * 1000
                (first_times if round_number == 0 else ask_times).append(elapsed)
                queries.setdefault(question, _query_url(base, answer))
                if queries[question]:
                    query_times.append(timed(lambda u=queries[question]: _get(u, headers)))
                health_times.append(timed(lambda: _get(f"{base}/healthz", {})))
    print(f"\nend to end through cockpit serve, {len(cases)} questions, a first round then "
          f"{rounds} more (ms)")  # fmt: skip
    print(f"{'':<34} {'p50':>8} {'p95':>8} {'max':>8}")
    print(line("POST /api/v1/ask, first round", first_times))
    print(line("POST /api/v1/ask, later rounds", ask_times, ASK_TARGET_MS))
    print(line("GET /api/v1/query (same plans)", query_times))
    print(line("GET /healthz", health_times))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--db", type=Path, help="An existing demo warehouse (default: build it)")
    args = parser.parse_args()
    cases = questions()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load} (the machine is shared)")
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-nl-") as tmp:
        work = Path(tmp)
        db = args.db or build_demo_warehouse(work)
        planning(db, cases, args.rounds)
        end_to_end(db, work, cases, max(1, args.rounds // 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
