"""The address (path and query) of the page being rendered.

The first HTML response knows it from the request. Dash fetches its layout from
`/_dash-layout`, whose Referer is the page (Referrer-Policy: same-origin), so the
layout can hold the right page at once; when it is missing, the layout renders
home without a `pathname`, dcc.Location then reports the real address and the
navigation callback renders the right page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import has_request_context, request


def page_address(from_referrer: bool) -> tuple[str | None, str | None]:
    """(path, '?query') of the page; (None, None) when unknown."""
    if not has_request_context():
        return None, None
    if not from_referrer:
        query = request.query_string.decode("utf-8", "replace")
        return request.path, ("?" + query) if query else ""
    referrer = request.referrer
    if not referrer:
        return None, None
    try:
        parts = urlsplit(referrer)
    except ValueError:  # not a URL (e.g. "http://["): render home, as without a Referer
        return None, None
    if parts.netloc and parts.netloc != request.host:
        return None, None
    return parts.path or "/", ("?" + parts.query) if parts.query else ""
