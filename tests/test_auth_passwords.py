"""Passwords: argon2id only, never in clear in the user store, the audit log or the CLI output."""

from __future__ import annotations

from typer.testing import CliRunner

from cockpit.auth.passwords import hash_password, verify_password
from cockpit.cli import _register, app


def _files_contain(directory, secret: str) -> list[str]:
    return [
        p.name for p in directory.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()
    ]


def test_hashes_are_argon2id_with_a_salt():
    first, second = hash_password("same password!"), hash_password("same password!")
    assert first.startswith("$argon2id$") and first != second
    assert verify_password(first, "same password!")
    assert not verify_password(first, "other password")
    assert not verify_password(None, "same password!")


def test_password_is_never_stored_or_logged_in_clear(make_app, auth_of, tmp_path):
    state = tmp_path / "state"
    secret = "Tres-Secret-Mot-De-Passe-42"
    _register()
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["users", "add", "dg", "--role", "director", "--password-stdin", "--state", str(state)],
        input=secret + "\n",
    )
    assert result.exit_code == 0, result.output
    assert secret not in result.output
    server = make_app(state)
    assert auth_of(server.test_client()).login("dg", password=secret).status_code == 302
    assert auth_of(server.test_client()).login("dg", password=secret + "x").status_code == 401
    # A password typed in the name field must not end up in the log either.
    auth_of(server.test_client()).login(secret, password="whatever-else")
    changed = runner.invoke(
        app,
        ["users", "passwd", "dg", "--password-stdin", "--state", str(state)],
        input="Un-Autre-Secret-2026\n",
    )
    assert changed.exit_code == 0, changed.output
    assert (state / "users.sqlite3").exists() and (state / "audit.sqlite3").exists()
    for clear in (secret, "Un-Autre-Secret-2026"):
        assert _files_contain(state, clear) == []


def test_the_password_cannot_be_given_as_an_argument(tmp_path):
    _register()
    result = CliRunner().invoke(
        app,
        [
            "users",
            "add",
            "dg",
            "--role",
            "director",
            "--password",
            "hunter2-hunter2",
            "--state",
            str(tmp_path),
        ],
    )
    assert result.exit_code != 0
