"""A stand-in dashboard for auth tests while cockpit.ui has no create_dash yet.

One page, one callback that asks the engine for admissions by pole inside
the current user's perimeter, like the real dashboard's callbacks do.
"""

from __future__ import annotations

import sys
import types

from dash import Dash, Input, Output, dcc, html

from cockpit.engine import QueryPlan
from cockpit.periods import Period


def create_dash(server, engine) -> Dash:
    from cockpit.auth import current_perimeter

    app = Dash(__name__, server=server, url_base_pathname="/")
    app.layout = html.Div(
        [
            dcc.Input(id="metric", value="admissions"),
            html.Pre(id="figures"),
        ]
    )

    @app.callback(Output("figures", "children"), Input("metric", "value"))
    def figures(metric):
        plan = QueryPlan.build(metric, Period.parse("2024-01", "2024-03"), group_by=["pole"])
        result = engine.run(plan, current_perimeter())
        return "\n".join(f"{r['pole']}: {r['value']}" for r in result.rows)

    return app


def install_if_missing() -> bool:
    """Put this stand-in at cockpit.ui.create_dash when the real one is absent."""
    try:
        from cockpit.ui import create_dash as _real  # noqa: F401
    except ImportError:
        module = types.ModuleType("cockpit.ui")
        module.create_dash = create_dash
        sys.modules["cockpit.ui"] = module
        return True
    return False
