"""Period picker (month, quarter, year to date, rolling 12 months, month stepper) and the
establishment switch. Plain links that change the URL: no dropdown JavaScript to load.
"""

from __future__ import annotations

from datetime import date

from dash import dcc, html

from cockpit.formatting import capitalised, month_name
from cockpit.periods import Period
from cockpit.ui.i18n import t
from cockpit.ui.selection import PERIOD_KINDS, Selection


def period_label(kind: str, period: Period, lang: str) -> str:
    """'Octobre 2026', 'T4 2026 (à fin octobre)', 'Janv. – oct. 2026', 'Nov. 2025 – oct. 2026'."""
    if kind == "month" or period.start == period.end:
        return capitalised(month_name(period.end, lang))
    if kind == "quarter":
        label = t(
            "period_quarter_label", lang, q=(period.end.month - 1) // 3 + 1, year=period.end.year
        )
        if period.end.month % 3:
            label += f" ({t('to_date', lang, month=month_name(period.end, lang).split()[0])})"
        return label
    start = month_name(period.start, lang, short=True)
    end = month_name(period.end, lang, short=True)
    if period.start.year == period.end.year:
        start = start.rsplit(" ", 1)[0]
    return capitalised(f"{start} – {end}")


def segments(options: list[tuple[str, str, bool]], label: str, css: str = "") -> html.Div:
    """A row of links (text, href, chosen), one of them chosen: a picker without JavaScript."""
    links = [
        dcc.Link(text, href=href, className="seg on" if on else "seg") for text, href, on in options
    ]
    return html.Div(
        links, className=f"segments {css}".strip(), role="group", **{"aria-label": label}
    )


def period_picker(path: str, sel: Selection, latest: date, first: date, lang: str) -> html.Div:
    kinds = [
        (t(f"period_{kind}", lang), path + sel.query(kind=kind), sel.kind == kind)
        for kind in PERIOD_KINDS
    ]
    return html.Div(
        [
            segments(kinds, t("period_picker", lang)),
            month_stepper(path, sel, latest, first, lang),
        ],
        className="period-picker",
    )


def month_stepper(path: str, sel: Selection, latest: date, first: date, lang: str) -> html.Div:
    """‹ Octobre 2026 ›: the month before or after, within the months with data."""
    end = sel.end_month(latest, first)
    earlier = sel.step(latest, -1)
    later = sel.step(latest, 1)
    stepper = [
        dcc.Link(
            "‹", href=path + earlier.query(), className="step", title=t("previous_month", lang)
        )
        if end > first
        else html.Span("‹", className="step off"),
        html.Span(capitalised(month_name(end, lang)), className="step-month"),
        dcc.Link("›", href=path + later.query(), className="step", title=t("next_month", lang))
        if end < latest
        else html.Span("›", className="step off"),
    ]
    return html.Div(stepper, className="stepper")


def establishment_switch(
    path: str, sel: Selection, names: dict[str, str], lang: str
) -> html.Div | None:
    """« GHT (tous) » and each establishment; nothing to switch within one establishment."""
    if len(names) < 2:
        return None
    options = [(t("group", lang), path + sel.query(establishment=None, pole=None, by=None),
                sel.establishment is None)]  # fmt: skip
    options += [
        (
            name,
            path + sel.query(establishment=finess, pole=None, by=None),
            sel.establishment == finess,
        )
        for finess, name in names.items()
    ]
    return segments(options, t("establishment_picker", lang), "establishments")
