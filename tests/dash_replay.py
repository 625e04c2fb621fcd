"""Replay what the browser does on first load of the dashboard, with raw callback POSTs.

Reads /_dash-layout and /_dash-dependencies, then fires every server-side
callback whose inputs are known (from the layout, the URL, or earlier
callback outputs), a few rounds deep, the way dash-renderer would. Used to
check what a user can get out of the dashboard without a browser.
"""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient

HEADERS = {"Origin": "http://localhost", "Content-Type": "application/json"}


def _collect(node: Any, values: dict[tuple[str, str], Any]) -> None:
    """Every (id, property) → value in a component tree."""
    if isinstance(node, list):
        for child in node:
            _collect(child, values)
    elif isinstance(node, dict) and "props" in node and "type" in node:
        props = node["props"]
        if isinstance(props.get("id"), str):
            for prop, value in props.items():
                values[(props["id"], prop)] = value
        for value in props.values():
            _collect(value, values)


def _outputs(spec: str) -> list[dict[str, str]]:
    parts = spec.strip(".").split("...") if spec.startswith("..") else [spec]
    return [dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)) for p in parts]


def _simple(dependency: dict) -> bool:
    ids = [d["id"] for d in dependency["inputs"] + dependency["state"]]
    outputs = _outputs(dependency["output"])
    return (dependency.get("clientside_function") is None and all(isinstance(i, str) for i in ids)
            and not any(o["id"].startswith("{") for o in outputs))  # fmt: skip


def replay(client: FlaskClient, path: str = "/", rounds: int = 3) -> list[tuple[dict, Any]]:
    """[(request body, response)] of every callback whose inputs are known once `path` is
    loaded, including those a click or a navigation would fire (prevent_initial_call)."""
    values: dict[tuple[str, str], Any] = {}
    pathname, _, query = path.partition("?")
    layout = client.get("/_dash-layout", headers={"Referer": f"http://localhost{path}"})
    graph = client.get("/_dash-dependencies")
    if layout.status_code != 200 or graph.status_code != 200:
        return []
    _collect(layout.get_json(), values)
    for component_id, prop in list(values):
        if prop == "pathname":  # a dcc.Location: the page the browser is on
            values[(component_id, "pathname")] = pathname
            values[(component_id, "search")] = f"?{query}" if query else ""
    dependencies = [d for d in graph.get_json() if _simple(d)]
    location = {
        "pathname": pathname,
        "href": f"http://localhost{path}",
        "search": f"?{query}" if query else "",
        "hash": "",
    }
    fired: set[str] = set()
    exchanges = []
    for _ in range(rounds):
        for dependency in dependencies:
            inputs = dependency["inputs"]
            if dependency["output"] in fired:
                continue
            known = [(i["id"], i["property"]) in values or i["property"] in location
                     for i in inputs]  # fmt: skip
            if not all(known):
                continue

            def value(item):
                key = (item["id"], item["property"])
                return values.get(key, location.get(item["property"]))

            outputs = _outputs(dependency["output"])
            body = {
                "output": dependency["output"],
                "outputs": outputs if len(outputs) > 1 or dependency["output"].startswith("..")
                else outputs[0],
                "inputs": [{**i, "value": value(i)} for i in inputs],
                "state": [{**s, "value": value(s)} for s in dependency["state"]],
                "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs],
            }  # fmt: skip
            response = client.post("/_dash-update-component", data=json.dumps(body),
                                   headers=HEADERS)  # fmt: skip
            fired.add(dependency["output"])
            exchanges.append((body, response))
            if response.status_code == 200:
                for component_id, props in response.get_json()["response"].items():
                    for prop, new in props.items():
                        values[(component_id, prop)] = new
                        _collect(new, values)
    return exchanges


def navigate(client, path: str, search: str = "") -> str:
    """The router callback for an address, as dash-renderer sends it; its text (must be 200)."""
    body = {
        "output": "frame-root.children",
        "outputs": {"id": "frame-root", "property": "children"},
        "inputs": [
            {"id": "url", "property": "pathname", "value": path},
            {"id": "url", "property": "search", "value": search},
        ],
        "state": [],
        "changedPropIds": ["url.pathname"],
    }
    response = client.post("/_dash-update-component", data=json.dumps(body), headers=HEADERS)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def export_csv(client, path: str, search: str):
    """The CSV export link of the page at `path` + `search` (a plain download link)."""
    return client.get(f"/export/csv{path}{search}")
