"""Login throttling kept in Redis (COCKPIT_REDIS_URL): the same rules as `LoginThrottle`,
for server processes that share Redis rather than a state directory.

Each key's failures are a sorted set scored by time. If Redis cannot be reached, the
state-directory throttle answers instead, so logging in never fails for it.
"""

from __future__ import annotations

import logging
import time
import uuid

import redis

from cockpit.auth.throttle import ACCOUNT_RULE, ADDRESS_RULE, LoginThrottle, Rule

log = logging.getLogger("cockpit.auth.throttle")
PREFIX = "cockpit:login-failures:"


class RedisThrottle:
    def __init__(
        self,
        url: str,
        fallback: LoginThrottle,
        account: Rule = ACCOUNT_RULE,
        address: Rule = ADDRESS_RULE,
    ):
        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.fallback = fallback
        self.rules = {"account": account, "address": address}

    def _keys(self, username: str, address: str | None) -> dict[str, str]:
        keys = LoginThrottle._keys(username, address)
        return {kind: PREFIX + key for kind, key in keys.items()}

    def retry_after(self, username: str, address: str | None) -> float:
        """Seconds before another attempt is allowed (0 when allowed now)."""
        now = time.time()
        try:
            wait = 0.0
            for kind, key in self._keys(username, address).items():
                rule = self.rules[kind]
                pipe = self.redis.pipeline()
                pipe.zremrangebyscore(key, "-inf", now - rule.window_s)
                pipe.zcard(key)
                pipe.zrange(key, -1, -1, withscores=True)
                _, count, last = pipe.execute()
                if count:
                    wait = max(wait, last[0][1] + rule.delay(count) - now)
            return max(wait, 0.0)
        except redis.RedisError as exc:
            log.warning("Redis unavailable for login throttling (%s): state dir used", exc)
            return self.fallback.retry_after(username, address)

    def record_failure(self, username: str, address: str | None) -> None:
        now = time.time()
        try:
            pipe = self.redis.pipeline()
            for kind, key in self._keys(username, address).items():
                pipe.zadd(key, {f"{now}:{uuid.uuid4().hex}": now})
                pipe.expire(key, int(self.rules[kind].window_s) + 1)
            pipe.execute()
        except redis.RedisError as exc:
            log.warning("Redis unavailable for login throttling (%s): state dir used", exc)
            self.fallback.record_failure(username, address)

    def record_success(self, username: str) -> None:
        """A good password clears the account's failures (not the address's)."""
        try:
            self.redis.delete(self._keys(username, None)["account"])
        except redis.RedisError:
            self.fallback.record_success(username)
