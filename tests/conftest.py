"""Shared fixtures: throwaway warehouses and catalogs, the demo hospital and its engine, the
web app with its users, a test client and logging in (as the Flask tutorial's `app`,
`client` and `auth`), one headless Chromium."""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from argon2 import PasswordHasher
from extract_samples import canonical_frames
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings
from warehouse_servers import postgres_server, redis_server

from cockpit.auth.demo_users import VALLOMBRE
from cockpit.auth.users import UserStore
from cockpit.demo.serve import CHROMIUM, CHROMIUM_FLAGS

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


@pytest.fixture(scope="session")
def demo_extracts(demo_warehouse) -> Path:
    """The demo extracts `demo_warehouse` was ingested from."""
    return demo_warehouse.parent / "extracts"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the session (empty `cockpit` database)."""
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real Redis server for the session."""
    with redis_server() as url:
        yield url


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


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (Playwright's sync API allows one
    running instance per thread, so every browser test shares it)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_FLAGS)
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def demo_engine(demo_warehouse):
    """An Engine over the demo warehouse and the shipped catalog (read-only)."""
    from cockpit import config
    from cockpit.engine import Engine

    return Engine(demo_warehouse, config.queries_dir(None))


# -- the web app, its users, a client, logging in ------------------------------------------------

ORIGIN = "http://localhost"
# Who every app starts with: username → (role, pole, establishment).
USERS = {
    "directeur": ("director", None, None),
    "controleur": ("controller", None, None),
    "analyste": ("analyst", None, None),
    "chef": ("pole_manager", "Chirurgie", VALLOMBRE),
}
_copies = itertools.count()


@pytest.fixture(scope="session", autouse=True)
def fast_passwords():
    """Cheap argon2id parameters: tests log in many times; production keeps the defaults."""
    from cockpit.auth import passwords

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        )
        yield


def password_of(username: str) -> str:
    return f"{username}-correct-horse"


def _add_user(
    state: Path, username: str, role: str = "director", *, pole=None, establishment_id=None
):
    return UserStore(state).add(
        username, password_of(username), role, pole=pole, establishment_id=establishment_id
    )


def _with_users(state: Path) -> Path:
    for username, (role, pole, establishment) in USERS.items():
        _add_user(state, username, role, pole=pole, establishment_id=establishment)
    return state


def _private_copy(db: Path, directory: Path) -> Path:
    """A copy of the warehouse for one engine, so that apps built in one test process share
    nothing but their state dir (as separate server processes would)."""
    directory.mkdir(parents=True, exist_ok=True)
    copy = directory / f"warehouse-{next(_copies)}.duckdb"
    shutil.copyfile(db, copy)
    return copy


def _make_app(db: Path, state: Path, queries: Path | None = None, **config) -> Flask:
    from cockpit.web import create_app

    warehouse = _private_copy(db, Path(state).parent / "warehouses")
    return create_app(warehouse, queries or QUERIES, state, test_config={"TESTING": True, **config})


def _client(app: Flask) -> FlaskClient:
    """A browser on the app: its writes come from the app's own pages (same Origin)."""
    client = app.test_client()
    client.environ_base["HTTP_ORIGIN"] = ORIGIN
    return client


class AuthActions:
    """Log in and out through the forms, as a browser does (CSRF token, same origin)."""

    def __init__(self, client: FlaskClient):
        self.client = client

    def csrf_token(self) -> str:
        page = self.client.get("/login").get_data(as_text=True)
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def login(self, username: str = "directeur", password: str | None = None, next_path="/"):
        return self.client.post(
            "/login",
            data={
                "csrf_token": self.csrf_token(),
                "username": username,
                "password": password_of(username) if password is None else password,
                "next": next_path,
            },
            headers={"Origin": ORIGIN},
        )

    def logout(self):
        """The logout page's confirmation form, posted with its CSRF token."""
        page = self.client.get("/logout").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        data = {"csrf_token": token.group(1) if token else ""}
        return self.client.post("/logout", data=data, headers={"Origin": ORIGIN})


def _logged_in(app: Flask, username: str) -> FlaskClient:
    client = _client(app)
    response = AuthActions(client).login(username)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture
def state(tmp_path) -> Path:
    """A state directory (users, sessions, audit log) holding the USERS."""
    return _with_users(tmp_path / "state")


@pytest.fixture
def app(demo_warehouse, state) -> Flask:
    """The whole web app on a private copy of the demo warehouse."""
    return _make_app(demo_warehouse, state)


@pytest.fixture
def client(app) -> FlaskClient:
    return _client(app)


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


@pytest.fixture(scope="session")
def make_app(demo_warehouse, tmp_path_factory):
    """`make_app(state=None, queries=None, db=None, **config)`: another app (its own config,
    catalog, warehouse or state; the demo and a fresh state with the USERS by default)."""

    def make(state=None, queries: Path | None = None, db: Path | None = None, **config) -> Flask:
        state = state or _with_users(tmp_path_factory.mktemp("app") / "state")
        return _make_app(db or demo_warehouse, state, queries, **config)

    return make


@pytest.fixture(scope="session")
def add_user():
    """`add_user(state, username, role="director", pole=…, establishment_id=…)`; the password
    is `password_of(username)` ("<username>-correct-horse")."""
    return _add_user


@pytest.fixture(scope="session", name="password_of")
def password_of_fixture():
    """`password_of(username)`: the password every test user has."""
    return password_of


@pytest.fixture(scope="session")
def log_in():
    """`log_in(app, username)`: a new client, logged in through the form."""
    return _logged_in


@pytest.fixture(scope="session")
def client_of():
    """`client_of(app)`: a new client of another app (same Origin, like `client`)."""
    return _client


@pytest.fixture(scope="session")
def auth_of():
    """`auth_of(client)`: log that client in and out (like `auth` for `client`)."""
    return AuthActions


@pytest.fixture
def warehouse_copy(demo_warehouse, tmp_path) -> Path:
    """A private copy of the demo warehouse, for a test that changes it or hands it to the CLI."""
    return _private_copy(demo_warehouse, tmp_path / "warehouses")


@pytest.fixture(scope="module")
def shared_state(tmp_path_factory) -> Path:
    """The state directory of `shared_app` (its audit log, say)."""
    return _with_users(tmp_path_factory.mktemp("shared") / "state")


@pytest.fixture(scope="module")
def shared_app(demo_warehouse, shared_state) -> Flask:
    """One app per test module, for tests that change no user or setting."""
    return _make_app(demo_warehouse, shared_state)


@pytest.fixture(scope="module")
def director(shared_app) -> FlaskClient:
    """A client of the shared app, logged in as the director (whole group)."""
    return _logged_in(shared_app, "directeur")


@pytest.fixture(scope="module")
def chef(shared_app) -> FlaskClient:
    """A client of the shared app, logged in as the Chirurgie pole manager of Vallombre."""
    return _logged_in(shared_app, "chef")
