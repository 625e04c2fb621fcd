"""Every route × every kind of caller → the expected status, and no figure outside the perimeter.

Callers: anonymous, each role, a disabled user holding a cookie from before
being disabled, and pole managers of Chirurgie and of Médecine (each the
"other pole" for the other one's data).
"""

from __future__ import annotations

import base64
import json
import math
import re
from dataclasses import replace
from datetime import date

import pytest
from dash_replay import replay

from cockpit.auth.demo_users import VALLOMBRE
from cockpit.auth.users import UserStore
from cockpit.engine import Perimeter, QueryPlan
from cockpit.periods import Period, month_of, year_to_date

CALLERS = ("anonymous", "director", "controller", "analyst", "chef_chirurgie", "chef_medecine",
           "disabled")  # fmt: skip
PERIMETERS = {
    "chef_chirurgie": Perimeter(VALLOMBRE, "Chirurgie"),
    "chef_medecine": Perimeter(VALLOMBRE, "Médecine"),
}
Q = "/api/v1/query?metric=admissions&from=2026-01&to=2026-03"
OK = {c: 200 for c in CALLERS if c not in ("anonymous", "disabled")}


def expect(anonymous, logged, disabled=None, **special) -> dict[str, int]:
    table = {c: logged for c in OK} | {"anonymous": anonymous}
    table["disabled"] = anonymous if disabled is None else disabled
    return table | special


# (method, path) → caller → status
MATRIX = {
    ("GET", "/"): expect(302, 200),
    ("GET", "/activite"): expect(302, 200),
    ("GET", "/rh"): expect(302, 200),
    ("GET", "/finances"): expect(302, 200),
    ("GET", "/alertes"): expect(302, 200),
    ("GET", "/export/csv/finances"): expect(302, 200),
    ("GET", "/export/xlsx/indicateur/admissions"): expect(302, 200),
    ("GET", "/comparaison"): expect(302, 200),
    ("GET", "/comparaison/ambulatory_surgery_rate"): expect(302, 200),
    ("GET", "/login"): expect(200, 302),
    ("GET", "/logout"): expect(302, 200),
    ("GET", "/a-page-that-does-not-exist"): expect(302, 200),
    ("GET", "/_dash-layout"): expect(401, 200),
    ("GET", "/_dash-dependencies"): expect(401, 200),
    ("GET", "/_reload-hash"): expect(401, 200),
    ("GET", "/api/v1/metrics"): expect(401, 200),
    ("GET", f"{Q}&by=pole"): expect(401, 200),
    ("GET", f"{Q}&filter=pole:Chirurgie"): expect(401, 200, chef_medecine=403),
    ("GET", f"{Q}&filter=pole:Médecine"): expect(401, 200, chef_chirurgie=403),
    ("GET", f"{Q}&filter=establishment:CH de Rochebrune"): expect(
        401, 200, chef_chirurgie=403, chef_medecine=403),
    ("POST", "/api/v1/ask"): expect(401, 200),
    ("GET", "/question"): expect(302, 200),
    ("POST", "/question"): expect(401, 200),
    ("GET", "/api/v1/national?finess=840006597"): expect(401, 404),  # no public data imported
    ("GET", "/healthz"): expect(200, 200),
    ("GET", "/api/v1/openapi.json"): expect(200, 200),
    ("GET", "/api/v1/no-such-endpoint"): expect(401, 404),
    ("GET", "/_favicon.ico"): expect(200, 200),
}  # fmt: skip


@pytest.fixture(scope="module")
def server(shared_app, shared_state, add_user):
    """The shared app with one user per caller of the matrix."""
    state = shared_state
    for name, role in (
        ("director", "director"),
        ("controller", "controller"),
        ("analyst", "analyst"),
        ("disabled", "controller"),
    ):
        add_user(state, name, role)  # fmt: skip
    for name, perimeter in PERIMETERS.items():
        add_user(state, name, "pole_manager", pole=perimeter.pole,
                 establishment_id=perimeter.establishment_id)  # fmt: skip
    return shared_app


@pytest.fixture(scope="module")
def clients(server, log_in, client_of):
    """One browser per caller; the disabled user logged in before being disabled."""
    clients = {c: log_in(server, c) for c in CALLERS if c != "anonymous"}
    clients["anonymous"] = client_of(server)
    UserStore(server.extensions["cockpit_auth"].state_dir).set_active("disabled", False)
    return clients


def _request(client, method, path):
    if method == "POST":
        return client.post(path, json={"question": "Combien d'admissions ?"})
    return client.get(path)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("method, path", list(MATRIX))
def test_route_status(server, clients, method, path, caller):
    client = clients[caller]
    response = _request(client, method, path)
    assert response.status_code == MATRIX[(method, path)][caller], response.get_data(as_text=True)
    if response.status_code == 302 and caller in ("anonymous", "disabled"):
        assert response.headers["Location"].startswith("/login")
    if response.status_code == 401:
        assert response.is_json


@pytest.mark.parametrize("caller", CALLERS)
def test_static_files_are_served_to_everyone(clients, caller):
    director_page = clients["director"].get("/").get_data(as_text=True)
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', director_page)
    assets = re.findall(r'(?:href|src)="(/assets/[^"]+)"', director_page)
    for url in scripts[:2] + assets[:2]:
        assert clients[caller].get(url).status_code == 200, url


@pytest.mark.parametrize("caller", CALLERS)
def test_dashboard_callbacks(clients, caller):
    """The callbacks the dashboard fires on first load, posted raw by each caller."""
    exchanges = replay(clients["director"])
    assert exchanges, "the dashboard fires no server-side callback on first load"
    for body, _ in exchanges:
        response = clients[caller].post(
            "/_dash-update-component",
            data=json.dumps(body),
            headers={"Content-Type": "application/json"},
        )
        if caller in ("anonymous", "disabled"):
            assert response.status_code == 401 and response.is_json
        else:
            assert response.status_code in (200, 204), (body["output"], response.status_code)


def test_cross_site_callback_post_is_refused(clients):
    [(body, _), *_] = replay(clients["director"])
    response = clients["director"].post(
        "/_dash-update-component",
        data=json.dumps(body),
        headers={"Origin": "https://evil.example", "Content-Type": "application/json"},
    )
    assert response.status_code == 403
    no_origin = clients["director"].post(
        "/_dash-update-component",
        data=json.dumps(body),
        headers={"Content-Type": "application/json"},
        environ_overrides={"HTTP_ORIGIN": ""},  # this client's pages send their origin
    )
    assert no_origin.status_code == 403


# -- no figure outside the perimeter -------------------------------------------------------


def _plans(engine):
    last = engine.months_available()[1]
    periods = [
        month_of(last),
        year_to_date(last),
        Period.parse("2024-01", "2024-03"),
        Period(date(2026, 1, 1), date(2026, 3, 1)),
    ]
    for metric in engine.metrics():
        if metric.unit not in ("count", "eur", "hours", "days", "fte"):
            continue
        for period in periods:
            for group_by in ((), ("pole",), ("establishment",), ("establishment", "pole")):
                if set(group_by) <= set(metric.dimensions):
                    yield QueryPlan.build(metric.id, period, group_by=group_by)
            yield QueryPlan.build(metric.id, period, grain="month")


# fmt: skip


def _big(values) -> set[int]:
    """Values ≥ 10 000 rounded to units: rare enough not to match a figure by chance."""
    return {round(v) for v in values if v is not None and math.isfinite(v) and abs(v) >= 10_000}


def _figures(result) -> list[float | None]:
    return [r.get(key) for r in result.rows for key in ("value", "compare_value", "target")]


@pytest.fixture(scope="module")
def forbidden(server):
    """For each pole manager: the figures the engine computes outside their perimeter."""
    engine = server.extensions["cockpit_engine"]
    everything, inside = set(), {name: set() for name in PERIMETERS}
    for plan in _plans(engine):
        everything |= _big(r["value"] for r in engine.run(plan, Perimeter.everything()).rows)
        for name, perimeter in PERIMETERS.items():
            if "pole" in engine.metric(plan.metric).dimensions:
                compared = replace(plan, compare="previous_year")
                inside[name] |= _big(_figures(engine.run(compared, perimeter)))
    return {name: everything - inside[name] for name in PERIMETERS}


def _numbers(text: str) -> set[int]:
    """Numbers in a response, raw (12345.6) or French-formatted (12 345,6)."""
    text = re.sub(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)", "", text)
    # Whole numbers only: digits inside a random token (CSRF, nonce, hash) are not figures,
    # and matching them made the check flaky.
    found = re.findall(r"(?<![\w.])-?\d+(?:[.,]\d+)?(?:e[+-]?\d+)?(?![\w])", text)
    return _big(float(n.replace(",", ".")) for n in found)


# Dashboard addresses, including selections outside a pole manager's perimeter.
PAGES = ["/", "/activite", "/rh", "/finances", "/activite?pole=Médecine",
         "/activite?pole=Chirurgie", "/finances?e=990000020", "/rh?pole=Gériatrie"]  # fmt: skip


def _texts(response) -> list[str]:
    """The text of a response, with downloads (base64 in a callback answer) decoded."""
    if not response.mimetype.startswith(("text/", "application/json")):
        return []
    text = response.get_data(as_text=True)
    found = [text]
    for encoded in re.findall(r'"content":\s*"([A-Za-z0-9+/=]+)",\s*"base64":\s*true', text):
        found.append(base64.b64decode(encoded).decode("utf-8", errors="replace"))
    return found


def _everything_seen(client) -> str:
    responses = [client.get(path) for method, path in MATRIX
                 if method == "GET"]  # fmt: skip
    responses += [client.get(page) for page in PAGES]
    for question in ("x", "Combien d'entrées en octobre 2026 ?", "Entrées par pôle en 2025",
                     "Admissions in the Médecine pole last month"):  # fmt: skip
        responses.append(client.post("/api/v1/ask", json={"question": question,
                                                          "today": "2026-11-15"}))  # fmt: skip
        screen = {"Accept": "application/json"}  # the Question screen's script
        responses.append(client.post("/question", data={"question": question}, headers=screen))
    for page in PAGES:
        responses += [r for _, r in replay(client, page)]
        responses.append(client.get(f"/export/csv{page}" if page != "/" else "/alertes"))
    return "\n".join(text for r in responses for text in _texts(r))


@pytest.mark.parametrize("caller", list(PERIMETERS))
def test_a_pole_manager_never_receives_figures_outside_the_perimeter(clients, forbidden, caller):
    seen = _everything_seen(clients[caller])
    assert _numbers(seen) & forbidden[caller] == set()


def test_the_leak_check_would_catch_a_leak(clients, forbidden):
    """The director sees figures a pole manager may not: the check above is not vacuous."""
    seen = _numbers(_everything_seen(clients["director"]))
    assert seen & forbidden["chef_chirurgie"]
    assert seen & forbidden["chef_medecine"]


def test_a_pole_manager_gets_only_their_pole_from_the_api(clients):
    rows = clients["chef_chirurgie"].get(f"{Q}&by=pole&by=service").json["rows"]
    assert rows and {r["pole"] for r in rows} == {"Chirurgie"}
    single = clients["chef_chirurgie"].get(Q).json["value"]
    total = clients["director"].get(f"{Q}&filter=pole:Chirurgie&establishment=990000012")
    assert single == total.json["value"]
