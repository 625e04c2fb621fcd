"""« Question »: a question typed or dictated, the answer card, follow-ups that keep their
context, examples written from the catalog and the user's last questions.

Server-rendered HTML with plain forms (no Dash runtime: the page is light on a phone);
they post to /question (cockpit.ui.ask), and assets/cockpit.js sends them without a page
load and drives the microphone where the browser can listen.
"""

from __future__ import annotations

from dash import dcc, html

from cockpit.ui.ask.examples import metric_labels
from cockpit.ui.ask.forms import as_text, ask_form, field
from cockpit.ui.ask.picks import examples, followup_label, history
from cockpit.ui.ask.routes import posted_screen
from cockpit.ui.components.raw_html import RawHtml
from cockpit.ui.i18n import t
from cockpit.ui.pages import View
from cockpit.ui.ssr import to_html


def _suggestions(view: View) -> RawHtml:
    """The catalog's labels, offered as the text box is typed into."""
    options = [html.Option(value=label) for label in metric_labels(view.engine, view.lang)]
    return RawHtml(html=to_html(options), tag="datalist", attributes={"id": "ask-metrics"})


def _followup(label: str | None, lang: str) -> html.Div:
    return html.Div(
        [
            html.P([t("ask_followup", lang) + " ", html.B(label, className="ask-followup-text")]),
            dcc.Link(t("ask_new", lang), href="/question", className="ask-new"),
        ],
        className="ask-followup",
        hidden=not label,
    )


def _icon_button(name: str, css: str, **attributes) -> html.Button:
    """A 48 px button drawn by its CSS icon, named for screen readers and on hover."""
    return html.Button(
        html.Span(name, className="sr-only"), className=css, title=name, **attributes
    )


def _box(question: str, followup: bool, lang: str) -> html.Div:
    placeholder = t("ask_placeholder_followup" if followup else "ask_placeholder", lang)
    return html.Div(
        [
            html.Label(
                [
                    html.Span(t("ask_label", lang), className="sr-only"),
                    field(
                        type="text",
                        name="question",
                        value=question or None,
                        placeholder=placeholder,
                        list="ask-metrics",
                        maxlength=500,
                        autocomplete="off",
                        enterkeyhint="send",
                        className="ask-input",
                    ),
                ],
                className="ask-field",
            ),
            _icon_button(
                t("ask_mic", lang),
                "ask-mic",
                type="button",
                **{
                    "aria-pressed": "false",
                    "data-lang": "fr-FR" if lang == "fr" else "en-GB",
                    "data-listening": t("ask_listening", lang),
                    "data-denied": t("ask_mic_denied", lang),
                    "data-failed": t("ask_mic_failed", lang),
                },
            ),
            _icon_button(t("ask_submit", lang), "ask-go", type="submit"),
        ],
        className="ask-box",
    )


def render(view: View) -> tuple[str, list]:
    lang = view.lang
    title = t("page_question", lang)
    screen = posted_screen()
    label = followup_label(view.engine, screen.context, lang)
    main = html.Div(
        [
            ask_form(
                [
                    field(type="hidden", name="context", value=as_text(screen.context)),
                    _followup(label, lang),
                    _box(screen.question, label is not None, lang),
                ],
                "ask-form",
                **{"data-placeholder": t("ask_placeholder", lang)},
            ),
            _suggestions(view),
            html.P(className="ask-mic-status", role="status"),
            html.Div(screen.card, className="ask-answer", **{"aria-live": "polite"}),
        ],
        className="ask-main",
    )
    side = html.Div(
        [
            html.Section(
                [
                    html.H2(t("ask_examples", lang)),
                    html.Div(examples(view.engine, view.perimeter, lang), className="ask-examples"),
                ],
                className="ask-more",
            ),
            html.Section(
                [
                    html.H2(t("ask_recent", lang)),
                    html.Div(screen.history or history(view.engine, lang), className="ask-recent"),
                ],
                className="ask-more",
            ),
        ],
        className="ask-side",
    )
    head = html.Header(
        [html.H1(title), html.P(t("ask_sub", lang), className="page-sub")], className="page-head"
    )
    errors = {"data-offline": t("ask_offline", lang), "data-failed": t("ask_failed", lang)}
    return title, [head, html.Div([main, side], className="ask", **errors)]


def not_found(view: View) -> tuple[str, list]:
    lang = view.lang
    return t("not_found", lang), [
        html.Header(html.H1(t("not_found", lang)), className="page-head"),
        dcc.Link(t("home_link", lang), href="/", className="button"),
    ]
