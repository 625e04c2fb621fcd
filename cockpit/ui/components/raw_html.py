"""Static parts of a page as server-rendered HTML inside the Dash tree ("islands").

`islands(tree)` replaces every subtree without a live component (a graph, a button
with an id, a state component) by one RawHtml with the same tag, attributes and inner
HTML: the DOM is the one the server painted, but the browser builds it with one
innerHTML instead of hundreds of React components. The JavaScript side is `RawHtml`
in assets/cockpit.js, which also turns clicks on its links into in-app navigation.
"""

from __future__ import annotations

from dash.development.base_component import Component

from cockpit.ui.ssr import element, is_anchor, to_html


class RawHtml(Component):
    """One element whose inner HTML comes from the server (escaped by cockpit.ui.ssr)."""

    _namespace = "cockpit"  # window.cockpit.RawHtml
    _type = "RawHtml"
    raw_html = True

    def __init__(
        self,
        html: str = "",
        tag: str = "div",
        attributes: dict | None = None,
        id: str | None = None,
    ):  # noqa: A002 (Dash's prop name)
        self._prop_names = ["id", "html", "tag", "attributes"]
        self._valid_wildcard_attributes = []
        self.available_properties = list(self._prop_names)
        self.available_wildcard_properties = []
        args = {"html": html, "tag": tag, "attributes": attributes or {}}
        if id is not None:
            args["id"] = id
        super().__init__(**args)


def _live_itself(node: Component) -> bool:
    """Components the browser must run: dcc ones but links, and anything callbacks address."""
    if node._namespace == "dash_core_components":
        return type(node).__name__ != "Link"
    node_id = getattr(node, "id", None)
    return node_id is not None and not is_anchor(node_id)


def _raw(node: Component) -> Component:
    found = element(node)
    if found is None:
        return node
    tag, attributes = found
    html = to_html(getattr(node, "children", None))
    return RawHtml(html=html, tag=tag, attributes=attributes)


def _walk(node) -> tuple[object, bool]:
    if not isinstance(node, Component):
        return node, False
    children = getattr(node, "children", None)
    many = isinstance(children, (list, tuple))
    seq = list(children) if many else ([] if children is None else [children])
    walked = [_walk(child) for child in seq]
    live = _live_itself(node) or any(is_live for _, is_live in walked)
    if live and seq:
        kept = [
            child if is_live or not isinstance(child, Component) else _raw(child)
            for child, is_live in walked
        ]
        node.children = kept if many else kept[0]
    return node, live


def islands(tree: Component) -> Component:
    """The same tree with its static subtrees as RawHtml (in place; trees are per request)."""
    node, live = _walk(tree)
    return node if live else _raw(node)
