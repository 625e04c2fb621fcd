"""Authentication, perimeters and audit (placeholder until the auth work lands).

`install_auth(server, state_dir)` wires login into the Flask server;
`current_perimeter()` is the perimeter of the logged-in user for this request.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from cockpit.engine.plan import Perimeter


def install_auth(server: Flask, state_dir: Path) -> None:
    """No authentication yet: every request sees everything."""


def current_perimeter() -> Perimeter:
    return Perimeter.everything()


def current_username() -> str | None:
    return None
