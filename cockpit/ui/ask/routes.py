"""POST /question: the Question screen's forms land here. The page script asks for JSON and
puts the answer in place; a browser without it gets the whole page with the answer."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, g, jsonify, request

from cockpit.engine import Engine
from cockpit.ui.ask.forms import ACTION
from cockpit.ui.ask.screen import Screen, respond
from cockpit.ui.i18n import current_lang


def posted_screen() -> Screen:
    """The screen a no-script post asked for, for the page to render (empty on a GET)."""
    return g.get("cockpit_ask_screen") or Screen()


def install_question_route(server: Flask, engine: Engine, page: Callable[[], str]) -> None:
    """`page` renders the Question page for this request (the app's index)."""

    @server.post(ACTION)
    def ask_question():
        screen = respond(engine, request.form)
        if request.accept_mimetypes.best == "application/json":
            return jsonify(screen.as_json(engine, current_lang()))
        g.cockpit_ask_screen = screen
        return page()
