"""The « Question » tab: a placeholder until questions in natural language land."""

from __future__ import annotations

from dash import dcc, html

from cockpit.ui.i18n import t
from cockpit.ui.pages import View


def render(view: View) -> tuple[str, list]:
    lang = view.lang
    title = t("page_question", lang)
    return title, [
        html.Header(
            [html.H1(title), html.P(t("question_soon", lang), className="page-sub")],
            className="page-head",
        ),
        html.Section(html.P(t("question_text", lang)), className="panel"),
    ]


def not_found(view: View) -> tuple[str, list]:
    lang = view.lang
    return t("not_found", lang), [
        html.Header(html.H1(t("not_found", lang)), className="page-head"),
        dcc.Link(t("home_link", lang), href="/", className="button"),
    ]
