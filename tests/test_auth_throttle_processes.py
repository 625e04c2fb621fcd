"""Login throttling holds across two real `cockpit serve` processes sharing one state dir."""

from __future__ import annotations

import http.cookiejar
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack

import pytest

from cockpit.config import PROJECT_ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(stack: ExitStack, db, state, demo_users: bool) -> str:
    port = _free_port()
    command = [sys.executable, "-m", "cockpit", "serve", "--db", str(db), "--state", str(state),
               "--port", str(port), *(["--demo-users"] if demo_users else [])]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    stack.callback(process.wait, 10)
    stack.callback(process.terminate)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=1)
            return url
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"cockpit serve did not start on {url}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _login(url: str, password: str) -> int:
    """Post the real login form (CSRF token, same origin) and return the HTTP status."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
    )
    form = opener.open(f"{url}/login").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    body = urllib.parse.urlencode(
        {"username": "directeur", "password": password, "csrf_token": token}
    ).encode()
    request = urllib.request.Request(f"{url}/login", data=body, headers={"Origin": url})
    try:
        return opener.open(request).status
    except urllib.error.HTTPError as answer:
        return answer.code


def test_failures_on_one_process_lock_the_account_on_the_other(demo_warehouse, tmp_path):
    state = tmp_path / "state"
    with ExitStack() as stack:
        first = _serve(stack, demo_warehouse, state, demo_users=True)
        second = _serve(stack, demo_warehouse, state, demo_users=False)
        assert _login(second, "demo-directeur") == 302  # the right password works
        for attempt in range(5):
            assert _login((first, second)[attempt % 2], "wrong-guess") == 401
        assert _login(first, "demo-directeur") == 429
        assert _login(second, "demo-directeur") == 429
