"""A 12-month trend as a tiny server-rendered SVG (an <img> data URI: no Plotly, no JS).

The SVG carries its own light and dark colours through a prefers-color-scheme
media query, since an image cannot read the page's CSS variables.
"""

from __future__ import annotations

from urllib.parse import quote

from dash import html

WIDTH, HEIGHT, PAD = 120, 32, 3
_STYLE = (
    "<style>.l{stroke:#2563eb}.d{fill:#2563eb}.a{fill:#2563eb;opacity:.10}"
    "@media (prefers-color-scheme:dark){.l{stroke:#7aa7ff}.d{fill:#7aa7ff}"
    ".a{fill:#7aa7ff;opacity:.16}}</style>"
)


def sparkline_svg(values: tuple[float | None, ...] | list[float | None]) -> str:
    """The SVG markup of a line through the known values, the last one marked by a dot."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">{_STYLE}'
    )
    if len(known) < 2:
        return head + "</svg>"
    low = min(v for _, v in known)
    high = max(v for _, v in known)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return PAD + i * step, PAD + (HEIGHT - 2 * PAD) * (1 - (v - low) / span)

    points = [xy(i, v) for i, v in known]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    area = f"{points[0][0]:.1f},{HEIGHT} {line} {points[-1][0]:.1f},{HEIGHT}"
    last_x, last_y = points[-1]
    return (
        head
        + f'<polygon class="a" points="{area}"/>'
        + f'<polyline class="l" points="{line}" fill="none" stroke-width="2" '
        'stroke-linejoin="round" stroke-linecap="round"/>'
        + f'<circle class="d" cx="{last_x:.1f}" cy="{last_y:.1f}" r="3"/></svg>'
    )


def sparkline(values, alt: str) -> html.Img:
    return html.Img(
        src="data:image/svg+xml," + quote(sparkline_svg(values), safe=" =:/,.\"'()"),
        alt=alt,
        width=WIDTH,
        height=HEIGHT,
        className="spark",
    )
