"""Shared fixtures: a throwaway warehouse path, a tiny canonical group of extracts, table dumps."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from extract_samples import canonical_frames
from hypothesis import settings

# Property tests share 2 cores with everything else: a slow example is not a failure.
settings.register_profile("cockpit", deadline=None)
settings.load_profile("cockpit")


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    return canonical_frames()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's warehouse lives (not created)."""
    return tmp_path / "warehouse" / "cockpit.duckdb"


QUERIES = Path(__file__).resolve().parent.parent / "queries"


@pytest.fixture
def queries(tmp_path: Path) -> Path:
    """A private copy of the shipped catalog (`queries/`), for a test to edit."""
    copy = tmp_path / "queries"
    shutil.copytree(QUERIES, copy)
    return copy


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory) -> Path:
    """The demo hospital (`cockpit demo` + `cockpit ingest`), built once per test session.

    Read-only for tests: copy it first to change it.
    """
    from cockpit.demo import write_demo
    from cockpit.warehouse.ingest import ingest_files

    root = tmp_path_factory.mktemp("demo")
    write_demo(root / "extracts")
    db = root / "cockpit.duckdb"
    ingest_files(sorted((root / "extracts").glob("*.csv")), db, user="tests")
    return db


_SUMMARY = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def summary_line(request):
    """`summary_line(text)` prints text at the end of the run (figures a test measured)."""
    return request.config.stash.setdefault(_SUMMARY, []).append


def pytest_terminal_summary(terminalreporter, config):
    for line in config.stash.get(_SUMMARY, []):
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def national_db(tmp_path_factory, demo_warehouse) -> Path:
    """The demo hospital plus every real public file (Hospi Diag, SAE), imported once.

    Read-only for tests: copy it first to change it. Skips when the real files are absent.
    """
    from real_data import require_real_data

    from cockpit.warehouse.national import import_national_files

    real = require_real_data()
    db = tmp_path_factory.mktemp("national") / "cockpit.duckdb"
    shutil.copyfile(demo_warehouse, db)
    import_national_files([real / "hospidiag", real / "sae"], db, user="tests")
    return db


CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (Playwright's sync API allows one
    running instance per thread, so every browser test shares it)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def demo_engine(demo_warehouse):
    """An Engine over the demo warehouse and the shipped catalog (read-only)."""
    from cockpit import config
    from cockpit.engine import Engine

    return Engine(demo_warehouse, config.queries_dir(None))
