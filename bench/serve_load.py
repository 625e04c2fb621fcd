"""Benchmark: `cockpit serve`'s waitress under 20 concurrent clients, by thread count.

Serves the demo hospital on loopback (same `waitress_options` and queue-log sampler as
`cockpit serve`) and sends a fixed mix of API calls — catalog, figures, series,
breakdowns, questions — from 20 clients with keep-alive connections, each a fixed
number of times. Prints, per thread count: throughput, p50/p95 latency, how many
« Task queue depth » warnings waitress raised, and how many lines reached the log.
The 8-thread run is the baseline (the old default).

    .venv/bin/python bench/serve_load.py [--clients 20] [--requests 60] [--threads 8 16 32]
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cockpit.auth.tokens import issue_token  # noqa: E402
from cockpit.auth.users import UserStore  # noqa: E402
from cockpit.demo.serve import build_demo_warehouse, free_port  # noqa: E402

# The server, instrumented: one filter counts every queue warning before the sampler
# thins them out, one handler counts the lines that reach the log.
SERVER = """
import logging, signal, sys
from waitress import serve
from cockpit.web import create_app
from cockpit.web.serving import quiet_queue_log, waitress_options
db, state, port, threads = sys.argv[1:5]
raised, logged = [0], [0]
queue = logging.getLogger("waitress.queue")
queue.addFilter(lambda record: raised.__setitem__(0, raised[0] + 1) or True)
quiet_queue_log()
counter = logging.Handler()
counter.emit = lambda record: logged.__setitem__(0, logged[0] + 1)
queue.addHandler(counter)
def report(*_):
    print(f"QUEUE {raised[0]} {logged[0]}", file=sys.stderr, flush=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, report)
app = create_app(db, None, state)
serve(app, host="127.0.0.1", port=int(port), _quiet=True, **waitress_options(app, int(threads)))
"""

MONTHS = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 11)]
METRICS = ["admissions", "bed_occupancy_rate", "fte_paid", "total_expenses", "alos"]
QUESTIONS = [
    "Combien d'entrées en mars 2026 ?",
    "Taux d'occupation par pôle en 2025",
    "Quel pôle a le plus d'intérim depuis janvier ?",
    "Évolution des ETP sur 12 mois",
]


def request_mix(client: int, count: int) -> list[tuple[str, str, dict | None]]:
    """The calls of one client: mostly figures and breakdowns, some series and questions."""
    calls = []
    for i in range(count):
        metric, month = METRICS[(client + i) % len(METRICS)], MONTHS[(client * 7 + i) % 22]
        kind = i % 6
        if kind == 0:
            calls.append(("GET", "/api/v1/metrics", None))
        elif kind in (1, 2):
            calls.append(("GET", f"/api/v1/query?metric={metric}&from={month}&by=pole", None))
        elif kind == 3:
            calls.append(("GET", f"/api/v1/query?metric={metric}&to={month}&grain=month", None))
        elif kind == 4:
            calls.append(("GET", f"/api/v1/query?metric={metric}&from={month}", None))
        else:
            question = QUESTIONS[(client + i) % len(QUESTIONS)]
            calls.append(("POST", "/api/v1/ask", {"question": question, "today": "2026-11-15"}))
    return calls


def run_client(port: int, token: str, calls, latencies: list, errors: list) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for method, path, body in calls:
        started = time.perf_counter()
        connection.request(method, path, json.dumps(body) if body else None, headers)
        response = connection.getresponse()
        response.read()
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status >= 500:
            errors.append((path, response.status))
    connection.close()


def wait_until_up(port: int, process: subprocess.Popen) -> None:
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("the server did not start") from None
            time.sleep(0.1)
    raise RuntimeError("the server did not answer")


def measure(db: Path, state: Path, token: str, threads: int, clients: int, count: int) -> dict:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(db), str(state), str(port), str(threads)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_until_up(port, process)
        latencies, errors = [], []
        workers = [
            threading.Thread(target=run_client,
                             args=(port, token, request_mix(c, count), latencies, errors))
            for c in range(clients)
        ]  # fmt: skip
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.perf_counter() - started
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    raised, logged = next(
        (line.split()[1:3] for line in stderr.splitlines() if line.startswith("QUEUE")), (0, 0)
    )
    cuts = statistics.quantiles(latencies, n=20)
    return {
        "threads": threads,
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies),
        "p95": cuts[18],
        "raised": int(raised),
        "logged": int(logged),
        "errors": len(errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=60, help="per client")
    parser.add_argument("--threads", type=int, nargs="+", default=[8, 16, 32])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        db = build_demo_warehouse(Path(work))
        state = Path(work) / "state"
        UserStore(state).add("bench", "bench-correct-horse", "director")
        token = issue_token(UserStore(state), "bench")
        print(f"{args.clients} clients × {args.requests} API calls, demo hospital, loopback")
        print("threads  req/s  p50 ms  p95 ms  queue warnings raised → logged  5xx")
        results = []
        for threads in args.threads:
            r = measure(db, state, token, threads, args.clients, args.requests)
            results.append(r)
            print(f"{r['threads']:>7} {r['rps']:>6.1f} {r['p50']:>7.1f} {r['p95']:>7.1f}"
                  f"  {r['raised']:>14} → {r['logged']:<6} {r['errors']:>4}")  # fmt: skip
        base = results[0]
        for r in results[1:]:
            print(f"{r['threads']} threads vs {base['threads']}: throughput "
                  f"{r['rps'] / base['rps']:.2f}×, p95 {r['p95'] / base['p95']:.2f}×")  # fmt: skip


if __name__ == "__main__":
    main()
