"""An answer's bars as inline SVG drawn on the server: a breakdown, a ranking (the winners
first and highlighted), a series by quarter or year. No Plotly, no JavaScript. (A monthly
series is drawn by the detail page's chart, cockpit.ui.components.chart.)

Coordinates are in a 340-unit-wide viewBox, about one CSS pixel each on a 360–390 px phone;
each row gives its name a line of its own and its value a right-hand column sized from the
longest value, so nothing overlaps at that size. Colours come from the page's CSS (`.ac-*`
in assets/cockpit.css), so dark mode follows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 340
CHAR = 6.6  # average advance of a 12-unit system-ui glyph, to size label room
BAR_ROW = 38
MAX_NAME_CHARS = 48


@dataclass(frozen=True)
class Bar:
    name: str
    value: float | None
    highlighted: bool = False


Format = Callable[[float | None], str]


def _svg(height: float, title: str, body: str, css: str) -> str:
    text = escape(title, quote=True)
    return (
        f'<svg class="ac {css}" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-label="{text}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _text(x: float, y: float, content: str, css: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}">'
        f"{escape(content)}</text>"
    )


def _width(text: str) -> float:
    return len(text) * CHAR


def _clip(name: str) -> str:
    return name if len(name) <= MAX_NAME_CHARS else name[: MAX_NAME_CHARS - 1] + "…"


def bar_chart(bars: Sequence[Bar], fmt: Format, title: str) -> str:
    """One row per item: its name, then a bar from zero, its value in a right-hand column."""
    values = [b.value for b in bars if b.value is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    shown = [fmt(b.value) for b in bars]
    value_room = max(_width(s) for s in shown) + 8 if shown else 0
    track = WIDTH - value_room

    def x(value: float) -> float:
        return track * (value - low) / span

    zero = x(0.0)
    rows = []
    for i, (bar, text) in enumerate(zip(bars, shown, strict=True)):
        top = i * BAR_ROW
        css = "ac-row ac-win" if bar.highlighted else "ac-row"
        parts = [_text(0, top + 13, _clip(bar.name), "ac-name")]
        if bar.value:  # no bar for a missing value, nor for zero
            left, right = sorted((zero, x(bar.value)))
            parts.append(
                f'<rect class="ac-bar" x="{left:.1f}" y="{top + 19}" '
                f'width="{max(right - left, 1.5):.1f}" height="11" rx="3"/>'
            )
        parts.append(_text(WIDTH, top + 29, text, "ac-value", "end"))
        rows.append(f'<g class="{css}">{"".join(parts)}</g>')
    height = max(len(bars), 1) * BAR_ROW
    return _svg(height, title, "".join(rows), "ac-bars")
