"""How `cockpit serve` runs the app under waitress: threads and connections sized for a
hospital's load, the body limit enforced before a request is read, the forwarded
headers left to `TrustedProxies`, and a queue warning that reports instead of floods.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask

# Measured with 20 clients on 2 cores (bench/serve_load.py): 4, 8 and 16 threads are within
# the noise of each other; 32 only raises p95 and lets queries reach the 5 s limit. A request
# that waits for a thread queues in waitress, which is cheap: it is not an error.
DEFAULT_THREADS = 8
# Phones on 4G hold connections open: room for a few hundred users, no more (the next wait).
CONNECTION_LIMIT = 400
QUEUE_LOG_EVERY_S = 60.0


class QueueDepthSampler(logging.Filter):
    """Waitress logs « Task queue depth is N » on every request that has to wait for a
    thread: thousands of lines under a burst. One line per interval is kept, with the
    deepest queue and how many warnings it stands for."""

    def __init__(self, every_s: float = QUEUE_LOG_EVERY_S, clock=time.monotonic):
        super().__init__()
        self.every_s, self.clock = every_s, clock
        self.last_shown: float | None = None
        self.held, self.deepest = 0, 0

    def filter(self, record: logging.LogRecord) -> bool:
        depth = record.args[0] if isinstance(record.args, tuple) and record.args else 0
        self.held += 1
        self.deepest = max(self.deepest, int(depth))
        now = self.clock()
        if self.last_shown is not None and now - self.last_shown < self.every_s:
            return False
        record.msg = (
            "Task queue depth reached %d (%d requests waited for a thread since last report)"
        )
        record.args = (self.deepest, self.held)
        self.last_shown, self.held, self.deepest = now, 0, 0
        return True


def quiet_queue_log(every_s: float = QUEUE_LOG_EVERY_S) -> QueueDepthSampler:
    sampler = QueueDepthSampler(every_s)
    logging.getLogger("waitress.queue").addFilter(sampler)
    return sampler


def waitress_options(server: Flask, threads: int = DEFAULT_THREADS) -> dict[str, Any]:
    """Keyword arguments for `waitress.serve(server, host=…, port=…, **options)`."""
    return {
        "threads": threads,
        "connection_limit": max(CONNECTION_LIMIT, threads * 4),
        # Refused by waitress before the body is buffered; Flask says the same (413) after.
        "max_request_body_size": server.config["MAX_CONTENT_LENGTH"],
        # With trusted proxies set, TrustedProxies decides whom to believe; otherwise
        # waitress drops X-Forwarded-* itself, as nobody is trusted.
        "clear_untrusted_proxy_headers": not server.config["COCKPIT_TRUSTED_PROXIES"],
        "ident": "cockpit",
    }
