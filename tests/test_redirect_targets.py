"""Where a redirect may go: only a path on this site, by every road that takes a target
(login's `next`, the language switch, the offline banner's « Actualiser » link)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.auth.paths import safe_next

# From the attacker's report, and their cousins.
HOSTILE = [
    "/%09/evil.example",
    "/\t/evil.example/phish",
    "/\r\n/evil.example",
    "/\\evil.example/x",
    "//evil.example",
    "///evil.example",
    "/%2F/evil.example",
    "/%252F%252Fevil.example",
    "/%5Cevil.example",
    "/a/..//evil.example",
    "/%2e%2e//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/\u202e/evil.example",
    "/x\x00y",
    "evil.example",
    "",
]


@pytest.mark.parametrize("target", HOSTILE)
def test_a_hostile_target_goes_home(target):
    assert safe_next(target) == "/"


@pytest.mark.parametrize("target, expected", [
    ("/activite?p=ytd&m=2026-09", "/activite?p=ytd&m=2026-09"),
    ("/activite?pole=M%C3%A9decine", "/activite?pole=M%C3%A9decine"),
    ("/rh/../finances", "/finances"),
    ("/detail/admissions#chart", "/detail/admissions"),
])  # fmt: skip
def test_a_local_target_is_kept_normalised(target, expected):
    assert safe_next(target) == expected


def _leaves_the_site(location: str) -> bool:
    """What a browser would do with this Location: drop tabs and newlines, read \\ as /."""
    seen = location.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    return not seen.startswith("/") or seen.startswith("//")


@settings(max_examples=300)
@given(st.text(max_size=60) | st.builds(lambda s: "/" + s, st.text(max_size=60)))
def test_any_target_stays_on_the_site(target):
    result = safe_next(target)
    assert not _leaves_the_site(result)
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in result)
    assert result == "/" or result == safe_next(result)


@pytest.mark.parametrize("target", HOSTILE[:10])
def test_login_never_redirects_off_site(auth, target):
    response = auth.login("directeur", next_path=target)
    assert response.status_code == 302 and response.headers["Location"] == "/"


@pytest.mark.parametrize("target", HOSTILE[:10])
def test_the_language_switch_never_redirects_off_site(app, target):
    response = app.test_client().get("/lang/en", query_string={"next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_a_control_character_in_next_is_not_a_500(app):
    response = app.test_client().get("/lang/en?next=/%0d%0aSet-Cookie:%20x=1")
    assert response.status_code == 302 and "Set-Cookie: x" not in str(response.headers)


def test_the_offline_banner_reload_link_never_points_off_site(client, auth):
    auth.login()
    page = client.get("/\\evil.example/x").get_data(as_text=True)
    banner = re.search(r'class="offline-banner".*?</div>', page, re.S).group(0)
    assert re.findall(r'href="([^"]*)"', banner) == ["/"]
