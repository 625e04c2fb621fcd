"""The analyst owns the catalog, with no Python: a new metric file using a new dimension
reaches every surface — the CLI, questions, the API, the home page and the dictionary — and
a running `cockpit serve` picks it up without restart; a broken file is reported by file and
field while everything else answers and the server keeps its last good version."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
import requests
from typer.testing import CliRunner

from cockpit.cli import _register
from cockpit.cli import app as cli
from cockpit.demo.serve import serve

_register()

# A discipline groups the demo's and the check fixture's services (as a DIM would).
DISCIPLINE = """
  discipline:
    label: {fr: discipline, en: discipline}
    plural: {fr: disciplines, en: disciplines}
    from: service
    values:
      MCO: [Cardiologie, Pneumologie, Médecine interne, Gastro-entérologie, Neurologie,
            Oncologie, Endocrinologie-Diabétologie, Chirurgie orthopédique, Chirurgie digestive,
            Urologie, Chirurgie viscérale, Ophtalmologie, Maternité, Pédiatrie, Néonatologie,
            Urgences, Réanimation, Court séjour gériatrique, Médecine polyvalente]
      SSR: [SSR, Soins de suite et de réadaptation]
      Psychiatrie: [Psychiatrie adulte, Pédopsychiatrie]
    questions:
      kind: place
      words: {fr: [discipline], en: [discipline]}
"""
# The check fixture's three services are all MCO: 200, 207 and 214 consultations a month.
OUTPATIENT_VISITS = """\
version: 1
id: outpatient_visits
label: {fr: Visites externes, en: Outpatient visits}
description:
  fr: Consultations externes, sommées sur la période.
  en: Outpatient consultations, summed over the period.
domain: activity
placement: {home: 15}
unit: count
format: int
aggregation: flow
table: activity
expr: sum(consultations)
dimensions: [establishment, pole, service, discipline]
direction: higher_is_better
synonyms:
  fr: [visites externes, venues en consultation]
  en: [outpatient visits]
owner: Direction des affaires médicales
checks:
- {period: 2024-02, expect: 621}
- {period: 2024-01..2024-03, filters: {discipline: MCO}, expect: 1863}
- {period: 2024-02, filters: {establishment: "990000020"}, expect: 214}
"""
METRIC = "outpatient_visits"


def invoke(*args) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def logged_in(url: str, username: str) -> requests.Session:
    """A session of the real server, logged in through its form like a browser."""
    session = requests.Session()
    page = session.get(url + "/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = session.post(
        url + "/login",
        data={"csrf_token": token, "username": username, "password": f"demo-{username}"},
        headers={"Origin": url},
        timeout=30,
    )
    assert response.ok and not response.url.endswith("/login"), response.text[:500]
    return session


def eventually(check, seconds: float = 10.0):
    """What `check()` returns once it is truthy: the live catalog looks every second."""
    deadline = time.monotonic() + seconds
    while not (found := check()) and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


@pytest.fixture
def server(queries, warehouse_copy, tmp_path):
    """A real `cockpit serve` process on a copy of `queries/` (the test edits the copy)."""
    with serve(warehouse_copy, tmp_path / "state", ["--queries", str(queries)]) as url:
        yield url


def _add_metric_and_dimension(queries: Path) -> None:
    registry = queries / "dimensions.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + DISCIPLINE, encoding="utf-8")
    (queries / f"{METRIC}.yaml").write_text(OUTPATIENT_VISITS, encoding="utf-8")


def test_a_new_metric_and_dimension_reach_every_surface_without_restart(
    server, queries, warehouse_copy
):
    director = logged_in(server, "directeur")

    def listed() -> dict:
        metrics = director.get(server + "/api/v1/metrics", timeout=30).json()["metrics"]
        return {m["id"]: m for m in metrics}

    assert METRIC not in listed()
    _add_metric_and_dimension(queries)

    assert "0 error(s)" in invoke("queries", "check", "--queries", queries)
    assert "3/3 checks passed" in invoke("queries", "test", METRIC, "--queries", queries)
    by_discipline = json.loads(
        invoke(
            "query",
            METRIC,
            "--from",
            "2026-01",
            "--to",
            "2026-03",
            "--by",
            "discipline",
            "--json",
            "--db",
            warehouse_copy,
            "--queries",
            queries,
        )
    )
    groups = {row["discipline"]: row["value"] for row in by_discipline["rows"]}
    assert {"MCO", "SSR", "Psychiatrie"} <= set(groups) and groups["MCO"] > 0
    answer = json.loads(
        invoke(
            "ask",
            "Combien de visites externes par discipline en 2025 ?",
            "--json",
            "--planner",
            "offline",
            "--db",
            warehouse_copy,
            "--queries",
            queries,
        )
    )
    assert answer["status"] == "answered", answer
    assert answer["metric"] == METRIC and answer["group_by"] == ["discipline"]
    assert {row["discipline"] for row in answer["rows"]} >= {"MCO", "SSR", "Psychiatrie"}

    # The running server, started before the files existed.
    metric = eventually(lambda: listed().get(METRIC))
    assert metric and "discipline" in metric["dimensions"]
    query = {"metric": METRIC, "from": "2026-01", "to": "2026-03", "by": "discipline"}
    api = director.get(server + "/api/v1/query", params=query, timeout=30).json()
    assert {row["discipline"]: row["value"] for row in api["rows"]} == groups
    home = director.get(server + "/", timeout=30).text
    cards = re.findall(r'data-metric="([a-z_]+)"', home)
    assert cards[1] == METRIC  # placement home: 15, between the first and second cards
    dictionary = director.get(server + "/dictionnaire", params={"q": "visites"}, timeout=60).text
    assert f'id="def-{METRIC}"' in dictionary and "pôle, service, discipline" in dictionary


def test_a_broken_file_is_reported_by_field_and_the_server_keeps_its_last_good_version(
    server, queries
):
    analyst = logged_in(server, "analyste")

    def value(metric: str):
        query = {"metric": metric, "from": "2026-01", "to": "2026-03"}
        response = analyst.get(server + "/api/v1/query", params=query, timeout=30)
        assert response.status_code == 200, response.text
        return response.json()["value"]

    before = value("alos")
    path = queries / "alos.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("aggregation: ratio", "aggregation: median"),
        encoding="utf-8",
    )
    checked = CliRunner().invoke(cli, ["queries", "check", "--queries", str(queries)])
    assert checked.exit_code == 1 and "alos.yaml" in checked.output
    assert "aggregation" in checked.output

    def dictionary_with_errors() -> str | None:
        page = analyst.get(server + "/dictionnaire", timeout=60).text
        return page if "definition-errors" in page else None

    page = eventually(dictionary_with_errors)
    errors = page[page.index("definition-errors") :]
    assert "alos.yaml" in errors and "aggregation" in errors
    assert value("alos") == before  # the last good version
    assert value("admissions") and value("interim_cost")  # everything else answers
