"""Login throttling per account and per address, kept in the user store.

After `limit` failures within `window_s`, further attempts are refused
until a delay has passed since the last failure; the delay doubles with each
further failure, up to `max_delay_s`. Because the failures are rows in
SQLite, every server process applies the same lock.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from cockpit.auth.users import UserStore


@dataclass(frozen=True)
class Rule:
    limit: int
    window_s: float = 15 * 60
    base_delay_s: float = 60
    max_delay_s: float = 15 * 60

    def delay(self, failures: int) -> float:
        if failures < self.limit:
            return 0.0
        return min(self.base_delay_s * 2 ** (failures - self.limit), self.max_delay_s)


# One account: a handful of guesses. One address: more, because a whole
# hospital often reaches the server through a single NAT address.
ACCOUNT_RULE = Rule(limit=5)
ADDRESS_RULE = Rule(limit=20)


class LoginThrottle:
    def __init__(
        self, store: UserStore, account: Rule = ACCOUNT_RULE, address: Rule = ADDRESS_RULE
    ):
        self.store = store
        self.rules = {"account": account, "address": address}

    @staticmethod
    def _keys(username: str, address: str | None) -> dict[str, str]:
        return {
            "account": f"account:{username.strip().casefold()}",
            "address": f"address:{address or 'unknown'}",
        }

    def retry_after(self, username: str, address: str | None) -> float:
        """Seconds before another attempt is allowed (0 when allowed now)."""
        now = time.time()
        wait = 0.0
        with self.store.connect() as con:
            for kind, key in self._keys(username, address).items():
                rule = self.rules[kind]
                count, last = con.execute(
                    "SELECT count(*), max(at) FROM login_failures WHERE key = ? AND at > ?",
                    (key, now - rule.window_s),
                ).fetchone()
                if count:
                    wait = max(wait, last + rule.delay(count) - now)
        return max(wait, 0.0)

    def record_failure(self, username: str, address: str | None) -> None:
        now = time.time()
        horizon = now - max(r.window_s for r in self.rules.values())
        with self.store.connect() as con:
            con.executemany(
                "INSERT INTO login_failures (key, at) VALUES (?, ?)",
                [(key, now) for key in self._keys(username, address).values()],
            )
            con.execute("DELETE FROM login_failures WHERE at < ?", (horizon,))

    def record_success(self, username: str) -> None:
        """A good password clears the account's failures (not the address's)."""
        with self.store.connect() as con:
            con.execute(
                "DELETE FROM login_failures WHERE key = ?", (self._keys(username, None)["account"],)
            )
