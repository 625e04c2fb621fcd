"""« Question »: a question typed or dictated, the answer card, follow-ups that keep their
context, examples written from the catalog and the user's last questions.

The page is the layout; the callback that answers lives in cockpit.ui.ask.callbacks and
the microphone in assets/cockpit.js (shown only where the browser can listen).
"""

from __future__ import annotations

from dash import dcc, html

from cockpit.ui.ask.examples import example_questions, metric_labels
from cockpit.ui.ask.picks import history, pick_buttons
from cockpit.ui.components.raw_html import RawHtml
from cockpit.ui.i18n import t
from cockpit.ui.pages import View
from cockpit.ui.ssr import to_html


def _suggestions(view: View) -> RawHtml:
    """The catalog's labels as the text box's suggestions (one island, id kept for `list`)."""
    options = to_html([html.Option(value=label) for label in metric_labels(view.engine, view.lang)])
    return RawHtml(html=options, tag="datalist", id="ask-metrics")


def _box(lang: str) -> html.Div:
    return html.Div(
        [
            html.Label(t("ask_label", lang), htmlFor="ask-input", className="sr-only"),
            dcc.Input(
                id="ask-input",
                type="text",
                placeholder=t("ask_placeholder", lang),
                list="ask-metrics",
                maxLength=500,
                autoComplete="off",
                className="ask-input",
            ),
            html.Button(
                html.Span(t("ask_mic", lang), className="sr-only"),
                type="button",
                className="ask-mic",
                title=t("ask_mic", lang),
                **{
                    "data-lang": "fr-FR" if lang == "fr" else "en-GB",
                    "data-listening": t("ask_listening", lang),
                    "data-denied": t("ask_mic_denied", lang),
                    "data-failed": t("ask_mic_failed", lang),
                },
            ),
            html.Button(
                html.Span(t("ask_submit", lang), className="sr-only"),
                id="ask-submit",
                type="button",
                className="ask-go",
                title=t("ask_submit", lang),
            ),
        ],
        className="ask-box",
        role="search",
    )


def render(view: View) -> tuple[str, list]:
    lang = view.lang
    title = t("page_question", lang)
    followup = html.Div(
        [
            html.P([html.Span(t("ask_followup", lang) + " "), html.B(id="ask-followup-text")]),
            html.Button(t("ask_new", lang), id="ask-new", type="button", className="ask-new"),
        ],
        id="ask-followup",
        className="ask-followup",
        hidden=True,
    )
    examples, example_entries = pick_buttons(
        view.engine,
        [(q, None) for q in example_questions(view.engine, view.perimeter, lang)],
        "e",
        "ask-example",
        lang,
    )
    recent, recent_entries = history(view.engine, lang)
    return title, [
        html.Header(
            [html.H1(title), html.P(t("ask_sub", lang), className="page-sub")],
            className="page-head",
        ),
        html.Div(
            [
                html.Div(
                    [
                        followup,
                        _box(lang),
                        _suggestions(view),
                        html.P(className="ask-mic-status", role="status"),
                        html.Div(
                            id="ask-answer", className="ask-answer", **{"aria-live": "polite"}
                        ),
                    ],
                    className="ask-main",
                ),
                html.Div(
                    [
                        html.Section(
                            [
                                html.H2(t("ask_examples", lang)),
                                html.Div(examples, className="ask-examples"),
                            ],
                            className="ask-more",
                        ),
                        html.Section(
                            [
                                html.H2(t("ask_recent", lang)),
                                html.Div(
                                    recent,
                                    id="ask-history",
                                    className="ask-recent",
                                ),
                            ],
                            className="ask-more",
                        ),
                    ],
                    className="ask-side",
                ),
                dcc.Store(id="ask-context", storage_type="memory"),
                dcc.Store(id="ask-choices", storage_type="memory"),
                dcc.Store(id="ask-picks", data={**example_entries, **recent_entries}),
            ],
            className="ask",
        ),
    ]


def not_found(view: View) -> tuple[str, list]:
    lang = view.lang
    return t("not_found", lang), [
        html.Header(html.H1(t("not_found", lang)), className="page-head"),
        dcc.Link(t("home_link", lang), href="/", className="button"),
    ]
