"""The results cache the server processes share: Redis through flask-caching when
COCKPIT_REDIS_URL is set; otherwise none, and each process keeps its own (engine/cache.py)."""

from __future__ import annotations

from flask import Flask
from flask_caching import Cache

from cockpit import config
from cockpit.engine.cache import SHARED_TTL_S, SharedCache

KEY_PREFIX = "cockpit:"


def shared_cache(server: Flask) -> SharedCache | None:
    url = config.redis_url()
    if url is None:
        return None
    cache = Cache(
        server,
        config={
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": url,
            "CACHE_KEY_PREFIX": KEY_PREFIX,
            "CACHE_DEFAULT_TIMEOUT": SHARED_TTL_S,
        },
    )
    return cache.cache
