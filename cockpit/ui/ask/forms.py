"""The Question screen's forms: plain HTML posted to /question. The page script sends them
with fetch and puts the answer in place; without it the browser posts them and gets the
page back with the answer. Nothing here needs the Dash runtime."""

from __future__ import annotations

import json
from typing import Any

from dash import html

from cockpit.ui.components.raw_html import RawHtml

ACTION = "/question"


def field(**attributes: Any) -> RawHtml:
    """An <input> (dash.html has none; the server paints it, like the rest of the page)."""
    return RawHtml(tag="input", attributes=attributes)


def as_text(value: Any) -> str:
    """A field's value: plans (dicts) travel as JSON, nothing as ''."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def hidden(name: str, value: Any) -> RawHtml | None:
    """A hidden field, or None when there is no value to send."""
    return field(type="hidden", name=name, value=as_text(value)) if as_text(value) else None


def ask_form(children: list, css: str, **attributes: str) -> html.Form:
    """A form the page script sends to /question (data-ask marks it)."""
    return html.Form(
        [c for c in children if c is not None],
        method="post",
        action=ACTION,
        className=css,
        **{"data-ask": "", **attributes},
    )


def asking_button(
    body, css: str, *, question: str | None = None, context: dict | None = None, **fields
) -> html.Form:
    """One tap that asks: a question (with the plan it follows up on), or a tapped choice."""
    values = {"question": question, "context": context, **fields}
    inputs = [hidden(name, value) for name, value in values.items()]
    return ask_form([*inputs, html.Button(body, type="submit", className=css)], "ask-tap")
