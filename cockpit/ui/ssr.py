"""Server-side HTML of a page's Dash components, painted before any JavaScript runs.

The first response carries the page as plain HTML (figures included), so a phone
shows today's numbers at once; the Dash app then mounts the same tree and CSS
swaps the two without a layout shift (see `.ssr` in assets/cockpit.css). Links
work before the swap as ordinary links. Ids stay with the live tree, but for in-page anchors.
"""

from __future__ import annotations

from html import escape

from dash.development.base_component import Component

_VOID = {"img", "br", "hr", "meta", "link", "input", "source", "wbr", "col"}
_TAGS = {"MapEl": "map", "ObjectEl": "object"}
_RENAMED = {
    "className": "class",
    "htmlFor": "for",
    "tabIndex": "tabindex",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "dateTime": "datetime",
}
# Ids kept in the server copy (skip link, in-page links, the question box's suggestion list,
# a dictionary entry); other ids belong to the live tree.
_KEPT_IDS = {"page", "alertes", "ask-metrics"}
_SKIPPED = {
    "children",
    "id",
    "key",
    "n_clicks",
    "n_clicks_timestamp",
    "disable_n_clicks",
    "loading_state",
    "setProps",
    "style",
}
ANCHOR_PREFIX = "def-"  # a dictionary entry: /dictionnaire#def-alos


def is_anchor(node_id: object) -> bool:
    """An id the server copy keeps: a target of links, not a live component."""
    return node_id in _KEPT_IDS or str(node_id).startswith(ANCHOR_PREFIX)


def _style(style: dict) -> str:
    def kebab(name: str) -> str:
        return "".join("-" + c.lower() if c.isupper() else c for c in name)

    return ";".join(f"{kebab(k)}:{v}" for k, v in style.items())


def _attributes(props: dict) -> str:
    parts = []
    for name, value in props.items():
        if name in _SKIPPED or value is None or value is False:
            continue
        attr = _RENAMED.get(name, name)
        if value is True:
            parts.append(f" {attr}")
        else:
            parts.append(f' {attr}="{escape(str(value), quote=True)}"')
    if props.get("style"):
        parts.append(f' style="{escape(_style(props["style"]), quote=True)}"')
    return "".join(parts)


def element(node: Component) -> tuple[str, dict] | None:
    """(tag, props in React form) of an element the page shows; None for state components."""
    if getattr(node, "raw_html", False):
        return node.tag or "div", dict(node.attributes or {})
    kind = type(node).__name__
    props = {k: getattr(node, k) for k in node._prop_names if getattr(node, k, None) is not None}
    wildcards = {k: v for k, v in vars(node).items() if k.startswith(("data-", "aria-"))}
    props.update(sorted(wildcards.items()))  # Dash keeps them in no stable order
    kept = {k: v for k, v in props.items() if k not in _SKIPPED or k == "style"}
    if is_anchor(props.get("id")):
        kept = {"id": props["id"], **kept}
    if node._namespace == "dash_core_components":
        if kind == "Link":
            return "a", {k: props[k] for k in ("href", "className", "title", "style") if k in props}
        if kind == "Graph":
            return "div", {
                "className": (props.get("className") or "") + " ssr-graph",
                "style": props.get("style"),
            }
        return None
    return _TAGS.get(kind, kind.lower()), kept


def _inner(node: Component) -> str:
    if getattr(node, "raw_html", False):
        return node.html or ""
    if type(node).__name__ == "Graph":
        return ""
    return to_html(getattr(node, "children", None))


def to_html(node) -> str:
    """HTML of a component tree (html.*, dcc.Link, RawHtml; dcc.Graph becomes a sized
    placeholder, state components like dcc.Location nothing)."""
    if node is None:
        return ""
    if isinstance(node, (list, tuple)):
        return "".join(to_html(child) for child in node)
    if not isinstance(node, Component):
        return escape(str(node), quote=False)
    found = element(node)
    if found is None:
        return ""
    tag, props = found
    attributes = (f' id="{props["id"]}"' if is_anchor(props.get("id")) else "") + _attributes(props)
    if tag in _VOID:
        return f"<{tag}{attributes}>"
    return f"<{tag}{attributes}>{_inner(node)}</{tag}>"
