"""The API against its own OpenAPI document, fuzzed by schemathesis on a live server
(`cockpit serve` on the demo, loopback) as anonymous, director and pole manager: no
server error, every answer as documented, every 4xx with a clear message."""

from __future__ import annotations

from collections import Counter

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from cockpit.api import DOCUMENT, OPENAPI_PATH
from cockpit.auth.errors import MAX_MESSAGE_CHARS
from cockpit.auth.tokens import issue_token
from cockpit.auth.users import UserStore
from cockpit.demo.serve import serve

ROLES = {"anonymous": None, "director": "directeur", "pole_manager": "chef-chirurgie"}
CASES: Counter = Counter()
schema = schemathesis.openapi.from_dict(DOCUMENT)
FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def live_server(demo_warehouse, tmp_path_factory, summary_line):
    state = tmp_path_factory.mktemp("contract") / "state"
    with serve(demo_warehouse, state) as url:
        tokens = {role: issue_token(UserStore(state), name) for role, name in ROLES.items() if name}
        yield url, tokens
    counts = ", ".join(f"{role} {CASES[role]}" for role in ROLES)
    summary_line(f"schemathesis: {sum(CASES.values())} cases sent to a live server ({counts})")


def test_the_server_publishes_the_document_the_fuzzer_reads(live_server):
    url, _ = live_server
    assert requests.get(url + OPENAPI_PATH, timeout=10).json() == DOCUMENT


def _call_and_validate(case, role, live_server):
    url, tokens = live_server
    headers = {"Authorization": f"Bearer {tokens[role]}"} if role in tokens else {}
    CASES[role] += 1
    # A request the schema allows may still name a pole or a breakdown the catalog refuses:
    # that is a 400 with its reason, which this check would count as a failure.
    response = case.call_and_validate(
        base_url=url, headers=headers, excluded_checks=[positive_data_acceptance]
    )
    if 400 <= response.status_code < 500:
        body = response.json()
        assert body["error"] and body["message"]
        # Clear, and never an echo of what was sent (a question may be 500 characters).
        assert len(body["message"]) <= MAX_MESSAGE_CHARS, body


@schema.parametrize()
@FUZZ
def test_api_conforms_for_anonymous(case, live_server):
    _call_and_validate(case, "anonymous", live_server)


@schema.parametrize()
@FUZZ
def test_api_conforms_for_a_director(case, live_server):
    _call_and_validate(case, "director", live_server)


@schema.parametrize()
@FUZZ
def test_api_conforms_for_a_pole_manager(case, live_server):
    _call_and_validate(case, "pole_manager", live_server)
