"""« Données à fin octobre 2026, chargées le 29 novembre 2026 à 14:02 », on every page, and a
warning when one extract is behind the others, late or missing (Engine.freshness)."""

from __future__ import annotations

from dash import html

from cockpit.engine.freshness import Freshness
from cockpit.formatting import month_name, timestamp
from cockpit.ui.i18n import t


def freshness_note(freshness: Freshness, lang: str) -> html.Div:
    last, loaded = freshness.last_month, freshness.loaded_at
    parts = [t("fresh_to", lang, month=month_name(last, lang)) if last else t("fresh_none", lang)]
    if loaded:
        parts.append(t("fresh_loaded", lang, when=timestamp(loaded, lang)))
    lines = [html.P(", ".join(parts), className="fresh-line")]
    for warning in freshness.warnings:
        month = month_name(warning.last_month, lang) if warning.last_month else ""
        kind = t(f"kind_{warning.kind}", lang)
        lines.append(
            html.P(
                t(f"fresh_{warning.reason}", lang, kind=kind, month=month),
                className="fresh-warning",
                role="status",
                **{"data-kind": warning.kind, "data-reason": warning.reason},
            )
        )
    warn = " has-warning" if freshness.warnings else ""
    return html.Div(lines, className="freshness" + warn)
