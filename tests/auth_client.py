"""Helpers for auth, API and permission tests: an app on a state dir, users, logging in."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from auth_stub_ui import install_if_missing
from flask import Flask
from flask.testing import FlaskClient

from cockpit.auth.users import User, UserStore
from cockpit.web import create_app

QUERIES = Path(__file__).resolve().parent.parent / "queries"
ORIGIN = "http://localhost"
SAME_ORIGIN = {"Origin": ORIGIN}
VALLOMBRE, ROCHEBRUNE = "990000012", "990000020"
_copies = itertools.count()


@pytest.fixture(autouse=True)
def fast_passwords(monkeypatch):
    """Cheap argon2id parameters: a test logs in many times; production keeps the defaults."""
    from cockpit.auth import passwords

    monkeypatch.setattr(
        passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


def private_copy(db: Path, directory: Path) -> Path:
    """A copy of the warehouse for one engine, so that apps built in one test process share
    nothing but their state dir (as separate server processes would)."""
    directory.mkdir(parents=True, exist_ok=True)
    copy = directory / f"warehouse-{next(_copies)}.duckdb"
    shutil.copyfile(db, copy)
    return copy


def make_app(db: Path, state: Path, **config) -> Flask:
    install_if_missing()
    warehouse = private_copy(db, Path(state).parent / "warehouses")
    return create_app(warehouse, QUERIES, state, test_config={"TESTING": True, **config})


def password_of(username: str) -> str:
    return f"{username}-correct-horse"


def add_user(
    state: Path,
    username: str,
    role: str = "director",
    *,
    pole: str | None = None,
    establishment_id: str | None = None,
) -> User:
    return UserStore(state).add(
        username, password_of(username), role, pole=pole, establishment_id=establishment_id
    )


def csrf_token(client: FlaskClient) -> str:
    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def login(client: FlaskClient, username: str, password: str | None = None, next_path="/"):
    """Post the login form as a browser would (CSRF token, same-origin header)."""
    return client.post(
        "/login",
        data={
            "csrf_token": csrf_token(client),
            "username": username,
            "password": password_of(username) if password is None else password,
            "next": next_path,
        },
        headers=SAME_ORIGIN,
    )


def logout(client: FlaskClient):
    """Log out as the app's button does: the confirmation form's CSRF token, POSTed."""
    page = client.get("/logout").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    return client.post(
        "/logout", data={"csrf_token": token.group(1) if token else ""}, headers=SAME_ORIGIN
    )


def logged_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    response = login(client, username)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client
