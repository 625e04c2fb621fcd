"""Login throttling holds across two real `cockpit serve` processes sharing one state dir."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack

import pytest

from cockpit.demo.serve import serve

pytestmark = pytest.mark.slow


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
        first = stack.enter_context(serve(demo_warehouse, state))
        second = stack.enter_context(serve(demo_warehouse, state))
        assert _login(second, "demo-directeur") == 302  # the right password works
        for attempt in range(5):
            assert _login((first, second)[attempt % 2], "wrong-guess") == 401
        assert _login(first, "demo-directeur") == 429
        assert _login(second, "demo-directeur") == 429
