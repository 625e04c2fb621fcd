"""`cockpit serve --workers 2` (gunicorn): the two processes share what they must — a login
made on one is valid on the other, failed logins lock the account on both, a re-ingest is
seen by both — with the state directory alone, and with Redis (COCKPIT_REDIS_URL).

Which worker answered is read from the access log (`[<pid>]`); requests go out several at
a time on fresh connections so that both workers take some."""

from __future__ import annotations

import http.cookiejar
import json
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from extract_samples import DEMO_LAST_MONTH, doubled_last_month

from cockpit.demo.serve import serve
from cockpit.warehouse.ingest import ingest_files

pytestmark = pytest.mark.slow

QUERY = f"/api/v1/query?metric=admissions&from={DEMO_LAST_MONTH}&to={DEMO_LAST_MONTH}"
LINE = re.compile(r'\[<(\d+)>\] "(\w+) (\S+) HTTP/[\d.]+" (\d+)')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser: its cookies, a fresh connection per request."""

    def __init__(self, url: str):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(self.url + path, timeout=30) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read()

    def login(self, password: str, username: str = "directeur") -> int:
        form = self.get("/login")[1].decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode(
            {"username": username, "password": password, "csrf_token": token}
        ).encode()
        request = urllib.request.Request(
            f"{self.url}/login", data=body, headers={"Origin": self.url}
        )
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status
        except urllib.error.HTTPError as answer:
            return answer.code


def answered_by(log, method: str, path: str) -> dict[int, list[int]]:
    """worker pid → statuses it gave to `method path`, from the access log."""
    found: dict[int, list[int]] = {}
    for pid, verb, target, status in LINE.findall(log.read_text()):
        if verb == method and target == path:
            found.setdefault(int(pid), []).append(int(status))
    return found


def many(call, times: int = 24) -> list:
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda _: call(), range(times)))


def admissions_in_october(visitor: Visitor) -> float:
    status, body = visitor.get(QUERY)
    assert status == 200, body[:300]
    return json.loads(body)["value"]


@pytest.fixture(params=["state dir", "redis"])
def workers(request, demo_warehouse, tmp_path):
    """Two gunicorn workers over a copy of the demo; yields (url, access log, db path)."""
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_warehouse, db)
    log = tmp_path / "access.log"
    env = {}
    if request.param == "redis":
        env["COCKPIT_REDIS_URL"] = request.getfixturevalue("redis_url")
        redis.Redis.from_url(env["COCKPIT_REDIS_URL"]).flushdb()  # another test's lockout
    args = ["--workers", "2", "--threads", "4", "--access-log", str(log)]
    with serve(db, tmp_path / "state", args=args, env=env) as url:
        yield url, log, db


def test_a_login_made_on_one_worker_is_valid_on_the_other(workers):
    url, log, _db = workers
    visitor = Visitor(url)
    assert visitor.login("demo-directeur") == 302
    statuses = many(lambda: visitor.get("/api/v1/metrics")[0])
    assert set(statuses) == {200}
    by_worker = answered_by(log, "GET", "/api/v1/metrics")
    assert len(by_worker) == 2, f"one worker took every request: {by_worker}"
    assert all(set(s) == {200} for s in by_worker.values())


def test_failed_logins_lock_the_account_on_both_workers(workers):
    url, log, _db = workers
    for _ in range(5):
        assert Visitor(url).login("wrong-guess") == 401
    refused = many(lambda: Visitor(url).login("demo-directeur"), times=16)
    assert set(refused) == {429}
    by_worker = answered_by(log, "POST", "/login")
    assert len(by_worker) == 2 and all(429 in s for s in by_worker.values()), by_worker


def test_a_reingest_is_seen_by_both_workers(workers, demo_extracts, tmp_path):
    url, log, db = workers
    visitor = Visitor(url)
    assert visitor.login("demo-directeur") == 302
    before = set(many(lambda: admissions_in_october(visitor)))
    assert len(before) == 1 and len(answered_by(log, "GET", QUERY)) == 2
    ingest_files([doubled_last_month(demo_extracts, tmp_path / "changed")], db, user="tests")
    expected = 2 * before.pop()
    log.write_text("")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        after = many(lambda: admissions_in_october(visitor))
        if set(after) == {expected} and len(answered_by(log, "GET", QUERY)) == 2:
            break
        log.write_text("")
        time.sleep(0.2)
    assert set(after) == {expected}
    assert len(answered_by(log, "GET", QUERY)) == 2
