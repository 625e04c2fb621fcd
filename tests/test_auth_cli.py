"""`cockpit users …`: roles, perimeters checked against the warehouse, no password arguments."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cockpit.auth.tokens import user_for_token
from cockpit.auth.users import UserStore
from cockpit.cli import _register
from cockpit.cli import app as cli


@pytest.fixture
def run(tmp_path, warehouse_copy):
    _register()
    db = str(warehouse_copy)

    def run(*args: str, stdin: str = "a-long-enough-password\n"):
        return CliRunner().invoke(
            cli, [*args, "--state", str(tmp_path / "state")] +
            (["--db", db] if args[:2] == ("users", "add") else []), input=stdin)  # fmt: skip

    run.store = UserStore(tmp_path / "state")
    return run


def test_add_resolves_the_establishment_name_and_the_pole_spelling(run):
    result = run(
        "users",
        "add",
        "chef",
        "--role",
        "pole_manager",
        "--pole",
        "CHIRURGIE",
        "--establishment",
        "ch de rochebrune",
        "--password-stdin",
    )
    assert result.exit_code == 0, result.output
    user = run.store.get("chef")
    assert (user.role, user.establishment_id, user.pole) == (
        "pole_manager",
        "990000020",
        "Chirurgie",
    )


@pytest.mark.parametrize("args, message", [
    (["--role", "pole_manager"], "needs a pole"),
    (["--role", "king"], "role must be one of"),
    (["--role", "director", "--establishment", "CH de Nulle-Part"], "unknown establishment"),
    (["--role", "pole_manager", "--pole", "Psychiatrie", "--establishment", "990000020"],
     "unknown pole"),
])  # fmt: skip
def test_add_refuses_bad_roles_and_perimeters(run, args, message):
    result = run("users", "add", "x", *args, "--password-stdin")
    assert result.exit_code == 2 and message in result.output
    assert run.store.get("x") is None


def test_short_passwords_and_duplicates_are_refused(run):
    assert (
        "at least 10"
        in run(
            "users", "add", "dg", "--role", "director", "--password-stdin", stdin="short\n"
        ).output
    )
    assert run("users", "add", "dg", "--role", "director", "--password-stdin").exit_code == 0
    again = run("users", "add", "DG", "--role", "director", "--password-stdin")
    assert again.exit_code == 2 and "already exists" in again.output


def test_the_prompt_asks_twice(run, monkeypatch):
    answers = iter(["first-password-1", "second-password-2"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    result = run("users", "add", "dg", "--role", "director")
    assert result.exit_code == 2 and "differ" in result.output


def test_list_disable_and_token(run):
    run("users", "add", "dg", "--role", "director", "--password-stdin")
    run("users", "add", "chef", "--role", "pole_manager", "--pole", "Médecine", "--password-stdin")
    token = run("users", "token", "chef").output.strip()
    assert user_for_token(run.store, token).username == "chef"
    listing = run("users", "list").output
    assert "dg" in listing and "Médecine" in listing and "active" in listing
    assert run("users", "disable", "chef").exit_code == 0
    assert "disabled" in run("users", "list").output
    assert user_for_token(run.store, token) is None
    assert run("users", "token", "chef").exit_code == 2
    assert run("users", "disable", "nobody").exit_code == 2
