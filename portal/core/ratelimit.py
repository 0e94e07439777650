"""Fixed-window rate limits in the cache (Redis in production, shared by all web workers)."""

import time
from dataclasses import dataclass

from django.core.cache import cache

from .net import hashed_identifier


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` events per `window` seconds for one key within one `scope`."""

    scope: str
    limit: int
    window: int

    def _cache_key(self, identifier: str) -> str:
        bucket = int(time.time()) // self.window
        return f"ratelimit:{self.scope}:{hashed_identifier(identifier)}:{bucket}"

    def hit(self, identifier: str) -> bool:
        """Count one event; True while the key is within its limit (the event is allowed)."""
        key = self._cache_key(identifier)
        # add() is atomic: only the first event of a window creates the counter.
        if cache.add(key, 1, timeout=self.window + 1):
            return True
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=self.window + 1)
            return True
        return count <= self.limit

    def is_exceeded(self, identifier: str) -> bool:
        """Whether the key is already over its limit, without counting an event."""
        value = cache.get(self._cache_key(identifier))
        return value is not None and value > self.limit

    def seconds_until_reset(self) -> int:
        return self.window - int(time.time()) % self.window
