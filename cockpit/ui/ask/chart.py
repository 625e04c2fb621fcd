"""An answer's small chart as inline SVG drawn on the server: a line for a series, bars for a
breakdown or a ranking (the winners first and highlighted). No Plotly, no JavaScript.

Coordinates are in a 340-unit-wide viewBox, about one CSS pixel each on a 360–390 px phone;
labels get room computed from their length, so none overlaps at that size. Colours come
from the page's CSS (`.ac-*` in assets/cockpit.css), so dark mode follows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 340
CHAR = 6.6  # average advance of a 12-unit system-ui glyph, to size label room
BAR_ROW = 38
MAX_NAME_CHARS = 48


@dataclass(frozen=True)
class Point:
    label: str  # x-axis text (« janv. 26 »)
    spoken: str  # the same bucket in full, for the accessible title (« janvier 2026 »)
    value: float | None
    reference: float | None = None  # last year's value, drawn dashed


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


def nice_ticks(low: float, high: float, count: int = 3) -> list[float]:
    """Round gridline values covering [low, high]: 6 400, 6 800, 7 200 rather than 6 456…"""
    if high == low:
        high, low = high + abs(high or 1) * 0.05, low - abs(low or 1) * 0.05
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    ticks = []
    value = first
    while value <= last + step / 2:
        ticks.append(round(value, 12))
        value += step
    return ticks


def line_chart(
    points: Sequence[Point], fmt: Format, title: str, legend: tuple[str, str] | None = None
) -> str:
    """The series as a line (the last point marked), last year's dashed when given."""
    height, top, bottom = 190.0, 22.0 if legend else 8.0, 24.0
    known = [v for p in points for v in (p.value, p.reference) if v is not None]
    ticks = nice_ticks(min(known), max(known)) if known else [0.0, 1.0]
    low, high = ticks[0], ticks[-1]
    tick_text = [fmt(v) for v in ticks]
    left = max(_width(s) for s in tick_text) + 8
    right = 8.0
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    step = plot_w / max(len(points) - 1, 1)

    def xy(i: int, value: float) -> tuple[float, float]:
        return left + i * step, top + plot_h * (1 - (value - low) / ((high - low) or 1))

    body = []
    for value, text in zip(ticks, tick_text, strict=True):
        _, y = xy(0, value)
        body.append(
            f'<line class="ac-grid" x1="{left:.1f}" x2="{WIDTH - right:.1f}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        body.append(_text(left - 6, y + 4, text, "ac-tick", "end"))
    widest = max(_width(p.label) for p in points) + 10
    every = max(1, math.ceil(widest / step)) if len(points) > 1 else 1
    for i, point in enumerate(points):
        # Keep the last label (the month the headline speaks of); skip its crowded neighbours.
        last = len(points) - 1
        if (last - i) % every == 0:
            x, _ = xy(i, low)
            anchor = "end" if i == last and len(points) > 1 else "middle"
            body.append(_text(min(x, WIDTH - 1), height - 6, point.label, "ac-tick", anchor))
    for field, css in (("reference", "ac-ref"), ("value", "ac-line")):
        values = [getattr(p, field) for p in points]
        body += _lines([xy(i, v) if v is not None else None for i, v in enumerate(values)], css)
    marked = [(i, p.value) for i, p in enumerate(points) if p.value is not None]
    if marked:
        x, y = xy(*marked[-1])
        body.append(f'<circle class="ac-dot" cx="{x:.1f}" cy="{y:.1f}" r="4"/>')
    if legend:
        body.append(f'<line class="ac-line" x1="{left:.1f}" x2="{left + 18:.1f}" y1="8" y2="8"/>')
        body.append(_text(left + 24, 12, legend[0], "ac-tick"))
        ref_x = left + 24 + _width(legend[0]) + 16
        body.append(f'<line class="ac-ref" x1="{ref_x:.1f}" x2="{ref_x + 18:.1f}" y1="8" y2="8"/>')
        body.append(_text(ref_x + 24, 12, legend[1], "ac-tick"))
    return _svg(height, title, "".join(body), "ac-series")


def _lines(points: list[tuple[float, float] | None], css: str) -> list[str]:
    """A path through each run of known points, lifting the pen over months without data;
    a month alone between gaps is a dot."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    shapes = []
    for run in runs:
        if len(run) == 1:
            x, y = run[0]
            shapes.append(f'<circle class="{css}-dot" cx="{x:.1f}" cy="{y:.1f}" r="2.5"/>')
        elif run:
            d = "".join(f"{'L' if i else 'M'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(run))
            shapes.append(f'<path class="{css}" d="{d}"/>')
    return shapes
