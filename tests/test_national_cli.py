"""`cockpit national import|show`: the real command, its JSON, its errors and the mapping of
the demo establishment to a real FINESS (COCKPIT_NATIONAL_FINESS)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from real_data import AVIGNON

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine
from cockpit.national.service import National

VALLOMBRE = "990000012"


def cockpit(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cockpit", *args], capture_output=True, text=True, timeout=300,
        cwd=PROJECT_ROOT, env={**os.environ, "COCKPIT_NATIONAL_FINESS": "", **env},
    )  # fmt: skip


def test_show_json_is_the_comparison(national_db):
    done = cockpit(
        "national", "show", AVIGNON, "--year", "2022", "--json", "--db", str(national_db)
    )
    assert done.returncode == 0, done.stderr
    expected = National(Engine(national_db, PROJECT_ROOT / "queries")).compare(AVIGNON, year=2022)
    assert json.loads(done.stdout) == json.loads(json.dumps(expected.as_json()))


def test_the_demo_establishment_is_shown_as_its_mapped_finess_with_its_own_figures(national_db):
    done = cockpit(
        "national", "show", VALLOMBRE, "--json", "--db", str(national_db),
        COCKPIT_NATIONAL_FINESS=f"{VALLOMBRE}={AVIGNON}",
    )  # fmt: skip
    shown = json.loads(done.stdout)
    assert (shown["finess"], shown["establishment"], shown["category"]) == (
        AVIGNON,
        VALLOMBRE,
        "CH",
    )
    er = next(i for i in shown["indicators"] if i["id"] == "er_visits")
    assert er["year"] == 2024 and er["value"] == 127087 + 0  # Avignon's SAE 2024 visits
    assert er["own"]["metric"] == "er_visits" and er["own"]["year"] == 2024
    assert er["own"]["value"] > 0


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["123"], {}, "'123' is not a FINESS number"),
        (["990000099"], {}, "FINESS 990000099 is in none of the imported public files"),
        ([AVIGNON, "--peers", "voisins"], {}, "unknown peer group 'voisins'"),
        ([VALLOMBRE], {"COCKPIT_NATIONAL_FINESS": "990000012:840006597"},
         "'990000012:840006597' is not ESTABLISHMENT=FINESS"),
    ],
)  # fmt: skip
def test_show_explains_what_is_wrong(national_db, args, env, message):
    done = cockpit("national", "show", *args, "--db", str(national_db), **env)
    assert done.returncode == 2 and message in done.stderr


def test_show_without_public_data_says_how_to_import_it(demo_warehouse):
    done = cockpit("national", "show", AVIGNON, "--db", str(demo_warehouse))
    assert done.returncode == 2 and "cockpit national import" in done.stderr


def test_import_prints_each_problem_with_file_line_and_column(tmp_path):
    bad = tmp_path / "hd2022.csv"
    bad.write_text("finess,rs,cat,taille_MCO,P12\n840006597,CH,CH,T4,trente\n", encoding="utf-8")
    done = cockpit("national", "import", str(bad), "--db", str(tmp_path / "w.duckdb"))
    assert done.returncode == 1
    assert "line 2, column P12: 'trente' is not a number" in done.stderr
    assert "Nothing was stored" in done.stderr


def test_import_reports_what_it_loaded(tmp_path):
    good = tmp_path / "hd2022.csv"
    good.write_text('finess,rs,cat,taille_MCO,P12\n840006597,CH,CH,T4,"35,83"\n')
    done = cockpit("national", "import", str(good), "--db", str(tmp_path / "w.duckdb"))
    assert done.returncode == 0, done.stderr
    assert "hospidiag:hd" in done.stdout and "1 values from 1 file(s)" in done.stdout
