"""Benchmark: `cockpit serve --workers N` under simulated users (locust, headless, loopback).

Builds the demo hospital, serves it with N gunicorn workers, and runs `--users` locust
users for `--seconds`. Each user logs in with one of the demo accounts (director,
controller, analyst, a director of one establishment, pole managers), then, with a think
time between actions, loads the home page, the domain pages, a detail page and the alerts,
posts questions to the Question screen as its script does (`POST /question`, JSON back),
and calls `GET /api/v1/query` and `POST /api/v1/ask`. Prints requests/s and p50/p95/p99
per endpoint and for the callbacks + API together (target p95 ≤ 300 ms, 0 errors).

`--soak-minutes M` runs M minutes instead, re-ingests a changed activity extract half-way,
and reports failures per minute, what a probe saw (every answer must be the data before
the ingest or after it, never a mix) and each worker's memory (RSS) over time.

    .venv/bin/python bench/load.py [--users 100] [--seconds 120] [--workers 2]
    .venv/bin/python bench/load.py --users 50 --soak-minutes 10 --workers 2
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

import gevent
import psutil
from locust import between, task
from locust.contrib.fasthttp import FastHttpUser
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from extract_samples import DEMO_LAST_MONTH, doubled_last_month  # noqa: E402

from cockpit.auth.demo_users import DEMO_ACCOUNTS, demo_password  # noqa: E402
from cockpit.auth.tokens import issue_token  # noqa: E402
from cockpit.auth.users import UserStore  # noqa: E402
from cockpit.demo.serve import COCKPIT, build_demo_warehouse, serve  # noqa: E402

TARGET_P95_MS = 300.0
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PAGES = ["/", "/activite", "/rh", "/finances", "/alertes"]
DETAILS = ["admissions", "bed_occupancy_rate", "fte_paid", "total_expenses", "alos"]
MONTHS = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 11)]
QUESTIONS = [
    "Combien d'entrées en mars 2026 ?",
    "Taux d'occupation par pôle en 2025",
    "Quel pôle a le plus d'intérim depuis janvier ?",
    "Évolution des ETP sur 12 mois",
    "What were the ER visits last month?",
]
# The probe's query: the last month's admissions double in the re-ingest, the others stay.
PROBE = f"/api/v1/query?metric=admissions&from=2026-01&to={DEMO_LAST_MONTH}&grain=month"
_accounts = itertools.cycle([username for username, *_ in DEMO_ACCOUNTS])


class Visitor(FastHttpUser):
    """One person on a phone or a desktop: logs in, then reads and asks."""

    wait_time = between(1, 4)

    def on_start(self) -> None:
        self.username = next(_accounts)
        form = self.client.get("/login", name="login").text
        token = CSRF.search(form).group(1)
        fields = {"username": self.username, "password": demo_password(self.username),
                  "csrf_token": token}  # fmt: skip
        with self.client.post("/login", data=fields, headers=self._same_origin(),
                              name="login", allow_redirects=False,
                              catch_response=True) as answer:  # fmt: skip
            if answer.status_code != 302:
                answer.failure(f"login of {self.username}: {answer.status_code}")

    def _same_origin(self) -> dict:
        return {"Origin": self.host}

    @task(4)
    def page(self) -> None:
        path = random.choice(PAGES)
        self.client.get(path, name=f"page {path}")

    @task(2)
    def detail(self) -> None:
        self.client.get(f"/indicateur/{random.choice(DETAILS)}", name="page /indicateur/[id]")

    @task(3)
    def question_screen(self) -> None:
        headers = {**self._same_origin(), "Accept": "application/json"}
        self.client.post("/question", data={"question": random.choice(QUESTIONS)},
                         headers=headers, name="callback POST /question")  # fmt: skip

    @task(4)
    def api_query(self) -> None:
        metric, month = random.choice(DETAILS), random.choice(MONTHS)
        shape = random.choice([f"from={month}", f"to={month}&grain=month",
                               f"from={month}&by=pole"])  # fmt: skip
        self.client.get(f"/api/v1/query?metric={metric}&{shape}", name="api GET /api/v1/query")

    @task(1)
    def api_ask(self) -> None:
        body = {"question": random.choice(QUESTIONS), "today": "2026-11-15"}
        self.client.post("/api/v1/ask", json=body, headers=self._same_origin(),
                         name="api POST /api/v1/ask")  # fmt: skip


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


class Recorder:
    """Every request's latency by endpoint, and when the failures happened. Latencies
    count once every user has logged in (password hashing is the ramp-up's work, timed
    under "login"); failures count from the start."""

    def __init__(self, started: float, users: int):
        self.started = started
        self.users = users
        self.logins = 0
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.failures: list[tuple[float, str, str]] = []
        self.ramped_up: float | None = None

    def __call__(self, request_type, name, response_time, exception=None, **_) -> None:
        if self.ramped_up is not None or name == "login":
            self.latencies[name].append(response_time)
        if exception is not None:
            self.failures.append((time.monotonic() - self.started, name, str(exception)[:120]))
        elif name == "login" and request_type == "POST":
            self.logins += 1
            if self.logins == self.users:
                self.ramped_up = time.monotonic() - self.started

    def report(self, elapsed: float) -> list[float]:
        """Prints the table; returns the callback + API latencies."""
        measured = elapsed - (self.ramped_up or 0)
        print(f"all {elapsed:.0f} s; latencies and req/s over the last {measured:.0f} s, once "
              "every user had logged in")  # fmt: skip
        print(f"{'endpoint':34} {'requests':>8} {'fail':>5} {'req/s':>6} "
              f"{'p50':>6} {'p95':>6} {'p99':>6}  (ms)")  # fmt: skip
        failed = defaultdict(int)
        for _, name, _ in self.failures:
            failed[name] += 1
        for name in sorted(self.latencies):
            times = self.latencies[name]
            span = elapsed if name == "login" else measured
            print(f"{name:34} {len(times):>8} {failed[name]:>5} {len(times) / span:>6.1f} "
                  f"{statistics.median(times):>6.0f} {percentile(times, 0.95):>6.0f} "
                  f"{percentile(times, 0.99):>6.0f}")  # fmt: skip
        return [t for n, times in self.latencies.items() if n.startswith(("api", "callback"))
                for t in times]  # fmt: skip


def workers_of(port: int) -> list[psutil.Process]:
    """The gunicorn workers of the `cockpit serve` listening on `port`."""
    for process in psutil.process_iter(["cmdline"]):
        command = process.info["cmdline"] or []
        if "serve" in command and "--port" in command and str(port) in command:
            return process.children()
    return []


def sample_memory(port: int, every_s: float, started: float, samples: list) -> None:
    while True:
        rss = {}
        for worker in workers_of(port):
            try:
                rss[worker.pid] = worker.memory_info().rss / 2**20
            except psutil.Error:
                continue
        samples.append((time.monotonic() - started, rss))
        gevent.sleep(every_s)


def probe_values(url: str, token: str) -> list[float]:
    request = urllib.request.Request(url + PROBE, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as answer:  # nosec B310 # our loopback
        return [row["value"] for row in json.loads(answer.read())["rows"]]


def probe(url: str, token: str, before: list[float], after: list[float], seen: dict) -> None:
    """Every second: the series must be exactly the old data or the new."""
    while True:
        try:
            values = probe_values(url, token)
            seen["before" if values == before else "after" if values == after else "mixed"] += 1
        except Exception as exc:  # counted and shown: the soak goes on
            seen["error"] += 1
            seen.setdefault("last error", str(exc)[:200])
        gevent.sleep(1)


def reingest(db: Path, changed: Path, started: float, events: list) -> None:
    events.append((time.monotonic() - started, "re-ingest starts"))
    done = subprocess.run([*COCKPIT, "ingest", "--db", str(db), str(changed)], cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip
    outcome = "done" if done.returncode == 0 else f"FAILED: {done.stderr[-300:]}"
    events.append((time.monotonic() - started, f"re-ingest {outcome}"))


def report_memory(samples: list) -> None:
    print("\nworker memory (RSS, MiB) over time")
    pids = sorted({pid for _, rss in samples for pid in rss})
    print(f"{'t (s)':>6} " + " ".join(f"{pid:>9}" for pid in pids))
    step = max(1, len(samples) // 20)
    shown = samples[::step]
    if shown[-1] is not samples[-1]:
        shown.append(samples[-1])
    for at, rss in shown:
        print(f"{at:>6.0f} " + " ".join(f"{rss.get(pid, float('nan')):>9.0f}" for pid in pids))
    # Median of a window, not one sample: a worker's RSS moves ±10 % from request to request.
    end = samples[-1][0]
    for pid in pids:
        early = [rss[pid] for at, rss in samples if 0.2 * end <= at < 0.4 * end and pid in rss]
        late = [rss[pid] for at, rss in samples if at >= 0.8 * end and pid in rss]
        if early and late:
            first, last = statistics.median(early), statistics.median(late)
            growth = (last / first - 1) * 100
            print(f"worker {pid}: median {first:.0f} MiB at 20–40 % of the run → {last:.0f} "
                  f"MiB in the last 20 % ({growth:+.1f} %, target < +10 %)")  # fmt: skip
    if len(pids) > len(samples[-1][1]):
        print(f"NOTE: {len(pids)} worker pids seen for {len(samples[-1][1])} workers "
              "(gunicorn replaced some)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=120, help="load run length")
    parser.add_argument("--soak-minutes", type=float, help="soak run: minutes, re-ingest half-way")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8, help="per worker")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--redis-url", help="COCKPIT_REDIS_URL for the server")
    parser.add_argument("--sample-s", type=float, default=10, help="memory sampling period")
    args = parser.parse_args()
    if args.users > 500 or (args.soak_minutes or 0) > 120 or args.seconds > 3600:
        parser.error("bounded: at most 500 users, 3600 s, 120 soak minutes")
    duration = args.soak_minutes * 60 if args.soak_minutes else args.seconds
    env = {"COCKPIT_REDIS_URL": args.redis_url} if args.redis_url else {}
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        db, state = build_demo_warehouse(work), work / "state"
        server_args = ["--workers", str(args.workers), "--threads", str(args.threads)]
        with serve(db, state, args=server_args, env=env, log=work / "server.log") as url:
            port = int(url.rsplit(":", 1)[1])
            load_before = os.getloadavg()
            started = time.monotonic()
            recorder = Recorder(started, args.users)
            environment = Environment(user_classes=[Visitor], host=url)
            environment.events.request.add_listener(recorder)
            runner = environment.create_local_runner()
            samples, events, seen = [], [], defaultdict(int)
            background = [gevent.spawn(sample_memory, port, args.sample_s, started, samples)]
            if args.soak_minutes:
                token = issue_token(UserStore(state), "directeur")
                before = probe_values(url, token)
                changed = doubled_last_month(work / "extracts", work / "changed")
                after = [*before[:-1], 2 * before[-1]]
                background.append(gevent.spawn(probe, url, token, before, after, seen))
                gevent.spawn_later(duration / 2, reingest, db, changed, started, events)
            runner.start(args.users, spawn_rate=args.spawn_rate)
            gevent.spawn_later(duration, runner.quit)
            runner.greenlet.join()
            elapsed = time.monotonic() - started
            gevent.killall(background)
            load_after = os.getloadavg()
    print(f"\n{args.users} users, {args.workers} workers × {args.threads} threads, "
          f"demo hospital on loopback{' + Redis' if env else ''}")  # fmt: skip
    print(f"load average (1, 5, 15 min): before {load_before[0]:.1f} {load_before[1]:.1f} "
          f"{load_before[2]:.1f}, after {load_after[0]:.1f} {load_after[1]:.1f} "
          f"{load_after[2]:.1f}  (2 cores, shared)")  # fmt: skip
    report_requests(recorder, elapsed)
    if args.soak_minutes:
        report_soak(recorder, elapsed, events, seen)
    if samples:
        report_memory(samples)


def report_requests(recorder: Recorder, elapsed: float) -> None:
    mine = recorder.report(elapsed) or [0.0]
    total = sum(len(t) for n, t in recorder.latencies.items() if n != "login")
    measured = elapsed - (recorder.ramped_up or 0)
    print(f"all but login: {total / measured:.1f} req/s; callbacks + API: p50 "
          f"{statistics.median(mine):.0f} ms, p95 {percentile(mine, 0.95):.0f} ms "
          f"(target ≤ {TARGET_P95_MS:.0f}), p99 {percentile(mine, 0.99):.0f} ms; "
          f"failures: {len(recorder.failures)}")  # fmt: skip
    for at, name, error in recorder.failures[:10]:
        print(f"  failure at {at:.0f} s: {name}: {error}")


def report_soak(recorder: Recorder, elapsed: float, events: list, seen: dict) -> None:
    per_minute = defaultdict(int)
    for at, _, _ in recorder.failures:
        per_minute[int(at // 60)] += 1
    minutes = range(int(elapsed // 60) + 1)
    print("failures per minute: " + " ".join(str(per_minute[m]) for m in minutes))
    for at, event in events:
        print(f"{at:.0f} s: {event}")
    print(f"probe: {seen['before']} answers with the data before the ingest, "
          f"{seen['after']} after, {seen['mixed']} mixed (target 0), "
          f"{seen['error']} errors {seen.get('last error', '')}")  # fmt: skip


if __name__ == "__main__":
    main()
