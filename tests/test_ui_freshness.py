"""How fresh the data is, on every page: the month the extracts reach and when they were
loaded, and a warning when one extract is behind the others (loaded through the real CLI)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.config import PROJECT_ROOT
from cockpit.demo import write_demo

PAGES = ["/", "/indicateur/bed_occupancy_rate", "/finances", "/alertes"]
BEHIND = "Attention : RH à fin septembre 2026, en retard sur les autres."


def _drop_last_month(path: Path) -> None:
    """The extract without its last month, as if that month had not been delivered yet."""
    lines = path.read_text(encoding="utf-8").splitlines()
    delimiter = ";" if ";" in lines[0] else ","
    header, *body = list(csv.reader(lines, delimiter=delimiter))
    column = header.index("period")
    last = max(r[column] for r in body)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(r for r in body if r[column] != last)


@pytest.fixture
def client_behind(tmp_path, make_app, log_in):
    """`client_behind(extract)`: the director on a freshly ingested demo whose `extract`
    (None: none) lacks its last month."""
    return lambda behind: log_in(make_app(db=_ingested(tmp_path, behind)), "directeur")


def _ingested(tmp_path: Path, behind: str | None) -> Path:
    extracts = tmp_path / "extracts"
    write_demo(extracts)
    if behind:
        _drop_last_month(extracts / f"{behind}.csv")
    db = tmp_path / "cockpit.duckdb"
    files = [str(p) for p in sorted(extracts.glob("*.csv"))]
    subprocess.run([sys.executable, "-m", "cockpit", "ingest", "--db", str(db), *files],
                   check=True, capture_output=True, cwd=PROJECT_ROOT)  # fmt: skip
    return db


@pytest.mark.slow
def test_an_extract_behind_the_others_is_flagged_on_every_page(client_behind):
    client = client_behind("hr")
    for path in PAGES:
        page = client.get(path).get_data(as_text=True)
        assert "Données à fin septembre 2026, chargées le " in page, path
        assert BEHIND in page, path


@pytest.mark.slow
def test_every_page_says_how_fresh_the_data_is(client_behind):
    client = client_behind(None)
    for path in PAGES:
        page = client.get(path).get_data(as_text=True)
        assert "Données à fin octobre 2026, chargées le " in page, path
        assert "en retard sur les autres" not in page, path
