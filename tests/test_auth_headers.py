"""Security headers on every response; data is never cacheable; demo users are idempotent."""

from __future__ import annotations

from cockpit.auth import ensure_demo_users
from cockpit.auth.users import UserStore


def _csp(response) -> dict[str, list[str]]:
    directives = (d.split() for d in response.headers["Content-Security-Policy"].split(";"))
    return {d[0]: d[1:] for d in directives if d}


def test_every_response_carries_the_security_headers(director):
    for path in ("/", "/login", "/_dash-layout", "/api/v1/metrics", "/healthz",
                 "/api/v1/query?metric=nope", "/_favicon.ico"):  # fmt: skip
        response = director.get(path)
        csp = _csp(response)
        assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
        assert "'unsafe-eval'" not in csp["script-src"]
        assert "'unsafe-inline'" not in csp["script-src"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_csp_allows_dashs_inline_scripts_by_hash(director):
    # Dashboard pages and the Question screen are plain server HTML; an address no page
    # answers still boots the Dash runtime.
    page = director.get("/a-page-that-does-not-exist")
    hashes = [s for s in _csp(page)["script-src"] if s.startswith("'sha256-")]
    assert hashes, "the Dash renderer bootstrap needs its hash"
    assert "new DashRenderer" in page.get_data(as_text=True)


def test_data_is_never_cached(director):
    for path in ("/", "/login", "/_dash-layout", "/_dash-dependencies", "/api/v1/metrics",
                 "/api/v1/query?metric=admissions&from=2026-01"):  # fmt: skip
        assert director.get(path).headers["Cache-Control"] == "no-store", path
    assert director.get("/_favicon.ico").headers.get("Cache-Control") != "no-store"


def test_demo_users_are_created_once(tmp_path):
    first = ensure_demo_users(tmp_path)
    assert ("directeur", "demo-directeur") in [(u, p) for u, p, _, _ in first]
    chef = next(a for a in first if a[0] == "chef-chirurgie")
    assert chef[2] == "pole_manager" and chef[3].pole == "Chirurgie"
    UserStore(tmp_path).set_password("directeur", "changed-by-the-director")
    assert ensure_demo_users(tmp_path) == first
    user, outcome = UserStore(tmp_path).authenticate("directeur", "changed-by-the-director")
    assert outcome == "ok"
