"""The detail page's monthly chart (Plotly, as a plain figure dict: cheap to build).

Actual vs last year vs target, labels and hover texts formatted by babel, and
nothing that captures a touch scroll: no drag, no zoom, fixed axes.
"""

from __future__ import annotations

from dash import dcc

from cockpit.catalog.model import Metric
from cockpit.formatting import format_date_short, format_value
from cockpit.ui.figures import Point
from cockpit.ui.i18n import t

CONFIG = {
    "displayModeBar": False,
    "scrollZoom": False,
    "doubleClick": False,
    "showTips": False,
    "responsive": True,
}
HEIGHT = 280
_SCALE = {"pct1": 100, "keur": 1e-3, "meur": 1e-6}
_COLORS = {"current": "#2563eb", "previous": "#8b95a5", "target": "#c2410c", "budget": "#7c3aed"}


_AXIS_SUFFIX = {"pct1": "%", "eur": "€", "keur": "k€", "meur": "M€"}


def _trace(
    name: str, points: list[Point], field: str, metric: Metric, lang: str, style: dict
) -> dict:
    scale = _SCALE.get(metric.format, 1)
    values = [getattr(p, field) for p in points]
    return {
        "type": "scatter",
        "mode": style.pop("mode", "lines"),
        "name": name,
        "x": [format_date_short(p.month, lang) for p in points],
        "y": [None if v is None else v * scale for v in values],
        "customdata": [format_value(v, metric.format, metric.unit, lang) for v in values],
        "hovertemplate": "%{customdata}<extra>" + name + "</extra>",
        **style,
    }


def monthly_chart(metric: Metric, points: list[Point], lang: str) -> dcc.Graph:
    traces = []
    if any(p.previous is not None for p in points):
        traces.append(
            _trace(
                t("chart_previous", lang),
                points,
                "previous",
                metric,
                lang,
                {"line": {"color": _COLORS["previous"], "width": 2, "dash": "dot"}},
            )
        )
    if any(p.budget is not None for p in points):
        traces.append(
            _trace(
                t("chart_budget", lang),
                points,
                "budget",
                metric,
                lang,
                {"line": {"color": _COLORS["budget"], "width": 2, "dash": "dash"}},
            )
        )
    if any(p.target is not None for p in points):
        traces.append(
            _trace(
                t("chart_target", lang),
                points,
                "target",
                metric,
                lang,
                {"line": {"color": _COLORS["target"], "width": 2, "dash": "dash", "shape": "hv"}},
            )
        )
    traces.append(
        _trace(
            t("chart_current", lang),
            points,
            "value",
            metric,
            lang,
            {
                "mode": "lines+markers",
                "line": {"color": _COLORS["current"], "width": 3},
                "marker": {"size": 6},
            },
        )
    )
    suffix = _AXIS_SUFFIX.get(metric.format, "")
    layout = {
        "height": HEIGHT,
        "margin": {"l": 8, "r": 8, "t": 8, "b": 8},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {
            "family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "size": 12,
            "color": "#5b6472",
        },
        "separators": ", " if lang == "fr" else ".,",
        "dragmode": False,
        "hovermode": "x unified",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "y": 1.12, "font": {"size": 12}},
        "xaxis": {"fixedrange": True, "showgrid": False, "tickangle": 0, "automargin": True},
        "yaxis": {
            "fixedrange": True,
            "gridcolor": "rgba(128,128,128,0.18)",
            "zeroline": False,
            "automargin": True,
            "ticksuffix": (" " + suffix) if suffix else "",
            "tickformat": ",~r",  # grouped thousands, with the locale's `separators`
            "rangemode": "normal",
        },
    }
    return dcc.Graph(
        id="detail-chart",
        figure={"data": traces, "layout": layout},
        config=CONFIG,
        className="chart",
        style={"height": f"{HEIGHT}px"},
    )
