"""Behind a TLS reverse proxy: trust X-Forwarded-For/-Proto/-Host from the listed proxies only.

`COCKPIT_TRUSTED_PROXIES` lists the proxies' addresses or networks (comma-separated,
e.g. `127.0.0.1` or `10.0.0.0/24`). A request from one of them is read through
werkzeug's ProxyFix, so login throttling, the audit log, Secure cookies and the
Origin check see the real client, scheme and public host; from anywhere else the
forwarded headers are dropped, since any client could have written them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED_HEADERS = (
    "HTTP_FORWARDED",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PREFIX",
)


def trusted_networks(setting: str) -> tuple[Network, ...]:
    """The proxies listed in `setting` (COCKPIT_TRUSTED_PROXIES); ValueError names a bad one."""
    networks = []
    for item in (i.strip() for i in setting.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(
                f"COCKPIT_TRUSTED_PROXIES: {item[:60]!r} is not an IP address or network"
            ) from None
    return tuple(networks)


class TrustedProxies:
    """WSGI middleware: ProxyFix (one hop) for requests from a trusted proxy, none otherwise."""

    def __init__(self, app: Callable, networks: tuple[Network, ...]):
        self.app = app
        self.through_proxy = ProxyFix(app, x_for=1, x_proto=1, x_host=1)
        self.networks = networks

    def trusts(self, address: str | None) -> bool:
        try:
            peer = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(peer in network for network in self.networks)

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Any:
        if self.trusts(environ.get("REMOTE_ADDR")):
            return self.through_proxy(environ, start_response)
        for header in FORWARDED_HEADERS:
            environ.pop(header, None)
        return self.app(environ, start_response)
