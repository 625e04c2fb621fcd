"""`cockpit serve` under load: the queue warning reports instead of flooding the log, and
waitress gets the limits the app was built with."""

from __future__ import annotations

import logging

from flask import Flask

from cockpit.web.serving import DEFAULT_THREADS, QueueDepthSampler, waitress_options


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _warn(logger: logging.Logger, depth: int) -> None:
    logger.warning("Task queue depth is %d", depth)


def test_a_burst_of_queue_warnings_becomes_one_line_per_interval(caplog):
    clock = Clock()
    logger = logging.getLogger("test.waitress.queue")
    logger.addFilter(QueueDepthSampler(every_s=60, clock=clock))
    with caplog.at_level(logging.WARNING, logger=logger.name):
        for depth in [1, 5, 12, 3] * 250:  # a burst of 1 000 waits, as 20 clients cause
            _warn(logger, depth)
        clock.now = 61
        _warn(logger, 2)
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert lines[1] == (
        "Task queue depth reached 12 (1000 requests waited for a thread since last report)"
    )


def test_waitress_gets_the_body_limit_and_leaves_trusted_proxies_to_the_app():
    app = Flask("t")
    app.config.update(MAX_CONTENT_LENGTH=1024, COCKPIT_TRUSTED_PROXIES="")
    options = waitress_options(app)
    assert options["threads"] == DEFAULT_THREADS and options["max_request_body_size"] == 1024
    assert options["clear_untrusted_proxy_headers"] is True
    app.config["COCKPIT_TRUSTED_PROXIES"] = "127.0.0.1"
    assert waitress_options(app, threads=4)["clear_untrusted_proxy_headers"] is False
